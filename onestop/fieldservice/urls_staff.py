"""Staff routes of the fieldservice app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
