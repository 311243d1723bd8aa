"""``{% load figures %}``: a figure written the way the page and the charts write it."""

from __future__ import annotations

from typing import Any

from django import template

from onestop.metrics.definitions import Kind, format_days, format_percent

register = template.Library()


@register.filter(name="figure")
def figure(row: Any, column: Any) -> str:
    """``{{ row|figure:column }}``: a count, a rate as 50.0%, days as 10.5, or a dash."""
    value = getattr(row, column.key)
    if column.kind is Kind.RATE:
        return format_percent(value)
    if column.kind is Kind.DAYS:
        return format_days(value)
    return str(value)
