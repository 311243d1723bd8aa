"""Scoring rules of the performance assessment (绩效考核量化评分).

Pure Python; no Django. One indicator's measured value becomes points out of
the indicator's full points by one of four rules, as 篇5 asks ("将各项服务指标
全部分解落实到岗、到人, 按月 … 进行量化评分") and 篇7 needs for paying
providers ("考核结果要作为后续管理费用支付以及合同签订的重要参考依据"):

- :class:`Linear` — linear between two thresholds (线性插值计分): full points
  at or beyond ``best``, none at or beyond ``worst``; the direction (higher or
  lower is better) follows from the order of the two.
- :class:`StepTable` — a step table (分档计分): the first band the value
  reaches gives its share of the full points.
- :class:`DeductionPerEvent` — a deduction per event with a cap (按次扣分,
  扣完为止 or up to ``cap``), e.g. 每起有效投诉扣 2 分, 最多扣 10 分.
- :class:`PassFail` — pass/fail (达标计满分, 不达标不得分).

:func:`score_points` returns :class:`Points`: the points (rounded to 0.01,
half up) and the working in words, so the person scored can check every
point earned or lost. The working is an English template with named
parameters; the Django layer translates ``template`` and fills in ``params``
(the numbers are pre-formatted so both renderings agree). ``str`` of the
working is the English text.

:func:`validate_rule` raises :class:`RuleError` (a ``ValueError``) naming the
faulty part, e.g. ``"best: must differ from worst"``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, TypeAlias

__all__ = [
    "RULE_KINDS",
    "DeductionPerEvent",
    "Linear",
    "PassFail",
    "Points",
    "Rule",
    "RuleError",
    "Step",
    "StepTable",
    "gettext_noop",
    "rule_from_dict",
    "rule_to_dict",
    "score_points",
    "validate_rule",
]


def gettext_noop(message: str) -> str:
    """Marks a message for extraction (xgettext keyword ``gettext_noop``)
    without importing Django; the Django layer translates it when shown."""
    return message


class RuleError(ValueError):
    """A rule that cannot score; ``part`` names the field at fault."""

    def __init__(self, part: str, problem: str) -> None:
        super().__init__(f"{part}: {problem}")
        self.part = part
        self.problem = problem


@dataclass(frozen=True)
class Linear:
    """Linear between two thresholds. ``best > worst``: higher is better;
    ``best < worst``: lower is better (e.g. waiting minutes)."""

    worst: float
    best: float


@dataclass(frozen=True)
class Step:
    """One band of a :class:`StepTable`: a value reaching ``limit`` earns
    ``share`` (0–1) of the full points."""

    limit: float
    share: float


@dataclass(frozen=True)
class StepTable:
    """Bands listed from the best to the worst. With ``higher_is_better`` a
    value reaches a band when it is ≥ its limit (limits strictly falling);
    otherwise when it is ≤ its limit (limits strictly rising). A value
    reaching no band earns nothing."""

    steps: tuple[Step, ...]
    higher_is_better: bool = True


@dataclass(frozen=True)
class DeductionPerEvent:
    """``points_per_event`` off the full points for each event, at most
    ``cap`` in all (``None``: until the full points are used up)."""

    points_per_event: float
    cap: float | None = None


@dataclass(frozen=True)
class PassFail:
    """Full points when the value reaches ``threshold`` (≥ when higher is
    better, ≤ otherwise), else none."""

    threshold: float
    higher_is_better: bool = True


Rule: TypeAlias = Linear | StepTable | DeductionPerEvent | PassFail

RULE_KINDS: Mapping[str, type[Any]] = MappingProxyType(
    {
        "linear": Linear,
        "steps": StepTable,
        "deduction": DeductionPerEvent,
        "pass_fail": PassFail,
    }
)


@dataclass(frozen=True)
class Points:
    """Points earned and how: ``working`` is the English sentence,
    ``template`` % ``params`` the same sentence for translation."""

    points: float
    full_points: float
    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def working(self) -> str:
        return self.template % dict(self.params)

    @property
    def lost(self) -> float:
        return round(self.full_points - self.points, 2)


def _finite(value: object, part: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise RuleError(part, "must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise RuleError(part, "must be a finite number")
    return number


def _validate_steps(rule: StepTable) -> None:
    if not isinstance(rule.steps, Sequence) or not rule.steps:
        raise RuleError("steps", "needs at least one band")
    previous: Step | None = None
    for i, step in enumerate(rule.steps):
        limit = _finite(step.limit, f"steps[{i}].limit")
        share = _finite(step.share, f"steps[{i}].share")
        if not 0 <= share <= 1:
            raise RuleError(f"steps[{i}].share", "must be between 0 and 1")
        if previous is not None:
            falling = limit < previous.limit
            if falling != rule.higher_is_better or limit == previous.limit:
                order = "fall" if rule.higher_is_better else "rise"
                raise RuleError(f"steps[{i}].limit", f"limits must strictly {order}")
            if share > previous.share:
                raise RuleError(f"steps[{i}].share", "a worse band cannot earn more")
        previous = step


def validate_rule(rule: object) -> None:
    """Raise :class:`RuleError` naming the faulty part of ``rule``."""
    if isinstance(rule, Linear):
        worst = _finite(rule.worst, "worst")
        if _finite(rule.best, "best") == worst:
            raise RuleError("best", "must differ from worst")
    elif isinstance(rule, StepTable):
        _validate_steps(rule)
    elif isinstance(rule, DeductionPerEvent):
        if _finite(rule.points_per_event, "points_per_event") <= 0:
            raise RuleError("points_per_event", "must be more than 0")
        if rule.cap is not None and _finite(rule.cap, "cap") <= 0:
            raise RuleError("cap", "must be more than 0")
    elif isinstance(rule, PassFail):
        _finite(rule.threshold, "threshold")
    else:
        raise RuleError("kind", f"unknown rule {rule!r}")


def _round(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _fmt(value: float) -> str:
    """Up to four decimals, trailing zeros dropped: 0.95 → "0.95", 2.0 → "2"."""
    text = f"{_round4(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _round4(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def _points(points: float, full: float, template: str, **params: float | str) -> Points:
    earned = _round(min(max(points, 0.0), full))
    shown = {k: v if isinstance(v, str) else _fmt(v) for k, v in params.items()}
    shown.update(points=_fmt(earned), full=_fmt(full))
    return Points(earned, full, template, MappingProxyType(shown))


def _score_linear(rule: Linear, value: float, full: float) -> Points:
    share = (value - rule.worst) / (rule.best - rule.worst)
    if share >= 1:
        text = gettext_noop("%(value)s reaches %(best)s: full %(full)s points.")
        return _points(full, full, text, value=value, best=rule.best)
    if share <= 0:
        text = gettext_noop("%(value)s does not pass %(worst)s: 0 of %(full)s points.")
        return _points(0, full, text, value=value, worst=rule.worst)
    text = gettext_noop(
        "(%(value)s − %(worst)s) ÷ (%(best)s − %(worst)s) × %(full)s"
        " = %(points)s points."
    )
    return _points(
        share * full, full, text, value=value, worst=rule.worst, best=rule.best
    )


def _reaches(value: float, limit: float, higher_is_better: bool) -> bool:
    return value >= limit if higher_is_better else value <= limit


def _score_steps(rule: StepTable, value: float, full: float) -> Points:
    for step in rule.steps:
        if _reaches(value, step.limit, rule.higher_is_better):
            sign = "≥" if rule.higher_is_better else "≤"
            text = gettext_noop(
                "%(value)s is in the band %(sign)s %(limit)s: %(share)s × %(full)s"
                " = %(points)s points."
            )
            return _points(
                step.share * full, full, text, value=value, limit=step.limit,
                share=step.share, sign=sign,
            )  # fmt: skip
    last = rule.steps[-1].limit
    text = gettext_noop("%(value)s reaches no band (last %(limit)s): 0 points.")
    return _points(0, full, text, value=value, limit=last)


def _score_deduction(rule: DeductionPerEvent, value: float, full: float) -> Points:
    events = max(value, 0.0)
    raw = events * rule.points_per_event
    cap = full if rule.cap is None else min(rule.cap, full)
    if raw > cap:
        text = gettext_noop(
            "%(events)s events × %(each)s = %(raw)s, capped at %(cap)s:"
            " %(full)s − %(cap)s = %(points)s points."
        )
        return _points(
            full - cap, full, text, events=events, each=rule.points_per_event,
            raw=raw, cap=cap,
        )  # fmt: skip
    text = gettext_noop(
        "%(events)s events × %(each)s = %(raw)s off: %(full)s − %(raw)s"
        " = %(points)s points."
    )
    return _points(
        full - raw, full, text, events=events, each=rule.points_per_event, raw=raw
    )


def _score_pass_fail(rule: PassFail, value: float, full: float) -> Points:
    if _reaches(value, rule.threshold, rule.higher_is_better):
        text = gettext_noop("%(value)s meets the threshold %(threshold)s: pass,"
                            " %(full)s points.")  # fmt: skip
        return _points(full, full, text, value=value, threshold=rule.threshold)
    text = gettext_noop("%(value)s misses the threshold %(threshold)s: fail,"
                        " 0 points.")  # fmt: skip
    return _points(0, full, text, value=value, threshold=rule.threshold)


def score_points(rule: Rule, value: float, full_points: float) -> Points:
    """Points out of ``full_points`` that ``value`` earns under ``rule``.

    The result lies in [0, full_points], rounded to 0.01 half up.
    """
    validate_rule(rule)
    full = _finite(full_points, "full_points")
    if full <= 0:
        raise RuleError("full_points", "must be more than 0")
    measured = _finite(value, "value")
    if isinstance(rule, Linear):
        return _score_linear(rule, measured, full)
    if isinstance(rule, StepTable):
        return _score_steps(rule, measured, full)
    if isinstance(rule, DeductionPerEvent):
        return _score_deduction(rule, measured, full)
    return _score_pass_fail(rule, measured, full)


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """The rule as JSON-ready data: ``{"kind": "linear", "worst": …, "best": …}``."""
    validate_rule(rule)
    if isinstance(rule, StepTable):
        steps = [{"limit": s.limit, "share": s.share} for s in rule.steps]
        return {"kind": "steps", "steps": steps,
                "higher_is_better": rule.higher_is_better}  # fmt: skip
    kind = next(k for k, cls in RULE_KINDS.items() if isinstance(rule, cls))
    return {"kind": kind, **{k: getattr(rule, k) for k in rule.__dataclass_fields__}}


def rule_from_dict(data: Mapping[str, Any]) -> Rule:
    """The inverse of :func:`rule_to_dict`; validates the rule."""
    if not isinstance(data, Mapping):
        raise RuleError("kind", "a rule must be a mapping")
    kind = data.get("kind")
    cls = RULE_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise RuleError("kind", f"unknown rule kind {kind!r}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        if cls is StepTable:
            raw_steps = fields.get("steps") or []
            steps = tuple(Step(s["limit"], s["share"]) for s in raw_steps)
            rule: Rule = StepTable(steps, bool(fields.get("higher_is_better", True)))
        else:
            rule = cls(**fields)
    except (TypeError, KeyError) as exc:
        raise RuleError("kind", f"bad fields for {kind}: {exc}") from exc
    validate_rule(rule)
    return rule
