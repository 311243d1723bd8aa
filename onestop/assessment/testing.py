"""Recorded work written straight into the tables, for the hand-checked fixtures.

The metrics count what the case engine, ratings, the hall queue and the
hand-over register recorded; going through those apps' services would bring
their clocks and calendars into every assessment test. These helpers write
the rows those services leave behind, with the fields the metrics read set
explicitly, so each expected score can be recounted from the test itself.
Also used by the benchmark (with ``bulk_create``) and the demo.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from onestop.cases.models import (
    ApplicantKind,
    Case,
    CaseStatus,
    CaseStep,
    Channel,
    Outcome,
    StepOutcome,
)
from onestop.catalog.models import ServiceItem
from onestop.organisations.models import Organisation
from onestop.posts.models import Department, MaterialHandover, Post
from onestop.queueing.models import QueueCategory, Ticket, TicketStatus
from onestop.ratings.models import (
    Rating,
    RatingChannel,
    Rectification,
    RectificationStatus,
)

SH = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(text: str) -> datetime:
    """An ISO date-time read as Asia/Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def case_row(
    item: ServiceItem,
    *,
    clerk: Any,
    received_at: datetime,
    notices: int = 0,
    number: str | None = None,
    version: Any = None,
) -> Case:
    """An unsaved accepted case received by ``clerk`` (首问负责)."""
    version = version or item.versions.order_by("-id").first()
    return Case(
        organisation_id=item.organisation_id,
        number=number or f"A-{item.organisation_id}-{next(_numbers):09d}",
        item=item,
        item_version=version,
        channel=Channel.COUNTER,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name="张三",
        applicant_phone="13800000000",
        first_responsible=clerk,
        status=CaseStatus.COMPLETED,
        outcome=Outcome.ACCEPTED,
        received_at=received_at,
        accepted_at=received_at,
        notice_count=notices,
    )


def make_case(item: ServiceItem, **fields: Any) -> Case:
    case = case_row(item, **fields)
    case.save()
    return case


def make_step(
    case: Case,
    *,
    department: Department,
    post: Post | None,
    assignee: Any,
    due_at: datetime,
    finished_at: datetime | None,
) -> CaseStep:
    return CaseStep.objects.create(
        case=case,
        position=1,
        name="审核",
        department=department,
        post=post,
        assignee=assignee,
        limit_days=3,
        started_at=due_at - timedelta(days=3),
        due_at=due_at,
        finished_at=finished_at,
        outcome=StepOutcome.COMPLETED if finished_at else "",
    )


def make_rating(case: Case, *, staff: Any, level: int, rated_at: datetime) -> Rating:
    return Rating.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        level=level,
        channel=RatingChannel.TABLET,
        rated_at=rated_at,
        staff=staff,
    )


def make_rectification(
    rating: Rating,
    *,
    handler: Any,
    due_at: datetime,
    valid: bool | None = None,
    verified_at: datetime | None = None,
    replied_at: datetime | None = None,
) -> Rectification:
    status = (
        RectificationStatus.INVALID
        if valid is False
        else RectificationStatus.REPLIED
        if replied_at
        else RectificationStatus.RECTIFYING
    )
    return Rectification.objects.create(
        organisation_id=rating.organisation_id,
        rating=rating,
        status=status,
        opened_at=rating.rated_at,
        limit_days=5,
        due_at=due_at,
        handler=handler,
        valid=valid,
        verified_at=verified_at,
        replied_at=replied_at,
    )


def make_handover(
    organisation: Organisation,
    *,
    giver: Any,
    receiver: Any,
    department: Department,
    handed_over_at: datetime,
    due_at: datetime,
    received_at: datetime | None,
) -> MaterialHandover:
    return MaterialHandover.objects.create(
        organisation=organisation,
        reference="CL-2025-001",
        materials="申请表",
        copies=2,
        from_user=giver,
        from_department=department,
        to_user=receiver,
        to_department=department,
        handed_over_at=handed_over_at,
        due_at=due_at,
        received_at=received_at,
    )


def make_category(organisation: Organisation, window_type: Any) -> QueueCategory:
    return QueueCategory.objects.create(
        organisation=organisation, code="A", name="综合业务", window_type=window_type
    )


def ticket_row(
    category: QueueCategory,
    *,
    staff: Any,
    taken_at: datetime,
    wait_minutes: float,
    serve_minutes: float,
    sequence: int | None = None,
) -> Ticket:
    """An unsaved ticket served by ``staff``."""
    called = taken_at + timedelta(minutes=wait_minutes)
    return Ticket(
        organisation_id=category.organisation_id,
        category=category,
        day=taken_at.astimezone(SH).date(),
        sequence=sequence or next(_numbers),
        rank=3,
        taken_at=taken_at,
        status=TicketStatus.DONE,
        staff=staff,
        called_at=called,
        announced_at=called,
        served_from=called,
        served_to=called + timedelta(minutes=serve_minutes),
    )
