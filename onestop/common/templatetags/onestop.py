"""Template filters shared by every app's pages."""

from __future__ import annotations

from typing import Any

from django import template

from onestop.common.names import person_name

register = template.Library()


@register.filter(name="person")
def person(user: Any) -> str:
    """``{{ user|person }}``: 孙立军 for Chinese names, Jane Smith otherwise."""
    return person_name(user)


@register.filter(name="working_hours")
def working_hours(duration: Any) -> str:
    """``{{ reading.remaining|working_hours }}``: 12.5 h, or −3 h when overdue."""
    if duration is None:
        return ""
    hours = duration.total_seconds() / 3600
    return f"{hours:.1f} h".replace(".0 h", " h").replace("-", "−")


@register.filter(name="event_label")
def event_label(event: Any) -> str:
    """The translated name of what a case event records."""
    from onestop.cases.labels import event_action_label

    return event_action_label(event.action, event.data)
