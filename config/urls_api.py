"""REST API routes; each app contributes its viewsets."""

from rest_framework.routers import DefaultRouter

from onestop.catalog.api import ServiceItemViewSet
from onestop.organisations.api import OrganisationViewSet
from onestop.posts.api import (
    DepartmentViewSet,
    DutyLogEntryViewSet,
    MaterialHandoverViewSet,
    PostViewSet,
    WindowViewSet,
)

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("departments", DepartmentViewSet, basename="department")
router.register("windows", WindowViewSet, basename="window")
router.register("posts", PostViewSet, basename="post")
router.register("duty-log", DutyLogEntryViewSet, basename="dutylog")
router.register("handovers", MaterialHandoverViewSet, basename="handover")
router.register("catalog/items", ServiceItemViewSet, basename="serviceitem")

urlpatterns = router.urls
