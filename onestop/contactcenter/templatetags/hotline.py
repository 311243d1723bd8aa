"""``{% load hotline %}``: a figure's cell, coloured and worded against its target."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from onestop.contactcenter.definitions import format_figure, format_percent

register = template.Library()


@register.simple_tag
def figure_cell(row: Any, column: Any) -> SafeString:
    """``<td>`` with the figure; a missed target is said in words, not colour alone."""
    text = format_figure(getattr(row, column.key), column.kind)
    verdict = row.verdict(column.key)
    if verdict == "misses":
        words = gettext("misses the target")
        return format_html(
            '<td class="misses">{} <span aria-hidden="true">▼</span>'
            '<span class="visually-hidden">{}</span></td>',
            text,
            words,
        )
    if verdict == "meets":
        return format_html('<td class="meets">{}</td>', text)
    return format_html("<td>{}</td>", text)


@register.filter
def percent(rate: float | None) -> str:
    """``{{ 0.8|percent }}`` → ``80.0%``."""
    return format_percent(rate)
