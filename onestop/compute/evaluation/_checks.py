"""Input checks shared by the evaluation methods.

Every method here turns user-entered tables (survey answers, expert weights,
pairwise judgments) into numbers, so every refusal names the row, column or
key at fault: the person fixing the spreadsheet needs the cell, not a traceback.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TypeGuard

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
# A cell: any real number (to the type checker an int is a float); Fraction
# too, since pairwise judgments such as 1/3 are exact fractions.
Number = float | Fraction
# What callers may pass for a table: a list of rows or a 2-D NumPy array.
Table = Sequence[Sequence[Number]] | npt.NDArray[Any]

# Weights entered by people (0.3, 0.3, 0.4) sum to 1 only up to rounding in
# binary floating point; a millionth is far below any judgment's precision and
# far above the rounding of a few dozen additions.
WEIGHT_SUM_TOLERANCE = 1e-6


class EvaluationError(ValueError):
    """Input an evaluation method cannot use; the message names the part at fault."""


def is_number(value: object) -> TypeGuard[numbers.Real]:
    """A real number, but not a bool (True is an int, yet never a score)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _row_values(
    row: object, r: int, what: str, row_name: str, missing_ok: bool
) -> list[float]:
    if isinstance(row, str | bytes) or not isinstance(row, Sequence | np.ndarray):
        raise EvaluationError(
            f"{what}: {row_name} {r} is not a list of numbers: {row!r}"
        )
    values: list[float] = []
    for c, v in enumerate(row):
        if missing_ok and v is None:
            values.append(math.nan)
        elif is_number(v):
            values.append(float(v))
        else:
            raise EvaluationError(
                f"{what}: {row_name} {r}, column {c}: {v!r} is not a number"
            )
    return values


def as_matrix(
    rows: object, what: str, *, row_name: str = "row", missing_ok: bool = False
) -> F64:
    """A float copy of a 2-D table, or EvaluationError naming the bad row or cell.

    With ``missing_ok`` a None or NaN cell is kept as NaN (a missing answer);
    otherwise every cell must be a finite number.
    """
    if isinstance(rows, np.ndarray):
        if rows.ndim != 2:
            raise EvaluationError(f"{what} must be a 2-D table, got shape {rows.shape}")
        if rows.dtype.kind not in "iuf":
            raise EvaluationError(f"{what} must hold numbers, got dtype {rows.dtype}")
        out = rows.astype(np.float64)  # a copy: the caller's array is never changed
    else:
        if isinstance(rows, str | bytes) or not isinstance(rows, Sequence):
            raise EvaluationError(f"{what} must be a list of rows, got {rows!r}")
        table = [
            _row_values(r, i, what, row_name, missing_ok) for i, r in enumerate(rows)
        ]
        width = len(table[0]) if table else 0
        for i, values in enumerate(table):
            if len(values) != width:
                raise EvaluationError(
                    f"{what} is ragged: {row_name} {i} has {len(values)} values, "
                    f"{row_name} 0 has {width}"
                )
        out = np.array(table, dtype=np.float64).reshape(len(table), width)
    _check_finite(out, what, row_name, missing_ok)
    return out


def _check_finite(x: F64, what: str, row_name: str, missing_ok: bool) -> None:
    bad = np.isinf(x) if missing_ok else ~np.isfinite(x)
    if bad.any():
        r, c = (int(i) for i in np.argwhere(bad)[0])
        raise EvaluationError(
            f"{what}: {row_name} {r}, column {c} is {x[r, c]}, not a number"
        )


def as_vector(values: object, what: str) -> F64:
    """A float copy of a 1-D list of finite numbers, or EvaluationError naming the entry."""
    if isinstance(values, np.ndarray):
        if values.ndim != 1 or values.dtype.kind not in "iuf":
            raise EvaluationError(
                f"{what} must be a 1-D list of numbers, got {values.dtype} {values.shape}"
            )
        out = values.astype(np.float64)
    elif isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise EvaluationError(f"{what} must be a list of numbers, got {values!r}")
    else:
        for i, v in enumerate(values):
            if not is_number(v):
                raise EvaluationError(f"{what}[{i}] = {v!r} is not a number")
        out = np.array([float(v) for v in values], dtype=np.float64)
    if not np.isfinite(out).all():
        i = int(np.flatnonzero(~np.isfinite(out))[0])
        raise EvaluationError(f"{what}[{i}] is {out[i]}, not a finite number")
    return out


def finite(value: object, what: str) -> float:
    """``value`` as a float, or EvaluationError if it is not a finite number."""
    if not is_number(value):
        raise EvaluationError(f"{what} is {value!r}, not a number")
    out = float(value)
    if not math.isfinite(out):
        raise EvaluationError(f"{what} is {out}, not a finite number")
    return out


def check_weights(
    weights: Sequence[float] | F64, what: str, total: float = 1.0
) -> None:
    """Weights must be ≥ 0 and sum to ``total`` (1, or 100 points) within tolerance."""
    for i, w in enumerate(weights):
        if w < 0:
            raise EvaluationError(
                f"{what}: weight {i} is {w}; weights must not be negative"
            )
    s = math.fsum(float(w) for w in weights)
    if abs(s - total) > WEIGHT_SUM_TOLERANCE * total:
        raise EvaluationError(f"{what} sum to {s:.10g}, not {total:g}")
