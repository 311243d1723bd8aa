"""What a row of a case list shows ("my work", the supervisor's board), prepared in Python.

The lists hold up to 200 cases. Resolving a dozen lookups, a status label
(Django's ``get_status_display`` rebuilds its choices on every call), two
date filters and a URL per row in the template cost more than the query
behind the page at a million cases (bench/cases.py); here each row is
plain strings, and the template only prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from onestop.cases.models import Case, CaseStatus
from onestop.cases.selectors import case_colour
from onestop.common.names import person_name

NONE = "—"
_PLACEHOLDER = "NUMBER"


@dataclass(frozen=True)
class CaseRow:
    number: str
    url: str
    colour: str  # "", green, yellow, red, stopped
    due: str
    item: str
    status: str
    step: str
    department: str
    step_due: str
    assignee: str


def case_rows(
    cases: Iterable[Case], now: datetime, *, with_assignee: bool = False
) -> list[CaseRow]:
    """One row per case, in the order given (``with_assignee``: the board's, which loads them)."""
    # Receipt numbers are letters and digits: one reverse() serves every row.
    url = reverse("staff:case", args=[_PLACEHOLDER])
    labels = dict(CaseStatus.choices)
    rows = []
    for case in cases:
        step = case.current_step
        rows.append(
            CaseRow(
                number=case.number,
                url=url.replace(_PLACEHOLDER, case.number),
                colour=case_colour(case, now),
                due=_moment(case.due_at),
                item=case.item.name,
                status=str(labels.get(case.status, case.status)),
                step=step.name if step else NONE,
                department=(
                    case.current_department.name if case.current_department else ""
                ),
                step_due=_moment(step.due_at if step else None),
                assignee=_assignee(case) if with_assignee else "",
            )
        )
    return rows


def _moment(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%m-%d %H:%M") if moment else NONE


def _assignee(case: Case) -> str:
    return (person_name(case.current_assignee) if case.current_assignee else "") or NONE
