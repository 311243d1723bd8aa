"""One-window intake (一窗受理): exactly five outcomes, each with its document.

``case_intake`` opens a case from any channel; ``case_supplement`` records
what the applicant brings against the one-time notice. Both run in one
transaction: the case, its material lines, its first event, its document and
the notice to the applicant stand or fall together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.cases.clocks import clocks_refresh
from onestop.cases.errors import CaseError
from onestop.cases.events import event_append
from onestop.cases.locking import case_lock, require_perm
from onestop.cases.models import (
    Case,
    CaseMaterial,
    CaseStatus,
    CaseStep,
    DocumentKind,
    Outcome,
    PickupWay,
)
from onestop.cases.numbering import receipt_number_next
from onestop.cases.states import INTAKE, Action, refusal
from onestop.catalog.models import ItemKind, ItemVersion, ServiceItem
from onestop.catalog.versions import ItemSpec
from onestop.common.errors import ServiceError, raise_all
from onestop.customers.policies import LOOK_UP, CustomerOrLookUp, time_limit_for
from onestop.customers.services import case_link_at_intake
from onestop.intake.checks import (
    Applicant,
    MaterialCheck,
    Shortfall,
    applicant_problems,
    material_problems,
    shortfalls,
)
from onestop.intake.documents import document_issue
from onestop.notifications.models import NotificationKind
from onestop.notifications.services import notify_applicant
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import Department, Post


@dataclass(frozen=True)
class Decision:
    """What a rejection or a referral must say."""

    reason: str = ""
    legal_basis: str = ""
    competent_body: str = ""
    contact: str = ""


_STATUS_AFTER = {
    Outcome.ON_THE_SPOT: CaseStatus.DELIVERED,
    Outcome.ACCEPTED: CaseStatus.IN_PROGRESS,
    Outcome.NOTICE: CaseStatus.AWAITING_SUPPLEMENT,
    Outcome.REJECTED: CaseStatus.REJECTED,
    Outcome.REFERRED: CaseStatus.REFERRED,
}
_DOCUMENT_OF = {
    Outcome.ON_THE_SPOT: DocumentKind.ON_THE_SPOT,
    Outcome.ACCEPTED: DocumentKind.RECEIPT,
    Outcome.NOTICE: DocumentKind.NOTICE,
    Outcome.REJECTED: DocumentKind.REJECTION,
    Outcome.REFERRED: DocumentKind.REFERRAL,
}


def item_for_intake(
    *, organisation: Organisation, code: str
) -> tuple[ServiceItem, ItemVersion]:
    """The published item with ``code`` and its current version, or a refusal naming the code."""
    version = (
        ItemVersion.objects.filter(
            item__organisation=organisation, item__code=code, item__is_published=True
        )
        .select_related("item")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise ServiceError(CaseError.ITEM_UNKNOWN, field="item", code=code)
    return version.item, version


def outcome_problems(
    *, outcome: str, item: ServiceItem, owed: list[Shortfall], decision: Decision
) -> list[ServiceError]:
    """Whether ``outcome`` fits the item and the materials found."""
    if outcome in (Outcome.ON_THE_SPOT, Outcome.ACCEPTED) and owed:
        names = "、".join(s.name for s in owed)
        return [
            ServiceError(
                CaseError.MATERIALS_INCOMPLETE, field="outcome", materials=names
            )
        ]
    if outcome == Outcome.ON_THE_SPOT and item.kind == ItemKind.PROMISED:
        return [
            ServiceError(
                CaseError.PROMISED_NOT_ON_THE_SPOT, field="outcome", item=item.name
            )
        ]
    if outcome == Outcome.ACCEPTED and item.kind == ItemKind.IMMEDIATE:
        return [
            ServiceError(
                CaseError.IMMEDIATE_NOT_ACCEPTED, field="outcome", item=item.name
            )
        ]
    if outcome == Outcome.NOTICE and not owed:
        return [ServiceError(CaseError.NOTHING_MISSING, field="outcome")]
    return decision_problems(outcome=outcome, decision=decision)


def decision_problems(*, outcome: str, decision: Decision) -> list[ServiceError]:
    required: dict[str, list[tuple[str, CaseError]]] = {
        Outcome.REJECTED: [
            ("reason", CaseError.REASON_MISSING),
            ("legal_basis", CaseError.LEGAL_BASIS_MISSING),
        ],
        Outcome.REFERRED: [
            ("competent_body", CaseError.COMPETENT_BODY_MISSING),
            ("contact", CaseError.CONTACT_MISSING),
        ],
    }
    return [
        ServiceError(code, field=field)
        for field, code in required.get(outcome, [])
        if not getattr(decision, field).strip()
    ]


@transaction.atomic
def case_intake(
    *,
    actor: Any,
    organisation: Organisation,
    item_code: str,
    channel: str,
    applicant: Applicant,
    checks: list[MaterialCheck],
    outcome: str,
    decision: Decision | None = None,
    pickup_way: str = PickupWay.WINDOW,
    pickup_note: str = "",
    now: datetime | None = None,
) -> Case:
    """Take in a request with one of the five outcomes and issue its document."""
    now = now or timezone.now()
    decision = decision or Decision()
    require_perm(
        actor=actor,
        perm=INTAKE,
        case_or_org_id=organisation.pk,
        action_label=_("intake"),
    )
    item, version = item_for_intake(organisation=organisation, code=item_code)
    spec = ItemSpec.of(version)
    problems = applicant_problems(applicant) + material_problems(
        checks, spec.materials, item.name
    )
    raise_all(problems)
    owed = shortfalls(checks, spec.materials)
    raise_all(
        outcome_problems(outcome=outcome, item=item, owed=owed, decision=decision)
    )
    case = _case_open(
        actor=actor,
        organisation=organisation,
        item=item,
        version=version,
        channel=channel,
        applicant=applicant,
        outcome=outcome,
        pickup_way=pickup_way,
        pickup_note=pickup_note,
        now=now,
    )
    customer = case_link_at_intake(case=case)
    _materials_record(case, spec, checks)
    _outcome_apply(case, spec, outcome, now, customer=customer)
    event_append(
        case=case,
        action="intake",
        actor=actor,
        at=now,
        to_status=case.status,
        to_step=case.current_step.name if case.current_step else "",
        data={"outcome": outcome, "owed": [s.position for s in owed]},
    )
    document = document_issue(
        case=case,
        kind=_DOCUMENT_OF[Outcome(outcome)],
        actor=actor,
        at=now,
        owed=owed,
        decision=decision,
    )
    _notify_of_document(case, document.kind, now)
    return case


def _notify_of_document(case: Case, kind: str, now: datetime) -> None:
    # At the window the applicant holds the document; acceptance and notices
    # are also sent, since the applicant may have applied from afar.
    notification = {
        DocumentKind.RECEIPT: NotificationKind.RECEIPT,
        DocumentKind.NOTICE: NotificationKind.NOTICE,
    }.get(DocumentKind(kind))
    if notification is not None:
        notify_applicant(case=case, kind=notification, at=now)


def _case_open(
    *,
    actor: Any,
    organisation: Organisation,
    item: ServiceItem,
    version: ItemVersion,
    channel: str,
    applicant: Applicant,
    outcome: str,
    pickup_way: str,
    pickup_note: str,
    now: datetime,
) -> Case:
    day = timezone.localtime(now).date()
    return Case.objects.create(
        organisation=organisation,
        number=receipt_number_next(organisation=organisation, day=day),
        item=item,
        item_version=version,
        channel=channel,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number.strip().upper(),
        applicant_phone=applicant.phone.strip(),
        applicant_email=applicant.email.strip(),
        applicant_address=applicant.address.strip(),
        contact_person=applicant.contact_person.strip(),
        first_responsible=actor,
        status=_STATUS_AFTER[Outcome(outcome)],
        outcome=outcome,
        received_at=now,
        limit_days=version.snapshot["promised_limit_days"],
        pickup_way=pickup_way,
        pickup_note=pickup_note,
    )


def _materials_record(case: Case, spec: ItemSpec, checks: list[MaterialCheck]) -> None:
    by_position = {check.position: check for check in checks}
    CaseMaterial.objects.bulk_create(
        [
            _material_line(case, position, material, by_position.get(position))
            for position, material in enumerate(spec.materials, start=1)
        ]
    )


def _material_line(
    case: Case, position: int, material: Any, check: MaterialCheck | None
) -> CaseMaterial:
    check = check or MaterialCheck(position=position, received=False)
    return CaseMaterial(
        case=case,
        position=position,
        name=material.name,
        necessity=material.necessity,
        condition=material.condition,
        required_form=material.form,
        required_copies=material.copies,
        applies=check.applies,
        received=check.received,
        form_received=check.form if check.received else "",
        count=check.count if check.received else 0,
        defective=check.received and check.defective,
        defect_reason=check.defect_reason.strip() if check.defective else "",
    )


def _outcome_apply(
    case: Case,
    spec: ItemSpec,
    outcome: str,
    now: datetime,
    customer: CustomerOrLookUp = LOOK_UP,
) -> None:
    if outcome == Outcome.ON_THE_SPOT:
        case.completed_at = case.delivered_at = now
        case.save(update_fields=["completed_at", "delivered_at"])
    elif outcome == Outcome.NOTICE:
        case.notice_count = 1
        case.save(update_fields=["notice_count"])
    elif outcome == Outcome.ACCEPTED:
        case_start_circulation(case, spec, now, customer=customer)


def case_start_circulation(
    case: Case,
    spec: ItemSpec,
    now: datetime,
    customer: CustomerOrLookUp = LOOK_UP,
) -> None:
    """Accept: start the clock and hand the case to the first internal step.

    ``customer``: whom the case is for, if the caller knows (see ``time_limit_for``).
    """
    case.accepted_at = now
    case.status = CaseStatus.IN_PROGRESS
    # A segment's service policy may promise less than the catalogue (篇3).
    case.limit_days = time_limit_for(case, customer)
    fields = [
        "accepted_at",
        "status",
        "limit_days",
        "current_step",
        "current_department",
        "current_post",
        "current_assignee",
    ]
    if spec.steps:
        step_activate(case, position=1, at=now)
    calendar = work_calendar_for(case.organisation)
    fields += clocks_refresh(case, calendar, now)
    case.save(update_fields=fields)


def step_activate(
    case: Case, *, position: int, at: datetime, assignee: Any = None
) -> CaseStep:
    """Open the ``position``-th step of the case's version and make it current."""
    spec = case.item_version.snapshot["steps"][position - 1]
    department = Department.objects.get(
        organisation=case.organisation, code=spec["department"]
    )
    post = (
        Post.objects.filter(organisation=case.organisation, code=spec["post"]).first()
        if spec["post"]
        else None
    )
    step = CaseStep.objects.create(
        case=case,
        position=position,
        name=spec["name"],
        department=department,
        post=post,
        assignee=assignee,
        limit_days=spec["limit_days"],
        started_at=at,
    )
    case.current_step = step
    case.current_department, case.current_post, case.current_assignee = (
        department,
        post,
        assignee,
    )
    return step


