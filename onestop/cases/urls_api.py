"""API routes of cases (included under /api/v1/)."""

urlpatterns: list = []
