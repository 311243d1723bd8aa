"""Staff routes of issued documents (included under /staff/cases/<number>/documents/)."""

urlpatterns: list = []
