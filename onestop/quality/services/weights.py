"""Weighting a group of sibling factors: direct, expert, AHP, entropy or borrowed.

Each method ends in ``_apply``, which checks the weights (one per sibling,
each in 0…1, summing to 1), stores them on the factors and keeps how they
were found as a ``WeightJudgment``. The ``parse_*`` helpers read the numbers
and matrix cells typed on the pages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from django.db import transaction

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute.evaluation import (
    EvaluationError,
    ahp,
    entropy_weights,
    expert_mean,
)
from onestop.quality import sources
from onestop.quality.errors import QualityError
from onestop.quality.models import Factor, Scheme, Source, WeightJudgment, WeightMethod
from onestop.quality.services.factors import _factor
from onestop.quality.services.schemes import TOLERANCE, _person, _writable

# Saaty (1980): a consistency ratio above 0.1 calls for revised judgments.
CR_LIMIT = 0.1


def group_label(scheme: Scheme, source: str, parent_key: str) -> str:
    if parent_key:
        factor = scheme.factors.filter(key=parent_key).first()
        if factor is not None:
            return f"“{factor.name}”"
    return f"“{Source(source).label}”" if source in Source.values else source


def group_factors(scheme: Scheme, source: str, parent_key: str) -> list[Factor]:
    if source not in Source.values:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field="source", key=source)
    parent = _factor(scheme, parent_key, field="parent_key") if parent_key else None
    siblings = list(
        scheme.factors.filter(source=source, parent=parent).order_by("position", "pk")
    )
    if not siblings:
        raise ServiceError(
            QualityError.NO_FACTORS,
            field="parent_key",
            group=group_label(scheme, source, parent_key),
        )
    return siblings


def _apply(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    weights: Sequence[float],
    method: str,
    **judgment: Any,
) -> tuple[Scheme, WeightJudgment]:
    """Store the weights of a group and how they were found; in a transaction."""
    scheme = _writable(scheme, actor)
    siblings = group_factors(scheme, source, parent_key)
    label = group_label(scheme, source, parent_key)
    if len(weights) != len(siblings):
        raise ServiceError(
            QualityError.WEIGHTS_COUNT,
            field="weights",
            count=len(siblings),
            group=label,
        )
    if any(not math.isfinite(w) or w < 0 or w > 1 for w in weights):
        bad = next(w for w in weights if not math.isfinite(w) or w < 0 or w > 1)
        raise ServiceError(QualityError.WEIGHT_INVALID, field="weights", value=bad)
    total = math.fsum(weights)
    if abs(total - 1) > TOLERANCE:
        raise ServiceError(
            QualityError.WEIGHTS_SUM, field="weights", group=label, total=f"{total:.4g}"
        )
    for factor, weight in zip(siblings, weights, strict=True):
        factor.weight = float(weight)
        factor.save(update_fields=["weight"])
    record = WeightJudgment.objects.create(
        scheme=scheme,
        source=source,
        parent_key=parent_key,
        method=method,
        factor_keys=[f.key for f in siblings],
        weights=[float(w) for w in weights],
        created_by=_person(actor),
        **judgment,
    )
    audit_record(
        verb="quality.weights_set",
        actor=actor,
        organisation=scheme.organisation,
        target=scheme,
        data={
            "source": source,
            "parent": parent_key,
            "method": method,
            "weights": [float(w) for w in weights],
        },
    )
    return scheme, record


def parse_number(text: str, *, field: str = "weights") -> float:
    try:
        value = float(Fraction(text.strip()))
    except (ValueError, ZeroDivisionError):
        raise ServiceError(
            QualityError.WEIGHT_INVALID, field=field, value=text
        ) from None
    return value


def parse_weights(text: str, *, field: str = "weights") -> list[float]:
    """ "0.5, 0.3, 0.2" (commas, spaces or Chinese commas) as numbers."""
    parts = [p for p in re.split(r"[\s,，;；]+", text.strip()) if p]
    return [parse_number(p, field=field) for p in parts]


def weights_set_direct(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    weights: Sequence[float],
) -> tuple[Scheme, WeightJudgment]:
    with transaction.atomic():
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=list(weights),
            method=WeightMethod.DIRECT,
        )


def parse_experts(text: str) -> list[tuple[str, list[float]]]:
    """One expert a line: "张教授: 0.5 0.3 0.2" (the name is optional)."""
    experts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, values = line.rpartition(":")
        if not _sep:
            name, _sep, values = line.rpartition("：")
        try:
            weights = parse_weights(values, field="experts")
        except ServiceError as error:
            raise ServiceError(
                QualityError.EXPERT_ROW,
                field="experts",
                line=number,
                problem=error.message,
            ) from None
        experts.append((name.strip() or str(number), weights))
    if not experts:
        raise ServiceError(QualityError.EXPERTS_MISSING, field="experts")
    return experts


def weights_set_expert(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    experts: Sequence[tuple[str, Sequence[float]]],
) -> tuple[Scheme, WeightJudgment]:
    """篇2's expert method: the mean of the experts' weights; each expert's kept."""
    if not experts:
        raise ServiceError(QualityError.EXPERTS_MISSING, field="experts")
    with transaction.atomic():
        count = len(group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key))
        for number, (_name, weights) in enumerate(experts, start=1):
            if len(weights) != count:
                raise ServiceError(
                    QualityError.EXPERT_ROW,
                    field="experts",
                    line=number,
                    problem=QualityError.WEIGHTS_COUNT.render(
                        count=count, group=group_label(scheme, source, parent_key)
                    ),
                )
            total = math.fsum(weights)
            if abs(total - 1) > 0.011:  # stated weights such as 0.33 × 3
                raise ServiceError(
                    QualityError.EXPERT_ROW,
                    field="experts",
                    line=number,
                    problem=QualityError.WEIGHTS_SUM.render(
                        group=group_label(scheme, source, parent_key),
                        total=f"{total:.4g}",
                    ),
                )
        try:
            mean = expert_mean([list(w) for _n, w in experts])
        except EvaluationError as error:
            raise ServiceError(
                QualityError.EXPERT_ROW, field="experts", line="—", problem=str(error)
            ) from None
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=mean,
            method=WeightMethod.EXPERT,
            experts=[{"name": n, "weights": list(w)} for n, w in experts],
        )


