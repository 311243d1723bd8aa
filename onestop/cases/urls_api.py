"""API routes of cases (included under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from onestop.cases.api import CaseViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")

urlpatterns = router.urls
