"""Staff routes of the workforce app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
