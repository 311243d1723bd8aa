"""Staff routes of the portal app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
