"""REST API of cases: intake, the supplement, circulation actions, my work, one case.

Views only parse, call a service or selector, and serialise. Every refusal
answers ``{"errors": [{"code", "field", "message"}]}`` with the message in
the request's language: 400 in general, 409 when someone else changed the
case meanwhile ("stale"), 403 when the caller may not act, 404 for a case
of another organisation or none. A refused write leaves nothing behind: the
services run in one transaction.

The organisation is the one named by ``?organisation=<id>`` among the
caller's memberships, else the active one (as for every scoped endpoint).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import exception_handler

from onestop.cases import selectors
from onestop.cases.errors import CaseError
from onestop.cases.models import Case
from onestop.cases.serializers import (
    ACTION_INPUTS,
    CaseSerializer,
    ErrorsSerializer,
    IntakeInSerializer,
    IntakeResultSerializer,
    SupplementInSerializer,
    WorkRowSerializer,
)
from onestop.circulation.services import case_act
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.intake.services import case_intake, case_supplement
from onestop.organisations.api import api_organisation
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation

# --- Errors -----------------------------------------------------------------

_STATUS_OF_CODE = {
    CaseError.STALE.code: status.HTTP_409_CONFLICT,
    CaseError.NO_PERMISSION.code: status.HTTP_403_FORBIDDEN,
    CaseError.NOT_ON_STEP.code: status.HTTP_403_FORBIDDEN,
}
# The services name the model's fields; the API names the body's.
_BODY_FIELD = {
    "applicant_name": "applicant.name",
    "applicant_phone": "applicant.phone",
    "applicant_email": "applicant.email",
    "applicant_id_number": "applicant.id_number",
    "lock_version": "expected_version",
}


def errors_exception_handler(
    exc: Exception, context: dict[str, Any]
) -> Response | None:
    """DRF's handler, answering every refusal in one shape."""
    if isinstance(exc, ServiceError | ServiceErrors):
        return _service_errors_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's text would name the model
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = {"errors": _api_errors(exc)}
    return response


def _service_errors_response(exc: ServiceError | ServiceErrors) -> Response:
    errors = exc.as_list() if isinstance(exc, ServiceErrors) else [exc.as_dict()]
    for error in errors:
        error["field"] = _BODY_FIELD.get(error["field"], error["field"])
    code = errors[0]["code"]
    return Response(
        {"errors": errors},
        status=_STATUS_OF_CODE.get(code, status.HTTP_400_BAD_REQUEST),
    )


def _api_errors(exc: exceptions.APIException) -> list[dict[str, Any]]:
    if isinstance(exc, exceptions.ValidationError):
        return [
            {"code": "invalid", "field": field, "message": str(message)}
            for field, message in _flatten(exc.detail, "")
        ]
    detail: Any = exc.detail
    return [
        {
            "code": getattr(detail, "code", exc.default_code),
            "field": None,
            "message": str(detail),
        }
    ]


def _flatten(detail: Any, path: str) -> list[tuple[str | None, Any]]:
    """(dotted field path, message) for each message in DRF's nested error detail."""
    if isinstance(detail, dict):
        items: list[tuple[Any, Any]] = list(detail.items())
    elif isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        items = list(enumerate(detail))
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return [(path or None, message) for message in messages]
    found = []
    for key, inner in items:
        name = "" if key == "non_field_errors" else str(key)
        found += _flatten(inner, ".".join(p for p in (path, name) if p))
    return found


# --- Organisation and permission --------------------------------------------


def case_organisation(request: Request) -> Organisation:
    """The organisation of the call (token callers included: see api_organisation)."""
    return api_organisation(request)


def require_view(request: Request, organisation: Organisation) -> None:
    if not has_organisation_perm(request.user, "cases.view_case", organisation.pk):
        raise ServiceError(CaseError.NO_PERMISSION, field=None, action=_("view cases"))


# --- Schema -----------------------------------------------------------------

ORGANISATION = OpenApiParameter(
    "organisation",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    description="An organisation of the caller's (default: the active one).",
)
NUMBER = OpenApiParameter(
    "number", OpenApiTypes.STR, OpenApiParameter.PATH, description="Receipt number."
)
ACTION = OpenApiParameter(
    "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(ACTION_INPUTS)
)
READ_REFUSALS = {code: ErrorsSerializer for code in (403, 404)}
WRITE_REFUSALS = {code: ErrorsSerializer for code in (400, 403, 404, 409)}
ACTION_BODY = PolymorphicProxySerializer(
    component_name="ActionBody",
    serializers=list(dict.fromkeys(ACTION_INPUTS.values())),
    resource_type_field_name=None,
)


