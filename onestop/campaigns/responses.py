"""How a promotion's responses spread over its days and half hours (no Django import).

A campaign that reaches ``reach`` people, of whom a share ``response_rate``
call the hotline, sends

    extra calls in an interval = reach × response rate × day share × intraday share

where the day shares say how the responses spread over the campaign's days
and each day's intraday shares how they spread over that day's intervals.

Day shares decay geometrically from the launch day, as the response to an
advertisement wears off: Broadbent's "adstock" (Broadbent, S., "One way TV
advertisements work", Journal of the Market Research Society 21(3), 1979),
where the effect left after ``half_life`` days is half. Without a half-life
the responses spread evenly over the days. Shares are normalised over the
campaign's days, so every expected response lands inside the campaign.

Intraday shares are a day's own shape — the queue's forecast or its history
for that day — normalised; callers answering a promotion call when callers
call that hotline anyway.
"""

from __future__ import annotations

from collections.abc import Sequence


def day_shares(days: int, half_life_days: float | None) -> list[float]:
    """Each day's share of the responses, launch day first; they sum to 1."""
    if days <= 0:
        return []
    if not half_life_days or half_life_days <= 0:
        return [1.0 / days] * days
    weights = [0.5 ** (day / half_life_days) for day in range(days)]
    total = sum(weights)
    return [weight / total for weight in weights]


def shape_shares(values: Sequence[float]) -> list[float] | None:
    """``values`` as shares of their sum; None when they hold no calls at all."""
    cleaned = [max(float(value), 0.0) for value in values]
    total = sum(cleaned)
    if total <= 0:
        return None
    return [value / total for value in cleaned]


def extra_calls(
    *,
    reach: int,
    response_rate: float,
    day_shares: Sequence[float],
    intraday_shares: Sequence[Sequence[float]],
) -> list[list[float]]:
    """Expected extra calls per interval, one list per day.

    ``response_rate`` is a fraction (0.02 for 2%); ``intraday_shares`` has one
    row of shares per day, each summing to 1.
    """
    if len(day_shares) != len(intraday_shares):
        raise ValueError("one row of intraday shares is needed for each day")
    responses = reach * response_rate
    return [
        [responses * day * share for share in shares]
        for day, shares in zip(day_shares, intraday_shares, strict=True)
    ]
