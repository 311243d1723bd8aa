"""Staff routes of the knowledge app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
