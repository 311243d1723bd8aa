"""What the cases API reads and writes.

Input serializers check shapes and types only and turn the body into the
services' own arguments (``Applicant``, ``MaterialCheck``, ``Decision``,
handler keywords); every rule about cases stays in the services, so the API
refuses with the same codes and messages as the window screens. Output
serializers show the applicant's ID and phone masked, never in full.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from onestop.cases.errors import CaseError
from onestop.cases.models import (
    ApplicantKind,
    Case,
    CaseDocument,
    CaseEvent,
    CaseMaterial,
    CaseStep,
    Channel,
    Outcome,
    PickupWay,
    SuspensionReason,
)
from onestop.cases.selectors import case_colour
from onestop.cases.states import Action
from onestop.catalog.models import MaterialForm
from onestop.circulation.assignment import actions_offered
from onestop.common.errors import ServiceError
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import Decision
from onestop.organisations.models import Organisation
from onestop.posts.models import Post


def _text(max_length: int | None = None) -> serializers.CharField:
    """An optional text; blank is left for the services to judge."""
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default=""
    )


# --- Errors -----------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(help_text="Stable machine-readable code.")
    field = serializers.CharField(
        allow_null=True, help_text="The body field concerned, as a dotted path."
    )
    message = serializers.CharField(help_text="In the request's language.")


class ErrorsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    errors = ErrorSerializer(many=True)


# --- Input ------------------------------------------------------------------


class ApplicantInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField(max_length=120, allow_blank=True)
    phone = serializers.CharField(max_length=30, allow_blank=True)
    id_number = _text(30)
    email = _text(254)
    address = _text(200)
    contact_person = _text(60)


class MaterialCheckInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    position = serializers.IntegerField(
        help_text="Line of the item's material list, from 1."
    )
    received = serializers.BooleanField(default=False)
    form = serializers.ChoiceField(
        choices=MaterialForm.choices, required=False, allow_blank=True, default=""
    )
    count = serializers.IntegerField(min_value=0, max_value=99, default=0)
    defective = serializers.BooleanField(default=False)
    defect_reason = _text(200)
    applies = serializers.BooleanField(
        default=True, help_text="For conditional materials: the condition holds."
    )


class DecisionInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = _text()
    legal_basis = _text()
    competent_body = _text()
    contact = _text()


class IntakeInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    item = serializers.CharField(max_length=40, help_text="The item's code.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant = ApplicantInSerializer()
    materials = MaterialCheckInSerializer(many=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decision = DecisionInSerializer(required=False)
    pickup_way = serializers.ChoiceField(
        choices=PickupWay.choices, default=PickupWay.WINDOW
    )
    pickup_note = _text(200)

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``case_intake`` (besides actor and organisation)."""
        data = self.validated_data
        return {
            "item_code": data["item"],
            "channel": data["channel"],
            "applicant": Applicant(**data["applicant"]),
            "checks": checks_of(data["materials"]),
            "outcome": data["outcome"],
            "decision": decision_of(data.get("decision")),
            "pickup_way": data["pickup_way"],
            "pickup_note": data["pickup_note"],
        }


class SupplementInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    expected_version = serializers.IntegerField(
        help_text="The case's lock_version as last read."
    )
    materials = MaterialCheckInSerializer(many=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    justification = _text()
    decision = DecisionInSerializer(required=False)

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``case_supplement`` (besides actor and case)."""
        data = self.validated_data
        return {
            "expected_version": data["expected_version"],
            "checks": checks_of(data["materials"]),
            "outcome": data["outcome"],
            "justification": data["justification"],
            "decision": decision_of(data.get("decision")),
        }


def checks_of(lines: list[dict[str, Any]]) -> list[MaterialCheck]:
    return [MaterialCheck(**line) for line in lines]


def decision_of(data: dict[str, Any] | None) -> Decision | None:
    return Decision(**data) if data else None


class ActionInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Every action's body: the revision the caller last saw, then its parameters."""

    expected_version = serializers.IntegerField(
        help_text="The case's lock_version as last read."
    )

    def params(self) -> dict[str, Any]:
        """The keyword arguments of the action's handler."""
        data = dict(self.validated_data)
        data.pop("expected_version")
        return data


class CommentInSerializer(ActionInSerializer):
    comment = _text()


class ReturnInSerializer(CommentInSerializer):
    to_position = serializers.IntegerField(
        required=False, default=None, help_text="An earlier step, from 1."
    )


class ForwardInSerializer(CommentInSerializer):
    post = _text(20)
    assignee = _text(150)

    def params(self) -> dict[str, Any]:
        """The post (by code) and the person (by username), both of the case's organisation."""
        data = super().params()
        organisation = self.context["organisation"]
        data["post"] = _post_of(organisation, data["post"])
        data["assignee"] = _member_of(organisation, data["assignee"])
        return data


def _post_of(organisation: Organisation, code: str) -> Post | None:
    if not code:
        return None
    post = Post.objects.filter(organisation=organisation, code=code).first()
    if post is None:
        raise ServiceError(CaseError.FORWARD_TARGET_INVALID, field="post")
    return post


def _member_of(organisation: Organisation, username: str) -> Any:
    if not username:
        return None
    user = (
        get_user_model()
        .objects.filter(
            username=username,
            memberships__organisation=organisation,
            memberships__is_active=True,
        )
        .first()
    )
    if user is None:
        raise ServiceError(CaseError.FORWARD_TARGET_INVALID, field="assignee")
    return user


class MessageInSerializer(ActionInSerializer):
    message = _text()


class SuspendInSerializer(ActionInSerializer):
    reason = serializers.ChoiceField(
        choices=SuspensionReason.choices, required=False, allow_blank=True, default=""
    )
    note = _text(300)


class ExtendRequestInSerializer(ActionInSerializer):
    days = serializers.IntegerField(
        required=False, default=None, help_text="Working days, 1 to 60."
    )
    reason = _text(300)


class HandOverInSerializer(CommentInSerializer):
    way = serializers.ChoiceField(choices=PickupWay.choices, default=PickupWay.WINDOW)
    collected_by = _text(120)
    tracking_number = _text(60)


ACTION_INPUTS: dict[str, type[ActionInSerializer]] = {
    Action.APPROVE: CommentInSerializer,
    Action.RETURN: ReturnInSerializer,
    Action.FORWARD: ForwardInSerializer,
    Action.REQUEST_INFO: MessageInSerializer,
    Action.SUSPEND: SuspendInSerializer,
    Action.RESUME: CommentInSerializer,
    Action.EXTEND_REQUEST: ExtendRequestInSerializer,
    Action.EXTEND_APPROVE: CommentInSerializer,
    Action.EXTEND_REFUSE: CommentInSerializer,
    Action.COMPLETE: CommentInSerializer,
    Action.NOTIFY: MessageInSerializer,
    Action.HAND_OVER: HandOverInSerializer,
    Action.WITHDRAW: CommentInSerializer,
}


# --- Output -----------------------------------------------------------------


class ApplicantOutSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField(source="applicant_kind")
    name = serializers.CharField(source="applicant_name")
    id_number = serializers.CharField(source="masked_id_number", help_text="Masked.")
    phone = serializers.CharField(source="masked_phone", help_text="Masked.")
    email = serializers.CharField(source="applicant_email")
    address = serializers.CharField(source="applicant_address")
    contact_person = serializers.CharField()


class MaterialOutSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = CaseMaterial
        fields = [
            "position",
            "name",
            "necessity",
            "condition",
            "required_form",
            "required_copies",
            "applies",
            "received",
            "form_received",
            "count",
            "defective",
            "defect_reason",
            "supplemented_at",
        ]


class StepOutSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    department = serializers.CharField(source="department.code")
    post = serializers.CharField(source="post.code", allow_null=True)
    assignee = serializers.CharField(source="assignee.username", allow_null=True)

    class Meta:
        model = CaseStep
        fields = [
            "position",
            "name",
            "department",
            "post",
            "assignee",
            "limit_days",
            "started_at",
            "due_at",
            "finished_at",
            "outcome",
        ]


class DocumentOutSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = CaseDocument
        fields = ["kind", "number", "issued_at"]


class EventOutSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    actor = serializers.CharField(source="actor.username", allow_null=True)

    class Meta:
        model = CaseEvent
        fields = [
            "sequence",
            "action",
            "actor",
            "at",
            "from_status",
            "to_status",
            "from_step",
            "to_step",
            "comment",
        ]


class ClocksSerializer(serializers.Serializer):  # type: ignore[type-arg]
    due_at = serializers.DateTimeField(allow_null=True)
    yellow_at = serializers.DateTimeField(allow_null=True)
    colour = serializers.CharField(
        help_text='"green", "yellow", "red", "stopped" while suspended, or "".'
    )


class _CaseStateFields(serializers.ModelSerializer):  # type: ignore[type-arg]
    """What may be done to a case now and its clocks. Context: ``actor`` and ``now``."""

    status_label = serializers.CharField(source="get_status_display")
    allowed_actions = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, case: Case) -> list[str]:
        """What the caller may do now; "supplement" has its own endpoint."""
        return actions_for(self.context["actor"], case)

    @extend_schema_field(ClocksSerializer)
    def get_clocks(self, case: Case) -> dict[str, Any]:
        return ClocksSerializer(
            {
                "due_at": case.due_at,
                "yellow_at": case.yellow_at,
                "colour": case_colour(case, self.context["now"]),
            }
        ).data