# --- Views ------------------------------------------------------------------

Body = TypeVar("Body", bound=Serializer)  # type: ignore[type-arg]


def parsed(body: Body) -> Body:
    """The body, checked for shape and types (a 400 in the errors shape if not)."""
    body.is_valid(raise_exception=True)
    return body


class CaseViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Cases of the caller's organisation."""

    lookup_field = "number"
    serializer_class = CaseSerializer
    parser_classes = [JSONParser]

    def get_exception_handler(self) -> Any:
        return errors_exception_handler

    def _case_response(self, case: Case, code: int = status.HTTP_200_OK) -> Response:
        """The case as read afresh, with everything its page shows."""
        case = selectors.case_get(organisation=case.organisation, number=case.number)
        context = {"actor": self.request.user, "now": timezone.now()}
        return Response(CaseSerializer(case, context=context).data, status=code)

    @extend_schema(
        parameters=[ORGANISATION, NUMBER],
        responses={200: CaseSerializer, **READ_REFUSALS},
    )
    def retrieve(self, request: Request, number: str) -> Response:
        """The case with its materials, steps, documents, timeline and clocks."""
        organisation = case_organisation(request)
        require_view(request, organisation)
        case = selectors.case_get(organisation=organisation, number=number)
        return self._case_response(case)

    @extend_schema(
        parameters=[ORGANISATION],
        responses={200: WorkRowSerializer(many=True), **READ_REFUSALS},
    )
    @route(detail=False, methods=["get"])
    def mine(self, request: Request) -> Response:
        """Open cases waiting for the caller, the most urgent first."""
        organisation = case_organisation(request)
        require_view(request, organisation)
        cases = selectors.my_work(actor=request.user, organisation=organisation)
        page = self.paginate_queryset(cases)
        rows = WorkRowSerializer(page, many=True, context={"now": timezone.now()})
        return self.get_paginated_response(rows.data)

    @extend_schema(
        parameters=[ORGANISATION],
        request=IntakeInSerializer,
        responses={201: IntakeResultSerializer, **WRITE_REFUSALS},
    )
    @route(detail=False, methods=["post"])
    def intake(self, request: Request) -> Response:
        """Take in a request with one of the five outcomes and issue its document.

        Answers with the case's state and documents; ``Location`` is the whole case.
        """
        organisation = case_organisation(request)
        body = parsed(IntakeInSerializer(data=request.data))
        case = case_intake(
            actor=request.user, organisation=organisation, **body.arguments()
        )
        context = {"actor": request.user, "now": timezone.now()}
        result = IntakeResultSerializer(case, context=context).data
        response = Response(result, status=status.HTTP_201_CREATED)
        response["Location"] = reverse("case-detail", kwargs={"number": case.number})
        return response

    @extend_schema(
        parameters=[ORGANISATION, NUMBER],
        request=SupplementInSerializer,
        responses={200: CaseSerializer, **WRITE_REFUSALS},
    )
    @route(detail=True, methods=["post"])
    def supplement(self, request: Request, number: str) -> Response:
        """Record what the applicant brings against the one-time notice; decide again."""
        organisation = case_organisation(request)
        case = selectors.case_get(organisation=organisation, number=number)
        body = parsed(SupplementInSerializer(data=request.data))
        case = case_supplement(actor=request.user, case=case, **body.arguments())
        return self._case_response(case)

    @extend_schema(
        parameters=[ORGANISATION, NUMBER, ACTION],
        request=ACTION_BODY,
        responses={200: CaseSerializer, **WRITE_REFUSALS},
    )
    @route(detail=True, methods=["post"], url_path=r"actions/(?P<action>[^/.]+)")
    def act(self, request: Request, number: str, action: str) -> Response:
        """Take a circulation action: expected_version plus the action's parameters."""
        organisation = case_organisation(request)
        case = selectors.case_get(organisation=organisation, number=number)
        if action not in ACTION_INPUTS:
            raise ServiceError(CaseError.UNKNOWN_ACTION, field="action")
        context = {"organisation": organisation}
        body = parsed(ACTION_INPUTS[action](data=request.data, context=context))
        case = case_act(
            actor=request.user,
            case=case,
            action=action,
            expected_version=body.validated_data["expected_version"],
            **body.params(),
        )
        return self._case_response(case)
