"""The metric registry: every data-sourced metric an indicator can name.

``METRICS`` maps each key to its ``Metric`` (translated label and definition,
unit, and which direction is better); ``Subject`` names whom a figure is for
(person, post, department or group) and ``MetricValue`` is a subject's figure
with the number of records behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Subject(StrEnum):
    PERSON = "person"
    POST = "post"
    DEPARTMENT = "department"
    GROUP = "group"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    LEVEL = "level"
    MINUTES = "minutes"
    POINTS = "points"


@dataclass(frozen=True)
class MetricValue:
    """A subject's figure for the period and how many records stand behind it."""

    value: float
    count: int


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise
    definition: Promise
    unit: Unit
    direction: Direction

    @property
    def is_count(self) -> bool:
        """Counted events: zero when nothing happened, rather than no value."""
        return self.unit == Unit.COUNT


def _m(
    key: str, label: Promise, definition: Promise, unit: Unit, better: str
) -> Metric:
    return Metric(key, label, definition, unit, Direction(better))


METRICS: Mapping[str, Metric] = {
    m.key: m
    for m in (
        _m(
            "on_time_rate",
            pgettext_lazy("assessment metric", "On-time completion rate"),
            _(
                "Case steps finished in the period no later than their deadline ÷ "
                "case steps finished in the period that had a deadline, in per cent. "
                "A step counts for the person, post and department it was assigned to."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "one_time_rate",
            pgettext_lazy("assessment metric", "One-time notification rate"),
            _(
                "Requests received in the period and given exactly one notice of "
                "missing materials ÷ those given at least one notice (一次性告知率), "
                "in per cent, for the first responsible (首问负责) at the window."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "average_rating",
            pgettext_lazy("assessment metric", "Average rating"),
            _(
                "The mean of the applicants' ratings (1 very dissatisfied … 5 very "
                "satisfied) given in the period to the staff member rated; ratings "
                "found invalid are not counted."
            ),
            Unit.LEVEL,
            "higher",
        ),
        _m(
            "bad_ratings",
            pgettext_lazy("assessment metric", "Bad ratings"),
            _(
                "Ratings of dissatisfied or very dissatisfied given in the period to "
                "the staff member rated; ratings found invalid are not counted."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "qa_score",
            pgettext_lazy("assessment metric", "Quality inspection score"),
            _(
                "The quality inspection score (0–100) of the inspections of the "
                "person's work finished in the period, decided appeals applied."
            ),
            Unit.POINTS,
            "higher",
        ),
        _m(
            "complaints",
            pgettext_lazy("assessment metric", "Valid complaints"),
            _(
                "Bad ratings verified as valid complaints in the period (the "
                "verification found them justified and no appeal overturned them), "
                "for the staff member rated."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "overdue_rectifications",
            pgettext_lazy("assessment metric", "Overdue rectifications"),
            _(
                "Rectifications due in the period whose reply to the rater came after "
                "the deadline or has not come, for the person handling them; those "
                "found invalid are not counted."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "handover_timeliness",
            pgettext_lazy("assessment metric", "Hand-over register timeliness"),
            _(
                "Lines of the material hand-over register handed over in the period "
                "with a confirm-by time whose receipt was confirmed by then ÷ all such "
                "lines, in per cent, for the receiver and the receiving department."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "average_wait_minutes",
            pgettext_lazy("assessment metric", "Average waiting time"),
            _(
                "The mean minutes from taking a number at the hall to its first call, "
                "over numbers taken in the period, for the staff member who called it."
            ),
            Unit.MINUTES,
            "lower",
        ),
        _m(
            "average_serving_minutes",
            pgettext_lazy("assessment metric", "Average serving time"),
            _(
                "The mean minutes from the start to the end of serving at the window, "
                "over numbers taken in the period and served, for the staff member "
                "who served."
            ),
            Unit.MINUTES,
            "lower",
        ),
    )
}
