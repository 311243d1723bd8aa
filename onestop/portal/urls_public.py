"""Public routes of the portal app (included under /o/<org_slug>/)."""

urlpatterns: list = []
