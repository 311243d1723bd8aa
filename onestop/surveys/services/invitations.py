"""Inviting people: per case (link, QR code, SMS, phone), anonymous links,
monthly sampling of completed cases, and phone return visits (回访).

Each invitation holds an unguessable token (``secrets``, 144 bits); the
public page finds the invitation by it, and a response is taken once.
The SMS goes through ``onestop.notifications`` like every message to an
applicant, recorded in the transaction and delivered after it commits.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from onestop.cases.models import Case, CaseStatus
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.notifications.models import NotificationKind
from onestop.notifications.services import notify_applicant
from onestop.organisations.models import Organisation
from onestop.posts.models import Department
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    INVITED_CHANNELS,
    CallAttempt,
    CallOutcome,
    Channel,
    Invitation,
    InvitationStatus,
    Questionnaire,
    SamplingRule,
    SamplingRun,
    Status,
)
from onestop.surveys.services.answering import Respondent, response_record

MAX_LINKS = 500
SAMPLED_STATUSES = (CaseStatus.COMPLETED, CaseStatus.DELIVERED)
CLOSING_OUTCOMES = {
    CallOutcome.REFUSED: InvitationStatus.REFUSED,
    CallOutcome.WRONG_NUMBER: InvitationStatus.UNREACHABLE,
}


def new_token() -> str:
    return secrets.token_urlsafe(18)


def published_version(*, organisation: Organisation, code: str) -> Questionnaire:
    version = (
        Questionnaire.objects.filter(
            organisation=organisation, code=code, status=Status.PUBLISHED
        )
        .order_by("-version")
        .first()
    )
    if version is None:
        raise ServiceError(
            SurveyError.NO_PUBLISHED_VERSION, field="questionnaire", code=code
        )
    return version


def _published(questionnaire: Questionnaire) -> None:
    if questionnaire.status != Status.PUBLISHED:
        raise ServiceError(SurveyError.NOT_PUBLISHED, version=questionnaire.version)


def _invitation_for(
    questionnaire: Questionnaire,
    case: Case,
    channel: str,
    actor: Any,
    now: datetime,
    run: Any = None,
) -> Invitation:
    invitation = Invitation.objects.create(
        organisation_id=questionnaire.organisation_id,
        questionnaire=questionnaire,
        token=new_token(),
        channel=channel,
        case=case,
        department_id=case.item.department_id,
        respondent_name=case.applicant_name,
        respondent_phone=case.applicant_phone,
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        sampling_run=run,
    )
    if channel == Channel.SMS:
        _sms_send(invitation, now)
    return invitation


@transaction.atomic
def invitation_for_case(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    case_number: str,
    channel: str,
    now: datetime | None = None,
) -> Invitation:
    """Invite the applicant of one case to answer ``questionnaire``."""
    _published(questionnaire)
    now = now or timezone.now()
    number = case_number.strip().upper()
    case = (
        Case.objects.select_related("item", "organisation", "item_version")
        .filter(organisation_id=questionnaire.organisation_id, number=number)
        .first()
    )
    if case is None:
        raise ServiceError(SurveyError.CASE_UNKNOWN, field="case_number", number=number)
    if channel not in INVITED_CHANNELS:
        raise ServiceError(SurveyError.OUTCOME_UNKNOWN, field="channel")
    if Invitation.objects.filter(questionnaire=questionnaire, case=case).exists():
        raise ServiceError(
            SurveyError.ALREADY_INVITED, field="case_number", number=number
        )
    if channel in (Channel.SMS, Channel.PHONE) and not case.applicant_phone:
        raise ServiceError(SurveyError.NO_PHONE, field="channel")
    invitation = _invitation_for(questionnaire, case, channel, actor, now)
    _audit("surveys.invited", actor, invitation, channel=channel)
    return invitation


@transaction.atomic
def invitation_links_create(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    count: int,
    department_id: int | None = None,
    respondent_name: str = "",
    now: datetime | None = None,
) -> list[Invitation]:
    """``count`` anonymous links (on-site QR codes, a management survey)."""
    _published(questionnaire)
    if not 1 <= count <= MAX_LINKS:
        raise ServiceError(SurveyError.COUNT_INVALID, field="count", maximum=MAX_LINKS)
    now = now or timezone.now()
    created = Invitation.objects.bulk_create(
        Invitation(
            organisation_id=questionnaire.organisation_id,
            questionnaire=questionnaire,
            token=new_token(),
            channel=Channel.LINK,
            department_id=department_id,
            respondent_name=respondent_name,
            created_at=now,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        for _n in range(count)
    )
    audit_record(
        verb="surveys.links_created",
        actor=actor,
        organisation=questionnaire.organisation,
        target=questionnaire,
        data={"count": count},
    )
    return created


def _sms_send(invitation: Invitation, now: datetime) -> None:
    from onestop.surveys.links import survey_url

    message = gettext("please tell us how we did in a short survey: %(link)s") % {
        "link": survey_url(invitation, via="sms")
    }
    notify_applicant(
        case=invitation.case, kind=NotificationKind.MESSAGE, at=now, message=message
    )
    invitation.sent_at = now
    invitation.save(update_fields=["sent_at"])


# --- A phone return visit to someone without a case ------------------------------


@transaction.atomic
def invitation_for_phone_call(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    respondent_name: str,
    respondent_phone: str,
    department_id: int | None = None,
    now: datetime | None = None,
) -> Invitation:
    """A phone return visit (回访) to a named person, for work that is not a case.

    Other apps (field service's signed visits) call this and keep the link on
    their side, so surveys never imports them.
    """
    _published(questionnaire)
    if not respondent_phone.strip():
        raise ServiceError(SurveyError.NO_PHONE, field="respondent_phone")
    invitation = Invitation.objects.create(
        organisation_id=questionnaire.organisation_id,
        questionnaire=questionnaire,
        token=new_token(),
        channel=Channel.PHONE,
        department_id=department_id,
        respondent_name=respondent_name.strip()[:120],
        respondent_phone=respondent_phone.strip()[:30],
        created_at=now or timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _audit("surveys.invited", actor, invitation, channel=Channel.PHONE)
    return invitation


# --- Sampling ---------------------------------------------------------------------


@dataclass(frozen=True)
class RuleFields:
    name: str
    questionnaire_code: str
    percent: Decimal
    minimum: int
    channel: str


@transaction.atomic
def sampling_rule_create(
    *, actor: Any, organisation: Organisation, fields: RuleFields
) -> SamplingRule:
    published_version(organisation=organisation, code=fields.questionnaire_code)
    if not Decimal("0.01") <= fields.percent <= 100:
        raise ServiceError(SurveyError.PERCENT_INVALID, field="percent")
    rule = SamplingRule.objects.create(
        organisation=organisation,
        name=fields.name,
        questionnaire_code=fields.questionnaire_code,
        percent=fields.percent,
        minimum=fields.minimum,
        channel=fields.channel,
        seed=secrets.token_hex(8),
    )
    audit_record(
        verb="surveys.rule_created", actor=actor, organisation=organisation, target=rule
    )
    return rule


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(following, time.min, tzinfo=zone),
    )


def sample_draw(rule: SamplingRule, cases: list[Case]) -> list[Case]:
    """The cases drawn: per catalogue item, the ⌈percent × n⌉ (at least
    ``minimum``) cases that come first when ordered by SHA-256 of the rule's
    seed and the case id — a fixed pseudo-random order, so the same month
    always draws the same cases."""
    by_item: dict[int, list[Case]] = {}
    for case in cases:
        by_item.setdefault(case.item_id, []).append(case)
    drawn = []
    for item_cases in by_item.values():
        item_cases.sort(
            key=lambda c: hashlib.sha256(f"{rule.seed}:{c.pk}".encode()).hexdigest()
        )
        wanted = math.ceil(len(item_cases) * rule.percent / 100)
        drawn += item_cases[: max(wanted, min(rule.minimum, len(item_cases)))]
    return drawn


@transaction.atomic
def sampling_run(
    *, actor: Any, rule: SamplingRule, month: date, now: datetime | None = None
) -> SamplingRun:
    """Draw the month's sample and invite the cases not invited yet."""
    now = now or timezone.now()
    questionnaire = published_version(
        organisation=rule.organisation, code=rule.questionnaire_code
    )
    start, end = month_bounds(month)
    cases = list(
        Case.objects.select_related("item", "organisation", "item_version").filter(
            organisation_id=rule.organisation_id,
            status__in=SAMPLED_STATUSES,
            completed_at__gte=start,
            completed_at__lt=end,
        )
    )
    drawn = sample_draw(rule, cases)
    invited = set(
        Invitation.objects.filter(
            questionnaire=questionnaire, case__in=drawn
        ).values_list("case_id", flat=True)
    )
    run = SamplingRun.objects.create(
        rule=rule,
        month=start.date(),
        population=len(cases),
        drawn=len(drawn),
        created=0,
        run_at=now,
        run_by=actor if getattr(actor, "pk", None) else None,
    )
    fresh = [
        c
        for c in drawn
        if c.pk not in invited and (c.applicant_phone or rule.channel == Channel.LINK)
    ]
    for case in fresh:
        _invitation_for(questionnaire, case, rule.channel, actor, now, run)
    run.created = len(fresh)
    run.save(update_fields=["created"])
    audit_record(
        verb="surveys.sample_drawn",
        actor=actor,
        organisation=rule.organisation,
        target=rule,
        data={"month": f"{start:%Y-%m}", "drawn": len(drawn), "created": len(fresh)},
    )
    return run


# --- Phone return visits ---------------------------------------------------------


@transaction.atomic
def return_visit_record(
    *,
    actor: Any,
    invitation: Invitation,
    outcome: str,
    note: str = "",
    answers: dict[int, Any] | None = None,
    department_id: int | None = None,
    comment: str = "",
    started_at: datetime | None = None,
    now: datetime | None = None,
) -> CallAttempt:
    """Record one call; when answered, the answers the agent took down."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("questionnaire")
        .get(pk=invitation.pk)
    )
    if invitation.channel != Channel.PHONE:
        raise ServiceError(SurveyError.NOT_PHONE)
    if outcome not in CallOutcome.values:
        raise ServiceError(SurveyError.OUTCOME_UNKNOWN, field="outcome")
    if invitation.status != InvitationStatus.OPEN:
        raise ServiceError(SurveyError.INVITATION_CLOSED)
    if (
        department_id is not None
        and not Department.objects.filter(
            organisation_id=invitation.organisation_id, pk=department_id
        ).exists()
    ):
        raise ServiceError(SurveyError.DEPARTMENT_ELSEWHERE, field="department")
    attempt = CallAttempt.objects.create(
        organisation_id=invitation.organisation_id,
        invitation=invitation,
        outcome=outcome,
        called_at=now,
        caller=actor,
        note=note[:300],
    )
    invitation.attempts = invitation.calls.count()
    if outcome == CallOutcome.ANSWERED:
        response_record(
            questionnaire=invitation.questionnaire,
            respondent=Respondent(
                channel=Channel.PHONE,
                invitation=invitation,
                case=invitation.case,
                department_id=department_id or invitation.department_id,
                phone=invitation.respondent_phone,
                recorded_by=actor,
                comment=comment,
            ),
            answers=answers or {},
            now=now,
            started_at=started_at,
        )
    elif outcome in CLOSING_OUTCOMES:
        invitation.status = CLOSING_OUTCOMES[CallOutcome(outcome)]
    answered = outcome == CallOutcome.ANSWERED
    invitation.save(update_fields=["attempts"] if answered else ["attempts", "status"])
    _audit("surveys.call_recorded", actor, invitation, outcome=outcome)
    return attempt


def _audit(verb: str, actor: Any, invitation: Invitation, **data: Any) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=invitation.questionnaire.organisation,
        target=invitation,
        data=data,
    )
