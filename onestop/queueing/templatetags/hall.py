"""``{% load hall %}``: times and rates the way the hall's screens write them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils.translation import gettext as _

from onestop.metrics.definitions import format_percent

register = template.Library()


@register.filter(name="minutes")
def minutes(duration: timedelta | None) -> str:
    """``{{ figures.queue.average_wait|minutes }}``: 12 min (rounded), or a dash."""
    if duration is None:
        return "—"
    return _("%(minutes)s min") % {"minutes": round(duration.total_seconds() / 60)}


@register.filter(name="mm_ss")
def mm_ss(duration: timedelta | None) -> str:
    """A waiting or serving time as 12:05 (minutes:seconds), or a dash."""
    if duration is None:
        return "—"
    seconds = round(duration.total_seconds())
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter(name="percent")
def percent(rate: Any) -> str:
    """A share of 0–1 as 96.5%; nothing measured (or nothing to ask) is a dash, never 0%."""
    return format_percent(rate if isinstance(rate, int | float) else None)
