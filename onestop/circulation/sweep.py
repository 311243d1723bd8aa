"""The periodic sweep: warn when a case turns yellow, escalate when it turns red.

Colours are derived from the stored deadlines, so pages never wait for the
sweep; the sweep's job is to *tell* people — once per level — and to leave
an event in the case's history saying it did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.cases.events import event_append
from onestop.cases.models import Case, CaseStatus, WarningLevel
from onestop.circulation.services import supervisors_of
from onestop.notifications.services import notify_staff


@dataclass
class SweepReport:
    yellow: int = 0
    red: int = 0

    def __str__(self) -> str:
        # Silent when there was nothing to say, so a cron log stays short.
        return (
            f"{self.yellow} yellow, {self.red} red" if self.yellow or self.red else ""
        )


def _due_for(level: WarningLevel, now: datetime) -> list[int]:
    field = "due_at" if level == WarningLevel.RED else "yellow_at"
    return list(
        Case.objects.filter(
            status=CaseStatus.IN_PROGRESS,
            escalated_level__lt=level,
            **{f"{field}__lte": now},
        ).values_list("pk", flat=True)
    )


def _warn(case_id: int, level: WarningLevel, now: datetime) -> bool:
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("organisation", "item_version")
            .get(pk=case_id)
        )
        if case.status != CaseStatus.IN_PROGRESS or case.escalated_level >= level:
            return False  # acted on since the query: nothing to say
        case.escalated_level = level
        case.save(update_fields=["escalated_level"])
        message = (
            _("Overdue: the time limit has passed.")
            if level == WarningLevel.RED
            else _("Near the limit: little working time is left.")
        )
        action = "warning_red" if level == WarningLevel.RED else "warning_yellow"
        event_append(
            case=case,
            action=action,
            actor=None,
            at=now,
            from_status=case.status,
            comment=message,
            data={"level": int(level)},
        )
        notify_staff(case=case, users=supervisors_of(case), message=message, at=now)
        return True


def cases_sweep(*, now: datetime | None = None) -> SweepReport:
    """Send each newly yellow or red case's warning once. Safe to run as often as liked."""
    now = now or timezone.now()
    report = SweepReport()
    for case_id in _due_for(WarningLevel.RED, now):
        report.red += _warn(case_id, WarningLevel.RED, now)
    for case_id in _due_for(WarningLevel.YELLOW, now):
        report.yellow += _warn(case_id, WarningLevel.YELLOW, now)
    return report
