"""Survey statistics: the reliability of a scale and SERVQUAL gap scores.

篇9 analyses a call centre's quality with the gaps model: 管理层认识的差距,
服务质量规范的差距, 服务传送过程中的差距, 市场信息传播的差距 and
服务质量感知差距 (Parasuraman, Zeithaml & Berry 1985, *Journal of Marketing*
49(4), 41–50). The last, perceived against expected service, is what the
SERVQUAL questionnaire measures: :func:`servqual`. :func:`cronbach_alpha`
says whether the items of a scale (a SERVQUAL dimension, or 篇2's 师生评价
questionnaire) measure one thing consistently enough to be summed.

Sources:

- Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
  tests. *Psychometrika* 16(3), 297–334.
- Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a
  multiple-item scale for measuring consumer perceptions of service quality.
  *Journal of Retailing* 64(1), 12–40: 22 items in five dimensions; the gap
  score is perception − expectation.
- Zeithaml, V. A., Parasuraman, A. & Berry, L. L. (1990). *Delivering Quality
  Service.* Free Press, appendix: each respondent shares 100 points among the
  five dimensions; the weighted SERVQUAL score weights that respondent's
  dimension gaps by those points, and is then averaged over respondents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from onestop.compute.evaluation._checks import (
    F64,
    WEIGHT_SUM_TOLERANCE,
    EvaluationError,
    Number,
    Table,
    as_matrix,
    finite,
)

__all__ = ["SERVQUAL_DIMENSIONS", "ServqualResult", "cronbach_alpha", "servqual"]

# Parasuraman, Zeithaml & Berry (1988): item number → dimension.
SERVQUAL_DIMENSIONS: Mapping[int, str] = MappingProxyType(
    {i: "tangibles" for i in range(1, 5)}
    | {i: "reliability" for i in range(5, 10)}
    | {i: "responsiveness" for i in range(10, 14)}
    | {i: "assurance" for i in range(14, 18)}
    | {i: "empathy" for i in range(18, 23)}
)

# Survey answers with gaps: None (or NaN) is an unanswered item.
Answers = Sequence[Sequence[Number | None]] | npt.NDArray[Any]
ImportancePoints = Mapping[str, float] | Sequence[Mapping[str, float]]


def cronbach_alpha(item_scores: Answers) -> float:
    """Cronbach's α (Cronbach 1951) of a scale: one row per respondent, one
    column per item.

    α = k/(k − 1) · (1 − Σ var_i / var_total), with sample variances
    (ddof = 1) over the respondents who answered every item; a respondent
    with a missing answer (None or NaN) is dropped, since α compares each
    person's items with the same person's total. Refuses fewer than 2 items,
    fewer than 2 complete respondents, and totals that do not vary (α = 0/0).
    """
    x = as_matrix(item_scores, "item_scores", row_name="respondent", missing_ok=True)
    n, k = (int(d) for d in x.shape)
    if k < 2:
        raise EvaluationError(f"Cronbach's α needs at least 2 items (columns), got {k}")
    complete = x[~np.isnan(x).any(axis=1)]
    if complete.shape[0] < 2:
        raise EvaluationError(
            f"{complete.shape[0]} of {n} respondents answered every item; "
            "Cronbach's α needs at least 2"
        )
    total_var = float(complete.sum(axis=1).var(ddof=1))
    if total_var == 0:
        raise EvaluationError(
            "every complete respondent has the same total score, so α is 0/0"
        )
    item_var = float(complete.var(axis=0, ddof=1).sum())
    return k / (k - 1) * (1 - item_var / total_var)


@dataclass(frozen=True)
class ServqualResult:
    """SERVQUAL gap scores (perception − expectation; negative = short of
    expectations).

    ``item_gaps``: the mean gap of each item, in column order.
    ``dimension_gaps``: dimension → mean over respondents of the respondent's
    mean gap on its items, in order of first appearance.
    ``unweighted_score``: the mean of the dimension gaps.
    ``weighted_score``: the mean over respondents of Σ points/100 × that
    respondent's dimension gap; None without importance points.
    """

    item_gaps: tuple[float, ...]
    dimension_gaps: Mapping[str, float]
    unweighted_score: float
    weighted_score: float | None


def _item_dimensions(
    dimension_of_item: Sequence[str] | Mapping[int, str], k: int
) -> list[str]:
    """Each column's dimension. A Mapping uses the questionnaire's item numbers
    1…k, as :data:`SERVQUAL_DIMENSIONS` does; a list is in column order."""
    if isinstance(dimension_of_item, Mapping):
        numbers, wanted = set(dimension_of_item), set(range(1, k + 1))
        if numbers != wanted:
            raise EvaluationError(
                f"dimension_of_item must number the {k} items 1…{k}: missing "
                f"{sorted(wanted - numbers)}, not items {sorted(numbers - wanted, key=repr)}"
            )
        dims = [dimension_of_item[i] for i in range(1, k + 1)]
    elif isinstance(dimension_of_item, str) or not isinstance(
        dimension_of_item, Sequence
    ):
        raise EvaluationError("dimension_of_item must list one dimension per item")
    else:
        dims = list(dimension_of_item)
        if len(dims) != k:
            raise EvaluationError(
                f"dimension_of_item names {len(dims)} items, the answers have {k}"
            )
    for i, d in enumerate(dims):
        if not isinstance(d, str) or not d:
            raise EvaluationError(
                f"dimension_of_item: item {i} has no dimension name ({d!r})"
            )
    return dims


def _point_row(points: object, names: Sequence[str], what: str) -> F64:
    """One respondent's importance points, in ``names`` order; ≥ 0, sum 100."""
    if not isinstance(points, Mapping):
        raise EvaluationError(f"{what} must map dimension → points, got {points!r}")
    if missing := [d for d in names if d not in points]:
        raise EvaluationError(
            f"{what} gives no points to {', '.join(map(repr, missing))}"
        )
    if unknown := [d for d in points if d not in names]:
        raise EvaluationError(
            f"{what} gives points to {', '.join(map(repr, unknown))}, which no item belongs to"
        )
    row = np.array([finite(points[d], f"{what}[{d!r}]") for d in names])
    if (row < 0).any():
        d = names[int(np.flatnonzero(row < 0)[0])]
        raise EvaluationError(f"{what}[{d!r}] is negative")
    if abs(float(row.sum()) - 100) > 100 * WEIGHT_SUM_TOLERANCE:
        raise EvaluationError(f"{what} sum to {float(row.sum()):g} points, not 100")
    return row


