"""Return visits (回访) of signed field visits: the rule and the month's draw.

篇4's service record "feeds return visits": each month a share of the jobs
whose record was signed is drawn and each drawn job gets a phone return
visit, created by the surveys app's own service. The job keeps the link
(``Job.return_visit``); surveys never learns of field service.

The draw is reproducible, as surveys' sampling of cases: the month's signed
jobs are ordered by SHA-256 of the rule's seed and the job id and the first
⌈share × n⌉ are taken, so drawing a month again picks the same jobs and
creates nothing twice.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Job, JobStatus, ReturnVisitRule
from onestop.organisations.models import Organisation
from onestop.surveys.models import Questionnaire
from onestop.surveys.services import invitation_for_phone_call
from onestop.surveys.services.invitations import published_version


@dataclass(frozen=True)
class ReturnVisitDraw:
    """What one draw did: signed jobs of the month, drawn, newly invited."""

    month: date
    signed: int
    drawn: int
    created: int


def _questionnaire(organisation: Organisation, code: str) -> Questionnaire:
    try:
        return published_version(organisation=organisation, code=code)
    except ServiceError as error:
        # Named on our form's field, in the surveys app's words.
        raise ServiceError(
            error.code, field="questionnaire_code", **error.params
        ) from None


def _percent(raw: str, errors: list[ServiceError]) -> Decimal | None:
    try:
        percent = Decimal((raw or "").strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        percent = None
    if percent is None or not Decimal("0.01") <= percent <= 100:
        errors.append(ServiceError(FieldError.PERCENT_INVALID, field="percent"))
        return None
    return percent


def return_visit_rule_set(
    *,
    organisation: Organisation,
    actor: Any,
    questionnaire_code: str,
    percent: str,
    is_active: bool,
) -> ReturnVisitRule:
    """Create or change the organisation's rule; the seed is drawn once and kept."""
    errors: list[ServiceError] = []
    code = questionnaire_code.strip()
    share = _percent(percent, errors)
    try:
        _questionnaire(organisation, code)
    except ServiceError as error:
        errors.append(error)
    raise_all(errors)
    with transaction.atomic():
        rule, created = ReturnVisitRule.objects.select_for_update().get_or_create(
            organisation=organisation,
            defaults={
                "questionnaire_code": code,
                "percent": share,
                "seed": secrets.token_hex(8),
                "is_active": is_active,
            },
        )
        if not created:
            rule.questionnaire_code, rule.percent = code, share  # type: ignore[assignment]
            rule.is_active = is_active
            rule.save(update_fields=["questionnaire_code", "percent", "is_active"])
        audit_record(
            verb="fieldservice.return_visit_rule_set",
            actor=actor,
            organisation=organisation,
            target=rule,
            data={"code": code, "percent": str(share), "active": is_active},
        )
    return rule


def return_visit_order(seed: str, job_id: int) -> str:
    """The job's place in the draw: SHA-256 of the seed and the id (fixed per rule)."""
    return hashlib.sha256(f"{seed}:{job_id}".encode()).hexdigest()


def sample_jobs(rule: ReturnVisitRule, jobs: list[Job]) -> list[Job]:
    """The first ⌈percent × n⌉ jobs in the rule's fixed pseudo-random order."""
    ordered = sorted(jobs, key=lambda job: return_visit_order(rule.seed, job.pk))
    return ordered[: math.ceil(len(ordered) * rule.percent / 100)]


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(following, time.min, tzinfo=zone),
    )


def signed_jobs_of_month(*, organisation: Organisation, month: date) -> list[Job]:
    start, end = month_bounds(month)
    return list(
        Job.objects.filter(
            organisation=organisation,
            status=JobStatus.DONE,
            record__signed_at__gte=start,
            record__signed_at__lt=end,
        ).select_related("order", "technician")
    )


def return_visits_draw(
    *,
    organisation: Organisation,
    actor: Any,
    month: date,
    now: datetime | None = None,
) -> ReturnVisitDraw:
    """Draw the month's signed jobs by the rule and invite each new one by phone."""
    rule = ReturnVisitRule.objects.filter(
        organisation=organisation, is_active=True
    ).first()
    if rule is None:
        raise ServiceError(FieldError.NO_RETURN_VISIT_RULE)
    questionnaire = _questionnaire(organisation, rule.questionnaire_code)
    jobs = signed_jobs_of_month(organisation=organisation, month=month)
    drawn = sample_jobs(rule, jobs)
    fresh = [job for job in drawn if job.return_visit_id is None and job.order.phone]
    with transaction.atomic():
        for job in fresh:
            job.return_visit = invitation_for_phone_call(
                actor=actor,
                questionnaire=questionnaire,
                respondent_name=f"{job.order.customer} {job.order.contact_person}",
                respondent_phone=job.order.phone,
                department_id=job.technician.department_id if job.technician else None,
                now=now,
            )
            job.save(update_fields=["return_visit"])
        audit_record(
            verb="fieldservice.return_visits_drawn",
            actor=actor,
            organisation=organisation,
            target=rule,
            data={
                "month": f"{month:%Y-%m}",
                "signed": len(jobs),
                "drawn": len(drawn),
                "created": len(fresh),
            },
        )
    return ReturnVisitDraw(month.replace(day=1), len(jobs), len(drawn), len(fresh))
