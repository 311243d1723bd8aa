"""Staff routes of the surveys app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
