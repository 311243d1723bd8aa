"""Factor weights from several experts, or from the data themselves.

- :func:`expert_mean` is 篇2's expert method (专家法): "这些权重是综合多位专家
  意见后的算术平均值" — the weights are the arithmetic mean of several experts'
  weights. Each expert's vector may come from :func:`~.ahp.ahp` or be stated
  directly.
- :func:`entropy_weights` is the objective counterpart: a criterion on which
  the alternatives differ more carries more information and gets more weight.
  Shannon, C. E. (1948). A mathematical theory of communication. *Bell System
  Technical Journal* 27(3), 379–423; applied to criteria weights by Zeleny, M.
  (1982). *Multiple Criteria Decision Making*, McGraw-Hill, and Hwang, C.-L. &
  Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
  Applications*, Springer (the entropy method).
"""

from __future__ import annotations

import math

import numpy as np

from onestop.compute.evaluation._checks import F64, EvaluationError, Table, as_matrix

__all__ = ["entropy_weights", "expert_mean"]

# 1 − e for a criterion whose values are all equal is 0 in exact arithmetic
# but ~1e-16 in floating point; below this it is treated as 0, or a set of
# constant criteria would share out their rounding noise as weights.
_NO_INFORMATION = 1e-12


def expert_mean(weights_by_expert: Table) -> tuple[float, ...]:
    """The arithmetic mean of several experts' weight vectors, renormalised to
    sum 1 (篇2, 专家法).

    One row per expert, one column per factor. Each row is taken as given
    (normally it sums to 1); the renormalisation only removes the rounding of
    stated weights such as 0.33, 0.33, 0.33. Refuses no experts, ragged rows,
    negative weights and an all-zero mean, naming the expert and factor.
    """
    w = as_matrix(weights_by_expert, "weights_by_expert", row_name="expert")
    experts, factors = w.shape
    if experts == 0:
        raise EvaluationError("weights_by_expert is empty: no expert gave weights")
    if factors == 0:
        raise EvaluationError("weights_by_expert: the experts weighted no factors")
    if (w < 0).any():
        e, f = (int(i) for i in np.argwhere(w < 0)[0])
        raise EvaluationError(
            f"weights_by_expert: expert {e} gives factor {f} the weight {w[e, f]:g}; "
            "weights must not be negative"
        )
    mean = w.mean(axis=0)
    total = float(mean.sum())
    if total <= 0:
        raise EvaluationError(
            "weights_by_expert: every weight is 0, so no mean weight exists"
        )
    return tuple(float(x) for x in mean / total)


def _column_entropy(p: F64) -> F64:
    """e_j = −Σ_i p_ij ln p_ij / ln m, with 0·ln 0 = 0 (its limit; Shannon 1948)."""
    log_m = math.log(p.shape[0])
    safe = np.where(p > 0, p, 1.0)  # ln 1 = 0, so a zero share adds nothing
    entropy: F64 = -(p * np.log(safe)).sum(axis=0) / log_m
    return entropy


def entropy_weights(matrix: Table) -> tuple[float, ...]:
    """Shannon-entropy weights of the criteria (columns) of a decision matrix
    whose rows are the alternatives (Zeleny 1982; Hwang & Yoon 1981).

    p_ij = x_ij / Σ_i x_ij; e_j = −Σ_i p_ij ln p_ij / ln m; w_j ∝ 1 − e_j,
    summing to 1. Values must be ≥ 0 and already oriented so that the
    proportions mean something (e.g. scores, not costs). Refuses negative
    values, fewer than 2 alternatives, a column of zeros (naming it), and a
    matrix in which no criterion varies (all weights would be 0/0).
    """
    x = as_matrix(matrix, "matrix", row_name="alternative")
    m, n = x.shape
    if m < 2:
        # ln m = 0: with one alternative there is nothing to tell apart.
        raise EvaluationError(
            f"entropy weights need at least 2 alternatives (rows), got {m}"
        )
    if n == 0:
        raise EvaluationError("matrix has no criteria (columns)")
    if (x < 0).any():
        r, c = (int(i) for i in np.argwhere(x < 0)[0])
        raise EvaluationError(
            f"matrix: alternative {r}, criterion {c} is {x[r, c]:g}; "
            "entropy weights need values ≥ 0"
        )
    totals = x.sum(axis=0)
    if (zero := np.flatnonzero(totals == 0)).size:
        raise EvaluationError(
            f"matrix: criterion (column) {', '.join(str(int(c)) for c in zero)} is all "
            "zeros, so its proportions p = x / 0 are undefined"
        )
    d = 1.0 - _column_entropy(x / totals)
    d[d < _NO_INFORMATION] = 0.0
    if not d.any():
        raise EvaluationError(
            "no criterion varies across the alternatives (every entropy is 1), "
            "so entropy gives no weights"
        )
    return tuple(float(v) for v in d / d.sum())
