"""Staff routes of the inspection app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
