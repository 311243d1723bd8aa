"""Staffing many intervals at once with NumPy (:func:`required_agents_many`),
element for element identical to :func:`.staffing.required_agents`: the same
float operations, and the same exact rationals wherever a float is too close
to call. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from onestop.compute.erlang._checks import _MAX_TRAFFIC, _Problem
from onestop.compute.erlang.staffing import (
    _BAND_ABS,
    _BAND_REL,
    _exact,
    _first_candidate,
    _meets_exactly,
    _scheduled_exact,
)

_F64 = npt.NDArray[np.float64]
_I64 = npt.NDArray[np.int64]
_Bool = npt.NDArray[np.bool_]
_Array = TypeVar("_Array", bound=npt.NDArray[np.generic])


# -- result ---------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StaffingArrays:
    """:class:`Staffing` for many intervals at once (:func:`required_agents_many`).

    Each field is a read-only array of the broadcast shape of the inputs;
    element for element equal to :func:`required_agents`.
    """

    agents: _I64
    scheduled_agents: _I64
    service_level: _F64
    asa_s: _F64
    occupancy: _F64
    probability_of_waiting: _F64


# -- staffing, many intervals ----------------------------------------------------


def _as_float_array(value: npt.ArrayLike, name: str) -> _F64:
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":  # bool, object, strings: refused
        raise ValueError(f"{name} must be numbers, got dtype {arr.dtype}")
    out = arr.astype(np.float64)
    if not np.isfinite(out).all():
        i = int(np.flatnonzero(~np.isfinite(out.ravel()))[0])
        raise ValueError(f"{name} must be finite, got {out.ravel()[i]} at index {i}")
    return out


def _check_range(arr: _F64, name: str, ok: _Bool, rule: str) -> None:
    """ValueError naming the first element that breaks ``rule``."""
    if not ok.all():
        i = int(np.flatnonzero(~ok.ravel())[0])
        raise ValueError(
            f"{name} must be {rule}, got {float(arr.ravel()[i])!r} at index {i}"
        )


def _near_integer(x: _F64) -> _Bool:
    """Floats so close to an integer that rounding may have crossed it. Our
    quotients carry a few ulps (~1e-15) of error; 1e-9 is far beyond that."""
    return np.abs(x - np.rint(x)) <= 1e-9 * np.maximum(1.0, np.abs(x))


def _first_candidates(
    calls: _F64, aht: _F64, interval: _F64, cap: _F64 | None, a: _F64
) -> _I64:
    """:func:`_first_candidate` for arrays: floats where they are safely away
    from an integer, exact rationals where they are not."""
    n = np.floor(a) + 1
    suspect = _near_integer(a)
    if cap is not None:
        by_cap = a / cap
        n = np.maximum(n, np.ceil(by_cap))
        suspect |= _near_integer(by_cap)
    out = n.astype(np.int64)
    for i in np.flatnonzero(suspect).tolist():
        c = None if cap is None else float(cap[i])
        out[i] = _first_candidate(float(calls[i]), float(aht[i]), float(interval[i]), c)
    return out


def _scheduled_many(agents: _I64, shrinkage: _F64) -> _I64:
    """:func:`_scheduled_exact` for arrays, in integers: with 1 − shrinkage =
    u/v exactly, ceil(n·v / u) = (n·v + u − 1) // u. A batch has few distinct
    shrinkages, so each is turned into a rational once."""
    values, which = np.unique(shrinkage, return_inverse=True)
    ratios = [1 - _exact(float(x)) for x in values.tolist()]
    v_max = max((r.denominator for r in ratios), default=1)
    if int(agents.max(initial=0)) * v_max >= 2**62:  # int64 would overflow
        return np.array(
            [
                _scheduled_exact(int(n), float(x))
                for n, x in zip(agents, shrinkage, strict=True)
            ],
            dtype=np.int64,
        )
    u = np.array([r.numerator for r in ratios], dtype=np.int64)[which]
    v = np.array([r.denominator for r in ratios], dtype=np.int64)[which]
    return (agents * v + u - 1) // u


def _erlang_b_at(n: _I64, a: _F64) -> _F64:
    """B(n_i, A_i) for every i by one pass of the recursion over k = 1..max n.

    Sorted by n descending, the problems still climbing at step k are a
    prefix; each step updates only that prefix in place, so the cost is
    Σ n_i element operations plus three NumPy calls per step. The same
    float operations as :func:`_b_step`, hence bit-identical results.
    """
    order = np.argsort(-n, kind="stable")
    a_s, n_s = a[order], n[order]
    b, ab, den = np.ones_like(a_s), np.empty_like(a_s), np.empty_like(a_s)
    top = int(n_s[0]) if n_s.size else 0
    # live[k − 1]: how many problems need step k (those with n ≥ k).
    live = np.searchsorted(-n_s, -np.arange(1, top + 1), side="right")
    for k, m in enumerate(live.tolist(), start=1):
        x, d, bm = ab[:m], den[:m], b[:m]
        np.multiply(a_s[:m], bm, out=x)
        np.add(x, k, out=d)
        np.divide(x, d, out=bm)
    out = np.empty_like(b)
    out[order] = b
    return out


@dataclass(frozen=True)
class _Batch:
    """Flattened, broadcast, validated inputs of :func:`required_agents_many`."""

    shape: tuple[int, ...]
    calls: _F64
    aht: _F64
    interval: _F64
    target: _F64
    within: _F64
    cap: _F64 | None
    shrinkage: _F64

    def problem(self, i: int) -> _Problem:
        return _Problem(
            float(self.calls[i]),
            float(self.aht[i]),
            float(self.interval[i]),
            float(self.target[i]),
            float(self.within[i]),
            None if self.cap is None else float(self.cap[i]),
            float(self.shrinkage[i]),
        )


def _batch(
    calls: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    target_service_level: npt.ArrayLike,
    answer_within_s: npt.ArrayLike,
    max_occupancy: npt.ArrayLike | None,
    shrinkage: npt.ArrayLike,
) -> _Batch:
    names = ["calls", "aht_s", "interval_s", "target_service_level", "answer_within_s"]
    values = [calls, aht_s, interval_s, target_service_level, answer_within_s]
    if max_occupancy is not None:
        names.append("max_occupancy")
        values.append(max_occupancy)
    names.append("shrinkage")
    values.append(shrinkage)
    arrays = [_as_float_array(v, k) for k, v in zip(names, values, strict=True)]
    try:
        shape = np.broadcast_shapes(*(x.shape for x in arrays))
    except ValueError as exc:
        raise ValueError(f"the inputs do not broadcast together: {exc}") from None
    flat = {
        k: np.broadcast_to(x, shape).ravel() for k, x in zip(names, arrays, strict=True)
    }
    calls_, aht, interval = flat["calls"], flat["aht_s"], flat["interval_s"]
    _check_range(calls_, "calls", calls_ >= 0, "at least 0")
    _check_range(aht, "aht_s", aht > 0, "greater than 0")
    _check_range(interval, "interval_s", interval > 0, "greater than 0")
    traffic = calls_ * aht / interval
    limit = f"at most {_MAX_TRAFFIC:g} erlangs"
    _check_range(traffic, "calls × aht_s / interval_s", traffic <= _MAX_TRAFFIC, limit)
    target = flat["target_service_level"]
    _check_range(
        target, "target_service_level", (target > 0) & (target < 1), "in (0, 1)"
    )
    if max_occupancy is not None:
        cap = flat["max_occupancy"]
        _check_range(cap, "max_occupancy", (cap > 0) & (cap <= 1), "in (0, 1]")
    s = flat["shrinkage"]
    _check_range(s, "shrinkage", (s >= 0) & (s < 1), "in [0, 1)")
    within = flat["answer_within_s"]
    _check_range(within, "answer_within_s", within >= 0, "at least 0")
    return _Batch(
        shape=shape,
        calls=flat["calls"],
        aht=flat["aht_s"],
        interval=flat["interval_s"],
        target=flat["target_service_level"],
        within=flat["answer_within_s"],
        cap=flat.get("max_occupancy"),
        shrinkage=flat["shrinkage"],
    )


def _search_up(batch: _Batch, idx: _I64, a: _F64, w: _F64) -> tuple[_I64, _F64, _F64]:
    """From each problem's first candidate, add agents until the service level
    is met: the loop of :func:`required_agents` for all problems at once,
    dropping those met. Same float operations, same decisions. Returns the
    agents, Erlang C and the service level of each problem."""
    cap = None if batch.cap is None else batch.cap[idx]
    n = _first_candidates(batch.calls[idx], batch.aht[idx], batch.interval[idx], cap, a)
    b = _erlang_b_at(n, a)
    c_out, sl_out = np.empty_like(a), np.empty_like(a)
    target = batch.target[idx]
    todo = np.arange(n.size)
    while todo.size:
        nt, at, bt, wt, tt = n[todo], a[todo], b[todo], w[todo], target[todo]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(at >= nt, 1.0, nt * bt / (nt - at * (1 - bt)))
            sl = np.where(at >= nt, 0.0, 1.0 - c * np.exp(-((nt - at) * wt)))
        ok = sl >= tt
        # The float decides unless it is too close to call (_band), as in _meets.
        for j in np.flatnonzero(
            np.abs(sl - tt) <= _BAND_ABS + _BAND_REL * nt * (1 + wt)
        ).tolist():
            ok[j] = _meets_exactly(int(nt[j]), batch.problem(int(idx[todo[j]])))
        done = todo[ok]
        c_out[done], sl_out[done] = c[ok], sl[ok]
        todo = todo[~ok]
        n[todo] += 1
        ab = a[todo] * b[todo]
        b[todo] = ab / (n[todo] + ab)
    return n, c_out, sl_out


def _frozen(x: _Array, shape: tuple[int, ...]) -> _Array:
    """Read-only, in the input's shape: the result is frozen like a dataclass."""
    x.shape = shape  # x is ours and contiguous: reshape in place
    x.flags.writeable = False
    return x