def parse_judgment(text: str, row: int, column: int) -> Fraction:
    """One cell of a pairwise matrix: "3", "1/3" or "0.333"; 1/9 … 9."""
    try:
        value = Fraction(text.strip()).limit_denominator(1000)
    except (ValueError, ZeroDivisionError):
        value = Fraction(0)
    if not Fraction(1, 9) - Fraction(1, 1000) <= value <= 9:
        raise ServiceError(
            QualityError.MATRIX_CELL,
            field=f"m_{row}_{column}",
            row=row + 1,
            column=column + 1,
            value=text,
        )
    return value


def reciprocal_matrix(
    upper: dict[tuple[int, int], Fraction], n: int
) -> list[list[float]]:
    """The full matrix from the judgments above the diagonal."""
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in upper.items():
        matrix[i][j] = float(value)
        matrix[j][i] = float(1 / value)
    return matrix


def weights_set_ahp(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    matrix: Sequence[Sequence[float]],
    override_reason: str = "",
) -> tuple[Scheme, WeightJudgment]:
    """AHP weights (Saaty's eigenvector); CR > 0.1 is refused unless a reason is written."""
    try:
        result = ahp(matrix)
    except EvaluationError as error:
        raise ServiceError(
            QualityError.MATRIX_INVALID, field="matrix", problem=str(error)
        ) from None
    reason = (override_reason or "").strip()
    if result.consistency_ratio > CR_LIMIT and not reason:
        raise ServiceError(
            QualityError.INCONSISTENT,
            field="override_reason",
            cr=f"{result.consistency_ratio:.3f}",
        )
    with transaction.atomic():
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=_summing_to_one(result.weights),
            method=WeightMethod.AHP,
            matrix=[[float(v) for v in row] for row in matrix],
            consistency_ratio=result.consistency_ratio,
            override_reason=reason if result.consistency_ratio > CR_LIMIT else "",
        )


def _summing_to_one(weights: Sequence[float]) -> list[float]:
    out = [float(w) for w in weights]
    out[-1] = max(0.0, 1.0 - math.fsum(out[:-1]))
    return out


def weights_set_entropy(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    parent_key: str,
    start: date,
    end: date,
) -> tuple[Scheme, WeightJudgment]:
    """Entropy weights of a group of leaves over the departments' figures of a period."""
    with transaction.atomic():
        siblings = group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key)
        for factor in siblings:
            if factor.is_group:
                raise ServiceError(
                    QualityError.ENTROPY_LEAVES, field="parent_key", name=factor.name
                )
        figures = sources.leaf_scores(
            organisation=scheme.organisation,
            purpose=scheme.purpose,
            leaves=[
                sources.Leaf(f.key, f.binding_kind, f.binding_ref) for f in siblings
            ],
            start=start,
            end=end,
        )
        rows = []
        for scope, per_key in figures.items():
            if scope is None:
                continue
            row = [per_key.get(f.key) for f in siblings]
            if all(s is not None and s.score is not None and s.count for s in row):
                rows.append([s.score for s in row])  # type: ignore[union-attr]
        if len(rows) < 2:
            raise ServiceError(QualityError.ENTROPY_NO_ROWS, field="period")
        try:
            weights = entropy_weights(rows)
        except EvaluationError as error:
            raise ServiceError(
                QualityError.ENTROPY_DATA, field="period", problem=str(error)
            ) from None
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=_summing_to_one(weights),
            method=WeightMethod.ENTROPY,
            period_start=start,
            period_end=end,
        )


def weights_borrow(
    *, actor: Any, scheme: Scheme, source: str, parent_key: str, origin: Scheme
) -> tuple[Scheme, WeightJudgment]:
    """Take a group's weights from an earlier scheme's factors with the same keys."""
    if origin.organisation_id != scheme.organisation_id:
        raise ServiceError(QualityError.SCHEME_ELSEWHERE, field="origin")
    with transaction.atomic():
        siblings = group_factors(Scheme.objects.get(pk=scheme.pk), source, parent_key)
        theirs = dict(
            origin.factors.filter(key__in=[f.key for f in siblings]).values_list(
                "key", "weight"
            )
        )
        if missing := [f.key for f in siblings if f.key not in theirs]:
            raise ServiceError(
                QualityError.BORROW_MISSING, field="origin", keys=", ".join(missing)
            )
        return _apply(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent_key,
            weights=[theirs[f.key] for f in siblings],
            method=WeightMethod.BORROWED,
            borrowed_from=origin,
        )
