"""Public routes of the surveys app (included under /o/<org_slug>/)."""

urlpatterns: list = []
