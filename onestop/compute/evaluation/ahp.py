"""The analytic hierarchy process (AHP): weights from pairwise comparisons.

篇2 leaves the factor weights to experts (专家法), who "compare the factors'
importance". AHP turns one expert's comparisons into weights: a_ij says how
many times more important factor i is than factor j on Saaty's 1–9 scale,
a_ji = 1/a_ij, and the method also says how far the judgments contradict
each other. Several experts' weights are then averaged with
:func:`onestop.compute.evaluation.expert_mean`.

Sources:

- Saaty, T. L. (1977). A scaling method for priorities in hierarchical
  structures. *Journal of Mathematical Psychology* 15(3), 234–281: the
  weights are the principal right eigenvector of the positive reciprocal
  matrix; λmax ≥ n, with equality exactly when the judgments are consistent
  (a_ij·a_jk = a_ik); consistency index CI = (λmax − n)/(n − 1).
- Saaty, T. L. (1980). *The Analytic Hierarchy Process.* McGraw-Hill:
  consistency ratio CR = CI/RI, RI being the mean CI of random reciprocal
  matrices (table for n = 1…15 below; CR ≤ 0.1 is acceptable); the
  eigenvector as the limit of the normalised row sums of the powers of A.
- Crawford, G. & Williams, C. (1985). A note on the analysis of subjective
  judgment matrices. *Journal of Mathematical Psychology* 29(4), 387–405:
  the row geometric means (``method="geometric"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from onestop.compute.evaluation._checks import F64, EvaluationError, Table, as_matrix

__all__ = [
    "RECIPROCAL_TOLERANCE",
    "SAATY_RANDOM_INDEX",
    "AhpBatch",
    "AhpMatrixError",
    "AhpResult",
    "ahp",
    "ahp_many",
]

Method = Literal["eigenvector", "geometric"]
_METHODS = ("eigenvector", "geometric")

# Saaty (1980): RI for n = 1…15. For n ≤ 2 every reciprocal matrix is
# consistent, so RI = 0 and CR is defined as 0.
SAATY_RANDOM_INDEX: Mapping[int, float] = MappingProxyType(
    {
        1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
        9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
    }
)  # fmt: skip

# Relative tolerance on a_ij·a_ji = 1. Judgments typed as three decimals
# (1/6 as 0.167: 6 × 0.167 = 1.002) must pass; a genuine slip (3 against 1/2,
# product 1.5) must not.
RECIPROCAL_TOLERANCE = 5e-3

# Stop squaring when the weights move less than this. Weights are at most 1,
# so this is far below any reported digit and above the rounding of a 15×15
# product (~1e-15), which would otherwise keep a converged matrix "moving".
_CONVERGED = 1e-14
# A^(2^64): the error ratio |λ2/λ1| is raised to the 2^64th power, so only a
# matrix whose λ2 ties λ1 to 1e-18 could still move; a positive matrix's
# Perron root strictly dominates (Perron's theorem), so this never binds.
_MAX_SQUARINGS = 64


class AhpMatrixError(EvaluationError):
    """A comparison matrix AHP cannot use: not square, not positive or not
    reciprocal. ``cell`` is the (row, column) at fault, 0-based, and
    ``index`` the matrix's position in a stack given to :func:`ahp_many`."""

    def __init__(
        self,
        message: str,
        *,
        cell: tuple[int, int] | None = None,
        index: int | None = None,
    ) -> None:
        super().__init__(message)
        self.cell = cell
        self.index = index


@dataclass(frozen=True)
class AhpResult:
    """Weights (summing to 1) and the consistency of one comparison matrix."""

    weights: tuple[float, ...]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float


@dataclass(frozen=True, eq=False)  # eq=False: arrays do not compare with ==
class AhpBatch:
    """:class:`AhpResult` for a stack of k matrices of size n: ``weights`` is
    k × n, the other fields have length k."""

    weights: F64
    lambda_max: F64
    consistency_index: F64
    consistency_ratio: F64


def _name(index: int, single: bool) -> str:
    return "matrix" if single else f"matrices[{index}]"


