"""Public routes of the servicecontracts app (included under /o/<org_slug>/)."""

urlpatterns: list = []