class CaseSerializer(_CaseStateFields):
    """One case as its page shows it. Context: ``actor`` and ``now``."""

    item = serializers.CharField(source="item.code")
    item_name = serializers.CharField(source="item.name")
    applicant = ApplicantOutSerializer(source="*")
    first_responsible = serializers.CharField(source="first_responsible.username")
    current_step = serializers.CharField(source="current_step.name", allow_null=True)
    materials = MaterialOutSerializer(many=True)
    steps = StepOutSerializer(many=True)
    documents = DocumentOutSerializer(many=True)
    timeline = EventOutSerializer(source="events", many=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "item",
            "item_name",
            "channel",
            "status",
            "status_label",
            "outcome",
            "applicant",
            "first_responsible",
            "received_at",
            "accepted_at",
            "completed_at",
            "delivered_at",
            "limit_days",
            "extension_days",
            "notice_count",
            "pickup_way",
            "pickup_note",
            "current_step",
            "lock_version",
            "allowed_actions",
            "clocks",
            "materials",
            "steps",
            "documents",
            "timeline",
        ]


class IntakeResultSerializer(_CaseStateFields):
    """What intake answers: the case's state and documents, not its whole record.

    The full case is one GET away (the ``Location`` header). Reading it back
    and serialising every list cost an acceptance as much as taking it in.
    """

    documents = DocumentOutSerializer(many=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "status",
            "status_label",
            "outcome",
            "limit_days",
            "lock_version",
            "allowed_actions",
            "clocks",
            "documents",
        ]


def actions_for(actor: Any, case: Case) -> list[str]:
    """The actions the caller may take now (see circulation.assignment.actions_offered)."""
    return [action.value for action in actions_offered(actor, case)]


class WorkRowSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A line of "my work". Context: ``now``."""

    item = serializers.CharField(source="item.code")
    item_name = serializers.CharField(source="item.name")
    current_step = serializers.CharField(source="current_step.name", allow_null=True)
    colour = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "number",
            "item",
            "item_name",
            "status",
            "current_step",
            "due_at",
            "colour",
        ]

    def get_colour(self, case: Case) -> str:
        now: datetime = self.context["now"]
        return case_colour(case, now)
