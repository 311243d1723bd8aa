"""Staff routes of the queueing app (included under /staff/, namespace "staff")."""

urlpatterns: list = []
