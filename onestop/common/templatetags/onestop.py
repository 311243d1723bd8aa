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
