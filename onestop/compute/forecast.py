"""Forecasting calls per interval: seasonal baselines, Holt-Winters, special days.

Pure Python + NumPy (+ statsmodels for Holt-Winters); no Django. A series is
a 1-D array of counts per interval (e.g. 48 half hours a day), starting at a
local midnight, so day ``d`` is ``series[d * per_day:(d + 1) * per_day]``.
The season (``period``) is one week of intervals: the weekly season holds the
daily one, since every day of the week carries its own intraday profile.

Sources:

- R. J. Hyndman, G. Athanasopoulos, *Forecasting: Principles and Practice*,
  3rd ed., OTexts, 2021, §5.2 (the seasonal naive method), §8.3 (Holt-Winters'
  additive method with damped trend), §5.8 (accuracy on a held-out test set).
- C. C. Holt, "Forecasting seasonals and trends by exponentially weighted
  moving averages", ONR memorandum 52, 1957 (IJF 20(1), 2004, 5–10);
  P. R. Winters, "Forecasting sales by exponentially weighted moving
  averages", Management Science 6(3), 1960, 324–342.
- R. J. Hyndman, A. B. Koehler, "Another look at measures of forecast
  accuracy", IJF 22(4), 2006, 679–688 — MAPE and why it is undefined where
  the actual is zero.
- Special days (public holidays, make-up working days, promotions) are
  handled by "day mapping": history days that do not follow their weekday
  are replaced before fitting, and forecast days are drawn from the weekday
  they behave like, times a factor (Koole, *Call Center Optimization*, 2013,
  ch. 10 on holidays and special days).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = [
    "METHODS",
    "ForecastResult",
    "SpecialDay",
    "apply_special_days",
    "bucket_counts",
    "clean_history",
    "forecast_series",
    "holt_winters",
    "mape",
    "seasonal_mean_trend",
    "seasonal_naive",
]

_F64 = npt.NDArray[np.float64]
_I64 = npt.NDArray[np.int64]
Method = Callable[[_F64, int, int], _F64]

# Weeks a seasonal mean averages over, and the band its trend factor stays in.
_MEAN_WEEKS = 4
_TREND_BAND = (0.5, 2.0)


@dataclass(frozen=True)
class SpecialDay:
    """A day that does not follow its own weekday.

    ``like`` is the weekday (0 = Monday … 6 = Sunday) whose pattern it follows
    — a public holiday is usually like a Sunday — and ``factor`` scales that
    pattern (1.5: half as many calls again).
    """

    like: int
    factor: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.like <= 6:
            raise ValueError(f"like must be a weekday 0–6, got {self.like!r}")
        if not (math.isfinite(self.factor) and self.factor >= 0):
            raise ValueError(f"factor must be a number ≥ 0, got {self.factor!r}")


@dataclass(frozen=True)
class ForecastResult:
    """The chosen method's forecast and how each candidate did on held-out data.

    ``scores`` maps each method tried to its held-out MAPE (None: it could not
    be scored). ``holdout_mape`` is the chosen method's, over ``holdout_points``
    intervals with a non-zero actual; None when nothing was held out.
    """

    method: str
    values: _F64
    scores: dict[str, float | None] = field(default_factory=dict)
    holdout_mape: float | None = None
    holdout_points: int = 0


# -- accuracy and bucketing ---------------------------------------------------------


def mape(actual: npt.ArrayLike, forecast: npt.ArrayLike) -> tuple[float | None, int]:
    """Mean absolute percentage error (Hyndman & Koehler 2006) and its count.

    MAPE = (1/n) Σ |Aₜ − Fₜ| / |Aₜ| over the n points whose actual Aₜ ≠ 0, as a
    fraction (0.08 is 8%). Points with a zero actual are left out — the
    percentage error is undefined there — so a night with no calls neither
    helps nor hurts. Returns (None, 0) when every actual is zero.
    """
    a = np.asarray(actual, dtype=np.float64)
    f = np.asarray(forecast, dtype=np.float64)
    if a.shape != f.shape:
        raise ValueError(f"actual {a.shape} and forecast {f.shape} differ in shape")
    keep = a != 0
    n = int(keep.sum())
    if n == 0:
        return None, 0
    return float(np.mean(np.abs(a[keep] - f[keep]) / np.abs(a[keep]))), n


def bucket_counts(
    times_s: npt.ArrayLike, *, start_s: float, interval_s: float, count: int
) -> _I64:
    """How many of ``times_s`` (seconds since the epoch) fall in each of
    ``count`` intervals of ``interval_s`` seconds from ``start_s``; an interval
    holds its start, not its end. Times outside are ignored."""
    if interval_s <= 0 or count < 0:
        raise ValueError("interval_s must be > 0 and count ≥ 0")
    t = np.asarray(times_s, dtype=np.float64)
    index = np.floor((t - start_s) / interval_s)
    inside = (index >= 0) & (index < count)
    return np.bincount(index[inside].astype(np.int64), minlength=count).astype(np.int64)


# -- methods ---------------------------------------------------------------------


def _check(history: _F64, period: int, horizon: int) -> None:
    if period < 1 or horizon < 0:
        raise ValueError("period must be ≥ 1 and horizon ≥ 0")
    if history.size < period:
        raise ValueError(
            f"needs at least one season ({period} points), got {history.size}"
        )


def seasonal_naive(history: _F64, period: int, horizon: int) -> _F64:
    """Each future point equals the point one season before it (Hyndman &
    Athanasopoulos 2021, §5.2): ŷ_{T+h} = y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋."""
    _check(history, period, horizon)
    last = history[-period:]
    return np.array([last[k % period] for k in range(horizon)], dtype=np.float64)


def seasonal_mean_trend(history: _F64, period: int, horizon: int) -> _F64:
    """The mean of the last (up to four) seasons at the same phase, scaled by
    the linear trend of their totals: a seasonal naive method that is less
    noisy and follows growth. With one season it is :func:`seasonal_naive`.

    Block j (j = 0 the most recent) is the j-th season counted back from the
    end; the totals Tⱼ are fitted by least squares against x = −j, and the
    season q ahead is scaled by fitted(q) / mean(T), kept within [0.5, 2].
    """
    _check(history, period, horizon)
    weeks = min(_MEAN_WEEKS, history.size // period)
    end = history.size
    blocks = np.array(
        [history[end - (j + 1) * period : end - j * period] for j in range(weeks)]
    )
    profile = blocks.mean(axis=0)
    factors = _trend_factors(blocks.sum(axis=1), horizon // period + 1)
    return np.array(
        [profile[k % period] * factors[k // period] for k in range(horizon)],
        dtype=np.float64,
    )


def _trend_factors(totals: _F64, ahead: int) -> _F64:
    """fitted(q) / mean(totals) for q = 1..ahead (see :func:`seasonal_mean_trend`)."""
    mean = float(totals.mean())
    if totals.size < 2 or mean <= 0:
        return np.ones(ahead)
    x = -np.arange(totals.size, dtype=np.float64)
    slope, intercept = np.polyfit(x, totals, 1)
    fitted = float(intercept) + float(slope) * np.arange(1, ahead + 1, dtype=np.float64)
    factors: _F64 = np.clip(fitted / mean, *_TREND_BAND)
    return factors


def holt_winters(history: _F64, period: int, horizon: int) -> _F64:
    """Holt-Winters' additive method with a damped additive trend (Holt 1957;
    Winters 1960; Hyndman & Athanasopoulos 2021, §8.3), fitted by statsmodels'
    ``ExponentialSmoothing`` with estimated initial states; negative forecasts
    become zero. Needs at least two seasons of history."""
    _check(history, period, horizon)
    if history.size < 2 * period:
        raise ValueError(f"Holt-Winters needs two seasons ({2 * period} points)")
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():
        # Convergence chatter on flat nights; the held-out error judges the fit.
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            history,
            trend="add",
            damped_trend=True,
            seasonal="add",
            seasonal_periods=period,
            initialization_method="estimated",
        ).fit()
        values = np.asarray(model.forecast(horizon), dtype=np.float64)
    if not np.all(np.isfinite(values)):
        raise ValueError("Holt-Winters produced a non-finite forecast")
    clipped: _F64 = np.maximum(values, 0.0)
    return clipped


# In order of preference when two score the same: the simpler first.
METHODS: dict[str, Method] = {
    "seasonal_naive": seasonal_naive,
    "seasonal_mean_trend": seasonal_mean_trend,
    "holt_winters": holt_winters,
}


# -- special days ----------------------------------------------------------------


def _days(series: _F64, per_day: int) -> _F64:
    if per_day < 1 or series.size % per_day:
        raise ValueError(
            f"series of {series.size} points is not whole days of {per_day}"
        )
    return series.reshape(-1, per_day)


def clean_history(
    series: npt.ArrayLike,
    *,
    per_day: int,
    first_weekday: int,
    special: Mapping[int, SpecialDay],
) -> _F64:
    """The series with each special day (key: day index) replaced by the mean
    of the ordinary days of its own weekday, so that a holiday does not teach
    a model that Wednesdays are quiet. A special day with no ordinary day of
    its weekday to learn from is left as it is."""
    days = _days(np.array(series, dtype=np.float64), per_day)
    weekday = (np.arange(days.shape[0]) + first_weekday) % 7
    ordinary = np.array([d not in special for d in range(days.shape[0])], dtype=bool)
    out = days.copy()
    for d in special:
        if not 0 <= d < days.shape[0]:
            continue
        same = ordinary & (weekday == weekday[d])
        if same.any():
            out[d] = days[same].mean(axis=0)
    return out.ravel()


def apply_special_days(
    baseline: npt.ArrayLike,
    *,
    per_day: int,
    first_weekday: int,
    special: Mapping[int, SpecialDay],
) -> _F64:
    """The forecast with each special day (key: day index) replaced by the
    baseline of the day it behaves like, times its factor. That day is the one
    of weekday ``like`` in the same Monday-to-Sunday week, or the nearest such
    day in the forecast; with none, the day's own baseline is scaled."""
    days = _days(np.array(baseline, dtype=np.float64), per_day)
    out = days.copy()
    for d, rule in special.items():
        if 0 <= d < days.shape[0]:
            source = _like_day(d, rule.like, first_weekday, days.shape[0])
            out[d] = days[source] * rule.factor
    return out.ravel()


