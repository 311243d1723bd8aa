"""REST API: the caller's organisations, and the base of every scoped endpoint.

An API call works within one organisation: the one named by the
``organisation`` query parameter (its id), or else the one the caller last
chose in the web interface. Naming an organisation one is not a member of
answers 404, exactly as an unknown one does.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request

from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import memberships_for_user


def _attach_memberships(request: Request) -> None:
    """Give a token caller the memberships the middleware gives a session.

    The organisation middleware runs before DRF authenticates, so for a call
    signed with a token it saw no user; attach the memberships here.
    """
    django_request = request._request
    if (
        getattr(django_request, "memberships", None)
        or not request.user.is_authenticated
    ):
        return
    memberships = memberships_for_user(request.user)
    django_request.memberships = memberships  # type: ignore[attr-defined]
    django_request.organisation = memberships[0].organisation if memberships else None  # type: ignore[attr-defined]


def api_organisation(request: Request) -> Organisation:
    _attach_memberships(request)
    memberships = getattr(request._request, "memberships", [])
    wanted = request.query_params.get("organisation")
    if wanted is None:
        organisation = getattr(request._request, "organisation", None)
        if organisation is None:
            raise Http404
        return organisation
    for membership in memberships:
        if str(membership.organisation_id) == wanted:
            return membership.organisation
    raise Http404


class HoldsModelPermission(permissions.BasePermission):
    """The caller's roles in the organisation grant the model's view/add/change permission."""

    _verbs = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def has_permission(self, request: Request, view: Any) -> bool:
        model: type[Model] = view.queryset_model
        verb = self._verbs.get(request.method or "GET", "change")
        perm = f"{model._meta.app_label}.{verb}_{model._meta.model_name}"
        organisation = api_organisation(request)
        return has_organisation_perm(request.user, perm, organisation.pk)


class OrganisationScopedViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Lists and reads only the rows of the caller's organisation."""

    queryset_model: type[Model]
    permission_classes = [permissions.IsAuthenticated, HoldsModelPermission]

    @property
    def organisation(self) -> Organisation:
        return api_organisation(self.request)

    def scoped(self) -> QuerySet[Any]:
        return self.queryset_model._default_manager.filter(
            organisation=self.organisation
        )


class OrganisationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "slug",
            "code",
            "kind",
            "phone",
            "office_hours",
        ]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Organisations the signed-in user is a member of."""

    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        ids = [
            m.organisation_id for m in getattr(self.request._request, "memberships", [])
        ]
        return Organisation.objects.filter(pk__in=ids).order_by("name")
