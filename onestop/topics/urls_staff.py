"""Staff routes of the topics app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
