"""``{% staff_nav %}``: the staff top bar, grouped by domain (``workspace.navigation``)."""

from __future__ import annotations

from typing import Any

from django import template

from onestop.workspace.navigation import nav_for

register = template.Library()


@register.inclusion_tag("workspace/_staff_nav.html", takes_context=True)
def staff_nav(context: Any) -> dict[str, Any]:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    return {
        "groups": nav_for(request.user),
        "current": match.view_name if match else "",
    }