def _first(bad: npt.NDArray[np.bool_]) -> tuple[int, int, int]:
    k, i, j = (int(x) for x in np.argwhere(bad)[0])
    return k, i, j


def _check_shape(a: F64, single: bool) -> None:
    count, rows, cols = a.shape
    if count == 0:
        raise AhpMatrixError("matrices is empty")
    if rows != cols:
        raise AhpMatrixError(
            f"a pairwise comparison matrix must be square; "
            f"{_name(0, single)} has {rows} rows of {cols}"
        )
    if rows == 0:
        raise AhpMatrixError("a pairwise comparison matrix needs at least one element")
    if rows > len(SAATY_RANDOM_INDEX):
        raise AhpMatrixError(
            f"n = {rows}: Saaty's random index, hence the consistency ratio, "
            f"is tabulated only for n ≤ {len(SAATY_RANDOM_INDEX)}"
        )


def _check_values(a: F64, single: bool) -> None:
    """Finite, positive, reciprocal: the premises of Saaty's theorems (1977)."""
    if (bad := ~np.isfinite(a)).any():
        k, i, j = _first(bad)
        raise AhpMatrixError(
            f"{_name(k, single)}[{i}][{j}] is {a[k, i, j]}, not a finite number",
            cell=(i, j),
            index=None if single else k,
        )
    if (bad := a <= 0).any():
        k, i, j = _first(bad)
        raise AhpMatrixError(
            f"{_name(k, single)}[{i}][{j}] = {a[k, i, j]:g}: judgments must be "
            "positive (1/9 … 9 on Saaty's scale)",
            cell=(i, j),
            index=None if single else k,
        )
    product = a * a.transpose(0, 2, 1)
    if (bad := np.abs(product - 1.0) > RECIPROCAL_TOLERANCE).any():
        # argwhere is in row-major order, so of a bad pair (i, j), (j, i)
        # the upper cell i ≤ j is found first.
        k, i, j = _first(bad)
        raise _not_reciprocal(a, k, i, j, single)


def _not_reciprocal(a: F64, k: int, i: int, j: int, single: bool) -> AhpMatrixError:
    name, v = _name(k, single), a[k, i, j]
    index = None if single else k
    if i == j:
        return AhpMatrixError(
            f"{name}[{i}][{i}] = {v:g}: the diagonal must be 1 "
            "(an element is exactly as important as itself)",
            cell=(i, i),
            index=index,
        )
    return AhpMatrixError(
        f"{name}[{i}][{j}] = {v:g} but {name}[{j}][{i}] = {a[k, j, i]:g}: "
        f"a reciprocal matrix needs {name}[{j}][{i}] = 1/{v:g} = {1 / v:.4g}",
        cell=(i, j),
        index=index,
    )


def _eigenvector(a: F64) -> tuple[F64, F64]:
    """Principal right eigenvector (sum 1) and eigenvalue of each matrix.

    Saaty (1980): w = lim A^k·e / eᵀ·A^k·e. Squaring reaches A^(2^s) in s
    products, all matrices at once, which is cheaper than a general eigen
    solver for a stack of small matrices; each step squares the remaining
    error ratio |λ2/λ1| < 1 (Perron's theorem for positive matrices).
    """
    b = a / a.sum(axis=(1, 2), keepdims=True)
    w = b.sum(axis=2)
    for _ in range(_MAX_SQUARINGS):
        b = b @ b
        b /= b.sum(axis=(1, 2), keepdims=True)  # keeps entries near 1/n², no overflow
        w_next = b.sum(axis=2)
        done = bool(np.max(np.abs(w_next - w)) <= _CONVERGED)
        w = w_next
        if done:
            break
    else:  # pragma: no cover - see _MAX_SQUARINGS
        raise EvaluationError("the power method did not converge")
    w /= w.sum(axis=1, keepdims=True)
    # A·w = λ·w and eᵀ·w = 1, so λ = eᵀ·A·w.
    return w, np.einsum("kij,kj->k", a, w)


