"""Small helpers for drawing answer forms and figures."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def checked(posted: Any, name: str, value: Any) -> str:
    """``checked`` when the re-shown form had ``value`` ticked for ``name``."""
    if posted is None:
        return ""
    return "checked" if str(value) in posted.getlist(name) else ""


@register.simple_tag
def posted_value(posted: Any, name: str) -> str:
    return "" if posted is None else str(posted.get(name, ""))


@register.filter
def error_of(errors: dict[str, str], name: str) -> str:
    return errors.get(name, "") if errors else ""


@register.filter
def score(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
