"""What each casework figure counts, said once for the page, the charts and the workbook.

The on-time rate and the one-time-notification rate (一次性告知率) are
published figures (SPEC §1.2–1.3): a reader must be able to recount them
from their definitions, so every figure names the date that places a case in
a period and the cases it counts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GroupBy(models.TextChoices):
    ITEM = "item", _("Service item")
    DEPARTMENT = "department", _("Handling department")
    MONTH = "month", _("Month")


class Kind(enum.Enum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"


@dataclass(frozen=True)
class Figure:
    """One column of the figures: the ``FigureRow`` attribute, its header and its meaning."""

    key: str
    label: Promise
    definition: Promise
    kind: Kind = Kind.COUNT


FIGURES: tuple[Figure, ...] = (
    Figure(
        "received",
        pgettext_lazy("casework figure", "Received"),
        _(
            "Requests received in the period, through any channel and whatever "
            "the window decided."
        ),
    ),
    Figure(
        "accepted",
        pgettext_lazy("casework figure", "Accepted"),
        _("Cases accepted (受理) in the period, at the window or after a supplement."),
    ),
    Figure(
        "completed",
        pgettext_lazy("casework figure", "Completed"),
        _(
            "Accepted cases completed in the period. Requests done on the spot "
            "are not included."
        ),
    ),
    Figure(
        "on_time",
        pgettext_lazy("casework figure", "On time"),
        _(
            "Completed cases finished no later than their deadline, approved "
            "extensions and suspended time taken into account."
        ),
    ),
    Figure(
        "on_time_rate",
        pgettext_lazy("casework figure", "On-time rate"),
        _("On time ÷ completed; empty when nothing was completed."),
        Kind.RATE,
    ),
    Figure(
        "avg_working_days_used",
        pgettext_lazy("casework figure", "Average working days used"),
        _(
            "For the completed cases: the office time of working days from "
            "acceptance to completion, suspended time included, divided by one "
            "working day's office hours, then averaged."
        ),
        Kind.DAYS,
    ),
    Figure(
        "notices",
        pgettext_lazy("casework figure", "Given a notice"),
        _(
            "Requests received in the period that were given at least one "
            "one-time notice of missing materials (补正)."
        ),
    ),
    Figure(
        "single_notices",
        pgettext_lazy("casework figure", "One notice only"),
        _("Of the requests given a notice, those given exactly one."),
    ),
    Figure(
        "one_time_rate",
        pgettext_lazy("casework figure", "One-time notice rate"),
        _(
            "One notice only ÷ given a notice (一次性告知率); empty when no "
            "notice was given."
        ),
        Kind.RATE,
    ),
    Figure(
        "extensions",
        pgettext_lazy("casework figure", "Extensions approved"),
        _("Extensions of the time limit (延期) approved in the period."),
    ),
    Figure(
        "rejections",
        pgettext_lazy("casework figure", "Not accepted"),
        _("Requests received in the period that were not accepted (不予受理)."),
    ),
    Figure(
        "referrals",
        pgettext_lazy("casework figure", "Referred elsewhere"),
        _(
            "Requests received in the period that were referred to the "
            "competent body (告知)."
        ),
    ),
    Figure(
        "on_the_spot",
        pgettext_lazy("casework figure", "Done on the spot"),
        _("Requests received in the period and done on the spot (即办)."),
    ),
)

FIGURE = {figure.key: figure for figure in FIGURES}

NOTES: tuple[Promise, ...] = (
    _(
        "A period runs from 00:00 on its first day to 24:00 on its last, in the "
        "organisation's time zone."
    ),
    _(
        "A case is counted in the period (and the month) of the date its figure "
        "names: received, accepted, completed or the extension's approval."
    ),
    _(
        "Cases are grouped by their service item; the department is the item's "
        "handling department."
    ),
    _(
        "The outcome counted for a request is the window's latest decision on it, "
        "after any supplement."
    ),
)


def format_percent(rate: float | None) -> str:
    """``0.5`` → ``50.0%``; an undefined rate is a dash, never 0%."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def format_days(days: float | None) -> str:
    return "—" if days is None else f"{days:.1f}"