def required_agents_many(
    calls: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    target_service_level: npt.ArrayLike,
    answer_within_s: npt.ArrayLike,
    max_occupancy: npt.ArrayLike | None = None,
    shrinkage: npt.ArrayLike = 0.0,
) -> StaffingArrays:
    """:func:`required_agents` for many intervals at once (Erlang 1917;
    Cooper 1981; Koole 2013), element for element identical.

    ``calls`` and ``aht_s`` are arrays (e.g. intervals × queues); every
    argument broadcasts against the others. The Erlang B recursion runs for
    all problems together, each dropping out at its own first candidate
    (:func:`_erlang_b_at`); then the upward search runs on the whole batch,
    dropping problems as they are met. Boundaries are exact as in the scalar
    function, checked in rationals only where a float is too close to call.
    """
    batch = _batch(
        calls,
        aht_s,
        interval_s,
        target_service_level,
        answer_within_s,
        max_occupancy,
        shrinkage,
    )
    size = batch.calls.size
    agents = np.zeros(size, dtype=np.int64)
    sl, asa = np.ones(size), np.zeros(size)
    occupancy, p_wait = np.zeros(size), np.zeros(size)
    idx = np.flatnonzero(batch.calls != 0)  # zero calls: zero agents, as preset
    a = batch.calls[idx] * batch.aht[idx] / batch.interval[idx]
    n, c, level = _search_up(batch, idx, a, batch.within[idx] / batch.aht[idx])
    agents[idx], sl[idx], p_wait[idx] = n, level, c
    with np.errstate(divide="ignore"):
        asa[idx] = np.where(a >= n, np.inf, c * batch.aht[idx] / (n - a))
    occupancy[idx] = a / n
    scheduled = _scheduled_many(agents, batch.shrinkage)
    shape = batch.shape
    return StaffingArrays(
        agents=_frozen(agents, shape),
        scheduled_agents=_frozen(scheduled, shape),
        service_level=_frozen(sl, shape),
        asa_s=_frozen(asa, shape),
        occupancy=_frozen(occupancy, shape),
        probability_of_waiting=_frozen(p_wait, shape),
    )
