"""The periodic sweep: escalate each overdue rectification to the supervisors, once.

A rectification is overdue while it is still being verified or rectified
after its deadline; the list page marks it from the stored deadline, so the
sweep's job is only to tell the supervisors and leave an event saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from onestop.circulation.services import supervisors_of
from onestop.notifications.services import notify_staff
from onestop.ratings.models import RUNNING_STATUSES, Rectification
from onestop.ratings.services import event_append


@dataclass
class SweepReport:
    escalated: int = 0

    def __str__(self) -> str:
        # Silent when there was nothing to say, so a cron log stays short.
        return f"{self.escalated} escalated" if self.escalated else ""


def _overdue(now: datetime) -> list[int]:
    return list(
        Rectification.objects.filter(
            status__in=RUNNING_STATUSES, due_at__lte=now, escalated_at__isnull=True
        ).values_list("pk", flat=True)
    )


def _escalate(rectification_id: int, now: datetime) -> bool:
    with transaction.atomic():
        rectification = (
            Rectification.objects.select_for_update(of=("self",))
            .select_related("rating__case__organisation", "rating__case__item_version")
            .get(pk=rectification_id)
        )
        if not rectification.is_overdue(now) or rectification.escalated_at:
            return False  # acted on since the query: nothing to say
        rectification.escalated_at = now
        rectification.save(update_fields=["escalated_at"])
        due = date_format(timezone.localtime(rectification.due_at), "Y-m-d H:i")
        message = _("The rectification of a bad rating is overdue (due %(due)s).") % {
            "due": due
        }
        status = rectification.status
        event_append(rectification, "escalate", None, now, status, status, message)
        case = rectification.rating.case
        notify_staff(case=case, users=supervisors_of(case), message=message, at=now)
        return True


def rectifications_sweep(*, now: datetime | None = None) -> SweepReport:
    """Escalate each newly overdue rectification once. Safe to run as often as liked."""
    now = now or timezone.now()
    report = SweepReport()
    for rectification_id in _overdue(now):
        report.escalated += _escalate(rectification_id, now)
    return report
