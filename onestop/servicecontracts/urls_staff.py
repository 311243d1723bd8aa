"""Staff routes of the servicecontracts app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
