"""Rating tags and filters: the link and QR code on documents, shares, event names."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from onestop.ratings.links import qr_svg, rating_url

register = template.Library()


@register.inclusion_tag("ratings/_invitation.html")
def rating_invitation(case: Any) -> dict[str, Any]:
    url = rating_url(case)
    # segno writes the markup from the link alone: nothing in it comes from a person.
    return {"url": url, "svg": mark_safe(qr_svg(url))}


@register.filter(name="share")
def share(value: float | None) -> str:
    """``{{ row.share|share }}``: 87.5%, or — when nothing was rated."""
    return "—" if value is None else f"{value:.1%}"


@register.filter(name="rectification_event")
def rectification_event(event: Any) -> str:
    """The translated name of what a rectification event records."""
    from onestop.ratings.states import Action

    if event.action == "open":
        return str(_("Opened by a bad rating"))
    if event.action == "escalate":
        return str(_("Escalated: overdue"))
    if event.action in Action.values:
        return str(Action(event.action).label)
    return str(event.action)


@register.filter(name="overdue")
def overdue(rectification: Any, now: Any) -> bool:
    """``{% if r|overdue:now %}``: still unanswered after its deadline."""
    return bool(rectification.is_overdue(now))