def _like_day(day: int, like: int, first_weekday: int, n_days: int) -> int:
    """Index of the day of weekday ``like`` in ``day``'s week, else the nearest."""
    monday = day - (day + first_weekday) % 7
    candidates = [
        monday + like + 7 * k for k in range(-(n_days // 7) - 1, n_days // 7 + 2)
    ]
    inside = [c for c in candidates if 0 <= c < n_days]
    if not inside:
        return day
    return min(inside, key=lambda c: (abs(c - (monday + like)), c))


# -- choosing a method by held-out accuracy -------------------------------------


def _run(
    method: str,
    history: _F64,
    *,
    period: int,
    per_day: int,
    horizon: int,
    first_weekday: int,
    special: Mapping[int, SpecialDay],
) -> _F64:
    """One method end to end: clean the history, forecast, apply special days.
    ``special`` keys are day indices counted from the start of ``history``;
    those beyond it fall in the forecast."""
    n_days = history.size // per_day
    past = {d: r for d, r in special.items() if d < n_days}
    ahead = {d - n_days: r for d, r in special.items() if d >= n_days}
    cleaned = clean_history(
        history, per_day=per_day, first_weekday=first_weekday, special=past
    )
    baseline = METHODS[method](cleaned, period, horizon)
    return apply_special_days(
        baseline,
        per_day=per_day,
        first_weekday=(first_weekday + n_days) % 7,
        special=ahead,
    )


def _eligible(points: int, period: int) -> list[str]:
    """Methods that can be fitted on ``points`` of history."""
    return [m for m in METHODS if m != "holt_winters" or points >= 2 * period]


def forecast_series(
    history: npt.ArrayLike,
    *,
    period: int,
    per_day: int,
    horizon: int,
    first_weekday: int = 0,
    special: Mapping[int, SpecialDay] | None = None,
    holdout_periods: int = 1,
) -> ForecastResult:
    """Forecast ``horizon`` points after ``history`` with the method that did
    best on the last ``holdout_periods`` seasons held out (Hyndman &
    Athanasopoulos 2021, §5.8), then refitted on the whole history.

    ``history`` is whole days of ``per_day`` points, its first day of weekday
    ``first_weekday``; ``special`` maps day indices (from the start of the
    history, so days in the forecast have indices ≥ its length in days) to
    :class:`SpecialDay`. Each candidate is scored by :func:`mape` on the
    held-out seasons, special days treated as in the real forecast. With too
    little history to hold anything out, the seasonal mean is used unscored.
    """
    series = np.asarray(history, dtype=np.float64)
    rules = dict(special or {})
    _days(series, per_day)
    if period % per_day:
        raise ValueError("period must be whole days")
    held = holdout_periods * period
    train = series[:-held] if held else series
    kwargs = {"period": period, "per_day": per_day, "first_weekday": first_weekday}
    scores: dict[str, float | None] = {}
    points: dict[str, int] = {}
    if held and train.size >= period:
        for method in _eligible(train.size, period):
            predicted = _try(method, train, horizon=held, special=rules, **kwargs)
            scores[method], points[method] = (
                mape(series[-held:], predicted) if predicted is not None else (None, 0)
            )
    chosen = _choose(scores, _eligible(series.size, period))
    values = _try(chosen, series, horizon=horizon, special=rules, **kwargs)
    if values is None:  # a refit that fails falls back to the steadiest method
        chosen = "seasonal_mean_trend"
        values = _run(chosen, series, horizon=horizon, special=rules, **kwargs)
    return ForecastResult(
        method=chosen,
        values=values,
        scores=scores,
        holdout_mape=scores.get(chosen),
        holdout_points=points.get(chosen, 0),
    )


def _try(
    method: str,
    history: _F64,
    *,
    period: int,
    per_day: int,
    horizon: int,
    first_weekday: int,
    special: Mapping[int, SpecialDay],
) -> _F64 | None:
    """:func:`_run`, or None when the method cannot fit this history."""
    try:
        return _run(
            method,
            history,
            period=period,
            per_day=per_day,
            horizon=horizon,
            first_weekday=first_weekday,
            special=special,
        )
    except (ValueError, np.linalg.LinAlgError):
        return None


def _choose(scores: Mapping[str, float | None], eligible: Sequence[str]) -> str:
    """The eligible method with the least score; ties go to the simpler."""
    scored = [
        (s, list(METHODS).index(m), m) for m, s in scores.items() if s is not None
    ]
    scored = [row for row in scored if row[2] in eligible]
    return min(scored)[2] if scored else "seasonal_mean_trend"
