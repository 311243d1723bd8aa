"""The periodic sweep: every new case becomes a note with a reason, no button needed.

Organisations that have defined a reason tree get a note for each case
received in the last ``SWEEP_DAYS`` days that has none yet (the staff
button on the notes page does the same at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from onestop.organisations.models import Organisation
from onestop.topics.models import Reason
from onestop.topics.services import case_notes_take

SWEEP_DAYS = 7


@dataclass
class SweepReport:
    taken: int = 0

    def __str__(self) -> str:
        return f"{self.taken} cases taken in as notes" if self.taken else ""


def notes_sweep(*, now: datetime) -> SweepReport:
    with_reasons = Reason.objects.values("organisation_id")
    since = now - timedelta(days=SWEEP_DAYS)
    report = SweepReport()
    for organisation in Organisation.objects.filter(pk__in=with_reasons):
        report.taken += case_notes_take(
            organisation=organisation, actor=None, since=since
        )
    return report
