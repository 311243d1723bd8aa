"""Staff routes of the campaigns app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
