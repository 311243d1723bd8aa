"""Staff routes of the ratings app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