def _geometric(a: F64) -> tuple[F64, F64]:
    """Row geometric means (Crawford & Williams 1985), summing to 1, and
    λmax estimated as the mean of (A·w)_i / w_i (Saaty 1980)."""
    g = np.exp(np.log(a).mean(axis=2))
    w = g / g.sum(axis=1, keepdims=True)
    return w, (np.einsum("kij,kj->ki", a, w) / w).mean(axis=1)


def _consistency(lambda_max: F64, n: int) -> tuple[F64, F64]:
    """CI = (λmax − n)/(n − 1) (Saaty 1977), CR = CI/RI (Saaty 1980)."""
    if n <= 2:
        zero = np.zeros_like(lambda_max)
        return zero, zero.copy()
    # λmax ≥ n for a reciprocal matrix (Saaty 1977), so a value just below is
    # rounding, or the tolerated rounding of typed reciprocals: report 0.
    ci = np.maximum((lambda_max - n) / (n - 1), 0.0)
    return ci, ci / SAATY_RANDOM_INDEX[n]


def _solve(a: F64, method: str, single: bool) -> AhpBatch:
    if method not in _METHODS:
        raise EvaluationError(
            f"method must be 'eigenvector' or 'geometric', got {method!r}"
        )
    _check_shape(a, single)
    _check_values(a, single)
    w, lam = _eigenvector(a) if method == "eigenvector" else _geometric(a)
    ci, cr = _consistency(lam, a.shape[1])
    return AhpBatch(w, lam, ci, cr)


def ahp(matrix: Table, method: Method = "eigenvector") -> AhpResult:
    """Weights and consistency of one pairwise comparison matrix.

    ``method="eigenvector"``: Saaty's principal eigenvector (Saaty 1977, 1980);
    ``"geometric"``: row geometric means (Crawford & Williams 1985), with
    λmax = mean of (A·w)_i / w_i. CI = (λmax − n)/(n − 1), CR = CI/RI with
    :data:`SAATY_RANDOM_INDEX`; CR = 0 for n ≤ 2. Raises
    :class:`AhpMatrixError` naming the cell for a matrix that is not square,
    not positive, or not reciprocal within :data:`RECIPROCAL_TOLERANCE`.
    """
    batch = _solve(as_matrix(matrix, "matrix")[np.newaxis], method, single=True)
    return AhpResult(
        weights=tuple(float(x) for x in batch.weights[0]),
        lambda_max=float(batch.lambda_max[0]),
        consistency_index=float(batch.consistency_index[0]),
        consistency_ratio=float(batch.consistency_ratio[0]),
    )


def _as_stack(matrices: Sequence[Table] | npt.NDArray[Any]) -> F64:
    if isinstance(matrices, np.ndarray):
        if matrices.ndim != 3 or matrices.dtype.kind not in "iuf":
            raise AhpMatrixError(
                "matrices must be a k × n × n array of numbers, "
                f"got {matrices.dtype} {matrices.shape}"
            )
        return matrices.astype(np.float64)
    tables = [as_matrix(m, f"matrices[{k}]") for k, m in enumerate(matrices)]
    if not tables:
        raise AhpMatrixError("matrices is empty")
    for k, t in enumerate(tables):
        if t.shape != tables[0].shape:
            raise AhpMatrixError(
                f"matrices[{k}] is {t.shape[0]}×{t.shape[1]}, matrices[0] is "
                f"{tables[0].shape[0]}×{tables[0].shape[1]}; a stack needs one size",
                index=k,
            )
    return np.stack(tables)


def ahp_many(
    matrices: Sequence[Table] | npt.NDArray[Any], method: Method = "eigenvector"
) -> AhpBatch:
    """:func:`ahp` for a stack of same-size matrices at once (k × n × n),
    vectorised over the stack; results equal ``ahp`` matrix by matrix. Same
    methods and sources (Saaty 1977, 1980; Crawford & Williams 1985). Errors
    name the matrix (``matrices[k]``) as well as the cell."""
    return _solve(_as_stack(matrices), method, single=False)
