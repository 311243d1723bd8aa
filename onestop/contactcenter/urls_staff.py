"""Staff routes of the contactcenter app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
