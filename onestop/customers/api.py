"""The hotline switch's routing endpoint (CTI): a caller's number in, a tier out.

The switch (or an IVR script) signs in as a service account of the
organisation with a REST token (``Authorization: Token …``) or uses a staff
session; it names the organisation with ``?organisation=<id>`` like every
scoped endpoint. The number travels in the POST body, never in the address,
and the answer holds the routing tier and priority only — no name, no
segment, nothing that tells who called.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onestop.customers.policies import routing_for_caller
from onestop.customers.roles import VIEW
from onestop.organisations.api import api_organisation
from onestop.organisations.backends import has_organisation_perm


class RouteInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    caller = serializers.CharField(
        max_length=30,
        allow_blank=True,
        help_text=_("The caller's number as the switch sees it; empty if withheld."),
    )


class RouteOutSerializer(serializers.Serializer):  # type: ignore[type-arg]
    tier = serializers.CharField(
        help_text=_("The routing tier, e.g. VIP; “standard” for everyone else.")
    )
    priority = serializers.IntegerField(
        help_text=_("1 is answered first; 5 is the standard service.")
    )


class HotlineRouteView(APIView):
    """Where the switch queues a call: the tier and priority of the caller's policy."""

    parser_classes = [JSONParser]

    @extend_schema(
        request=RouteInSerializer,
        responses={200: RouteOutSerializer},
        summary="Route a hotline call",
    )
    def post(self, request: Request) -> Response:
        organisation = api_organisation(request)
        if not has_organisation_perm(request.user, VIEW, organisation.pk):
            raise exceptions.PermissionDenied
        given = RouteInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        caller = "".join(given.validated_data["caller"].split())
        routing = routing_for_caller(organisation_id=organisation.pk, caller=caller)
        return Response(
            RouteOutSerializer(
                {"tier": routing.tier, "priority": routing.priority}
            ).data
        )
