"""Staff routes of the casework figures (included under /staff/metrics/)."""

urlpatterns: list = []
