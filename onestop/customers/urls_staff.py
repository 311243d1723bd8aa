"""Staff routes of the customers app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
