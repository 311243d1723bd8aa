"""Public routes of the queueing app (included under /o/<org_slug>/)."""

urlpatterns: list = []
