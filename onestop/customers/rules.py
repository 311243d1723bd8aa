"""Segment rules: conditions on a customer's kind and attributes, joined by AND or OR.

A rule is stored as JSON ``{"match": "all"|"any", "conditions": [{"field",
"op", "value"}]}``; ``field`` is ``kind`` or an attribute's key. A number
compares as a number when both sides are numbers, otherwise as text; a
customer without the attribute never satisfies a condition on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Match(models.TextChoices):
    ALL = "all", _("all conditions (AND)")
    ANY = "any", _("any condition (OR)")


class Op(models.TextChoices):
    EQ = "eq", "="
    NE = "ne", "≠"
    LT = "lt", "<"
    LE = "le", "≤"
    GT = "gt", ">"
    GE = "ge", "≥"
    IN = "in", _("in (comma-separated)")


ORDERING = {Op.LT, Op.LE, Op.GT, Op.GE}
KIND_FIELD = "kind"


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: str


@dataclass(frozen=True)
class Rule:
    match: str
    conditions: tuple[Condition, ...]

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Rule:
        return cls(
            match=data.get("match", Match.ALL),
            conditions=tuple(
                Condition(str(c["field"]), str(c["op"]), str(c["value"]))
                for c in data.get("conditions", [])
            ),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "conditions": [
                {"field": c.field, "op": c.op, "value": c.value}
                for c in self.conditions
            ],
        }


def as_number(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    Op.EQ: lambda a, b: a == b,
    Op.NE: lambda a, b: a != b,
    Op.LT: lambda a, b: a < b,
    Op.LE: lambda a, b: a <= b,
    Op.GT: lambda a, b: a > b,
    Op.GE: lambda a, b: a >= b,
}


def _values_equal(actual: Any, wanted: str) -> bool:
    left, right = as_number(actual), as_number(wanted)
    if left is not None and right is not None:
        return left == right
    return str(actual).strip() == wanted.strip()


def condition_holds(condition: Condition, facts: Mapping[str, Any]) -> bool:
    if condition.field not in facts:
        return False
    actual = facts[condition.field]
    if condition.op == Op.IN:
        options = [part for part in condition.value.replace("，", ",").split(",")]
        return any(_values_equal(actual, option) for option in options)
    if condition.op in (Op.EQ, Op.NE):
        equal = _values_equal(actual, condition.value)
        return equal if condition.op == Op.EQ else not equal
    left, right = as_number(actual), as_number(condition.value)
    if left is None or right is None:
        return False
    return _COMPARE[condition.op](left, right)


def rule_selects(rule: Rule, facts: Mapping[str, Any]) -> bool:
    """Whether a customer described by ``facts`` (kind and attributes) is selected."""
    if not rule.conditions:
        return False
    results = (condition_holds(c, facts) for c in rule.conditions)
    return any(results) if rule.match == Match.ANY else all(results)
