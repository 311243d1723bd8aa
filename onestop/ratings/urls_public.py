"""Public routes of the ratings app (included under /o/<org_slug>/)."""

urlpatterns: list = []
