"""How a score line's working and an indicator's rule read, in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from onestop.assessment.metrics import METRICS
from onestop.assessment.models import RuleKind

register = template.Library()


@register.filter(name="working")
def working_text(line: Any) -> str:
    """The line's working: the template translated, the figures filled in."""
    try:
        return gettext(line.template) % dict(line.params)
    except (KeyError, TypeError, ValueError):
        return line.template % dict(line.params)


@register.filter(name="rule_text")
def rule_text(rule: dict[str, Any]) -> str:
    kind = rule.get("kind")
    if kind == RuleKind.LINEAR:
        return gettext("Linear: no points at %(worst)s, full points at %(best)s") % rule
    if kind == RuleKind.STEPS:
        sign = "≥" if rule.get("higher_is_better", True) else "≤"
        bands = "; ".join(
            f"{sign} {s['limit']:g} → {s['share']:g}" for s in rule["steps"]
        )
        return gettext("Step table: %(bands)s of the full points") % {"bands": bands}
    if kind == RuleKind.DEDUCTION:
        cap = rule.get("cap")
        if cap is None:
            return gettext("%(each)s points off per event") % {
                "each": rule["points_per_event"]
            }
        return gettext("%(each)s points off per event, at most %(cap)s") % {
            "each": rule["points_per_event"], "cap": cap,
        }  # fmt: skip
    if kind == RuleKind.PASS_FAIL:
        sign = "≥" if rule.get("higher_is_better", True) else "≤"
        return gettext("Pass at %(sign)s %(threshold)s") % {
            "sign": sign, "threshold": rule["threshold"],
        }  # fmt: skip
    return str(rule)


@register.filter(name="metric_label")
def metric_label(key: str) -> str:
    metric = METRICS.get(key)
    return str(metric.label) if metric else key


@register.filter(name="get_item")
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None