@transaction.atomic
def case_supplement(
    *,
    actor: Any,
    case: Case,
    expected_version: int,
    checks: list[MaterialCheck],
    outcome: str,
    justification: str = "",
    decision: Decision | None = None,
    now: datetime | None = None,
) -> Case:
    """Record the applicant's supplement against the one-time notice, then decide again.

    The supplement may only bring what the notice listed. If something is
    still owed, a further notice needs a recorded justification and is
    counted against the one-time-notification rate.
    """
    now = now or timezone.now()
    require_perm(
        actor=actor,
        perm=INTAKE,
        case_or_org_id=case.organisation_id,
        action_label=Action.SUPPLEMENT.label,
    )
    case = case_lock(
        case=case, expected_version=expected_version, action="supplement", actor=actor
    )
    refused = refusal(case, Action.SUPPLEMENT)
    if refused is not None:
        raise ServiceError(
            refused,
            field="action",
            action=Action.SUPPLEMENT.label,
            status=case.get_status_display(),
        )
    spec = ItemSpec.of(case.item_version)
    listed = set(
        case.documents.filter(kind=DocumentKind.NOTICE)
        .order_by("-issued_at")
        .values_list("content", flat=True)
        .first()["owed_positions"]
    )
    raise_all(
        material_problems(checks, spec.materials, case.item.name)
        + [
            ServiceError(
                CaseError.SUPPLEMENT_OUTSIDE_NOTICE,
                field="materials",
                material=spec.materials[c.position - 1].name,
            )
            for c in checks
            if 1 <= c.position <= len(spec.materials) and c.position not in listed
        ]
    )
    merged = _merge_checks(case, checks, now)
    owed = shortfalls(merged, spec.materials)
    if outcome == Outcome.NOTICE and owed and not justification.strip():
        raise ServiceError(
            CaseError.SECOND_NOTICE_NEEDS_JUSTIFICATION, field="justification"
        )
    decision = decision or Decision()
    raise_all(
        outcome_problems(outcome=outcome, item=case.item, owed=owed, decision=decision)
    )
    return _supplement_decide(
        case, spec, actor, outcome, owed, justification, decision, now
    )


