"""Office hours written as text, e.g. ``08:30-12:00, 13:30-17:30``."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_OFFICE_HOURS = "08:30-12:00, 13:30-17:30"

OfficeHours = tuple[tuple[time, time], ...]


def parse_office_hours(text: str) -> OfficeHours:
    """Parse ``HH:MM-HH:MM`` intervals separated by commas, in order, not overlapping."""
    intervals = []
    for part in (p.strip() for p in text.split(",")):
        try:
            start_text, end_text = part.split("-")
            start, end = (
                time.fromisoformat(start_text.strip()),
                time.fromisoformat(end_text.strip()),
            )
        except ValueError:
            raise ValidationError(
                _("Office hours %(part)s are not like 08:30-12:00.") % {"part": part}
            ) from None
        if start >= end or (intervals and start < intervals[-1][1]):
            raise ValidationError(
                _("Office hours %(part)s end before they begin or overlap.")
                % {"part": part}
            )
        intervals.append((start, end))
    return tuple(intervals)


def validate_office_hours(text: str) -> None:
    parse_office_hours(text)
