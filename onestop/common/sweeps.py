"""The periodic checks of every app, run in order by ``manage.py sweep`` and Celery beat.

Each app that needs a periodic check (warnings on case clocks, overdue
rectifications, appointment reminders …) names a function in
``settings.ONESTOP_SWEEPS``; it takes ``now`` and returns a report whose
``str()`` says what it did.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


def sweeps_run(*, now: datetime | None = None) -> list[tuple[str, str]]:
    """Run every configured sweep; return (name, report) pairs."""
    now = now or timezone.now()
    reports = []
    for path in settings.ONESTOP_SWEEPS:
        report = import_string(path)(now=now)
        reports.append((path.rsplit(".", 1)[-1], str(report)))
    return reports
