"""Public routes of the customers app (included under /o/<org_slug>/)."""

urlpatterns: list = []