def _merge_checks(
    case: Case, checks: list[MaterialCheck], now: datetime
) -> list[MaterialCheck]:
    """Apply the supplement to the material lines; return the whole list as it now stands."""
    by_position = {check.position: check for check in checks}
    merged = []
    for line in case.materials.all():
        check = by_position.get(line.position)
        if check is not None:
            line.received, line.applies = check.received, check.applies
            line.form_received = check.form if check.received else ""
            line.count = check.count if check.received else 0
            line.defective = check.received and check.defective
            line.defect_reason = check.defect_reason.strip() if line.defective else ""
            line.supplemented_at = now
            line.save()
        merged.append(
            MaterialCheck(
                position=line.position,
                received=line.received,
                form=line.form_received,
                count=line.count,
                defective=line.defective,
                defect_reason=line.defect_reason,
                applies=line.applies,
            )
        )
    return merged


def _supplement_decide(
    case: Case,
    spec: ItemSpec,
    actor: Any,
    outcome: str,
    owed: list[Shortfall],
    justification: str,
    decision: Decision,
    now: datetime,
) -> Case:
    before = case.status
    case.outcome = outcome
    case.status = _STATUS_AFTER[Outcome(outcome)]
    case.lock_version += 1
    fields = ["outcome", "status", "lock_version", "updated_at"]
    if outcome == Outcome.NOTICE:
        case.notice_count += 1
        fields.append("notice_count")
    case.save(update_fields=fields)
    if outcome != Outcome.NOTICE:
        _outcome_apply(case, spec, outcome, now)
    event_append(
        case=case,
        action="supplement",
        actor=actor,
        at=now,
        from_status=before,
        to_status=case.status,
        to_step=case.current_step.name if case.current_step else "",
        comment=justification,
        data={
            "outcome": outcome,
            "owed": [s.position for s in owed],
            "second_notice": outcome == Outcome.NOTICE,
        },
    )
    document = document_issue(
        case=case,
        kind=_DOCUMENT_OF[Outcome(outcome)],
        actor=actor,
        at=now,
        owed=owed,
        decision=decision,
        justification=justification,
    )
    _notify_of_document(case, document.kind, now)
    return case