def _points(importance_points: ImportancePoints, names: Sequence[str], n: int) -> F64:
    """n × dimensions points: one mapping for everyone, or one per respondent."""
    if isinstance(importance_points, Mapping):
        return np.tile(
            _point_row(importance_points, names, "importance_points"), (n, 1)
        )
    if isinstance(importance_points, str) or not isinstance(
        importance_points, Sequence
    ):
        raise EvaluationError(
            "importance_points must be a mapping or a list of mappings"
        )
    if len(importance_points) != n:
        raise EvaluationError(
            f"{len(importance_points)} sets of importance_points for {n} respondents"
        )
    return np.array(
        [
            _point_row(p, names, f"importance_points[{r}]")
            for r, p in enumerate(importance_points)
        ]
    )


def servqual(
    expectations: Table,
    perceptions: Table,
    dimension_of_item: Sequence[str] | Mapping[int, str],
    importance_points: ImportancePoints | None = None,
) -> ServqualResult:
    """SERVQUAL gap scores (Parasuraman, Zeithaml & Berry 1988; weighted
    score: Zeithaml, Parasuraman & Berry 1990, appendix).

    ``expectations`` and ``perceptions``: respondents × items, same shape, no
    missing answers. ``dimension_of_item``: each item's dimension, e.g.
    :data:`SERVQUAL_DIMENSIONS`. ``importance_points``: dimension → points
    summing to 100, one mapping for everyone or a list with one per
    respondent. Gap = perception − expectation; a respondent's dimension gap is
    the mean over its items; dimension gaps are averaged over respondents; the
    unweighted score is their mean; the weighted score is each respondent's
    Σ points/100 × dimension gap, averaged over respondents.
    """
    e = as_matrix(expectations, "expectations", row_name="respondent")
    p = as_matrix(perceptions, "perceptions", row_name="respondent")
    if e.shape != p.shape:
        raise EvaluationError(
            f"expectations are {e.shape[0]} respondents × {e.shape[1]} items, "
            f"perceptions {p.shape[0]} × {p.shape[1]}; they must match"
        )
    n, k = e.shape
    if n == 0 or k == 0:
        raise EvaluationError(
            "no answers: SERVQUAL needs at least one respondent and item"
        )
    dims = _item_dimensions(dimension_of_item, k)
    names = list(dict.fromkeys(dims))  # dimensions in order of first appearance
    member = np.array([[d == name for name in names] for d in dims], dtype=np.float64)
    gap = p - e
    by_respondent = gap @ member / member.sum(axis=0)  # n × dimensions
    dimension_gaps = by_respondent.mean(axis=0)
    weighted = None
    if importance_points is not None:
        points = _points(importance_points, names, n)
        weighted = float((points / 100 * by_respondent).sum(axis=1).mean())
    return ServqualResult(
        item_gaps=tuple(float(g) for g in gap.mean(axis=0)),
        dimension_gaps=MappingProxyType(
            {name: float(g) for name, g in zip(names, dimension_gaps, strict=True)}
        ),
        unweighted_score=float(dimension_gaps.mean()),
        weighted_score=weighted,
    )
