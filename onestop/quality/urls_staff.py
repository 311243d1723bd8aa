"""Staff routes of the quality app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
