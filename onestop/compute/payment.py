"""Paying an outsourced provider by its monthly score (考核结果作为费用支付的依据).

Pure Python; no Django. Money is ``Decimal`` throughout and every line of the
working is rounded to the fen (0.01 yuan, half up) *before* it is added, so
the lines a provider reads on its statement add up to the amount paid,
exactly.

The formula is the one most Chinese logistics service contracts write down
(e.g. "考核得分 90 分及以上全额支付；每低 1 分扣减当月服务费的 1%；最低支付
70%；95 分以上每高 1 分奖励 0.5%，奖励不超过 3%"):

- at or above ``full_at`` points the base amount is paid in full;
- each point (fractions count pro rata) below ``full_at`` deducts
  ``deduction_per_point`` per cent of the base;
- the amount never falls below ``floor`` per cent of the base;
- each point above ``bonus_from`` (``full_at`` unless given) adds
  ``bonus_per_point`` per cent of the base, at most ``bonus_cap`` per cent.

All rates are percentages of the month's base amount, so the same formula
fits a canteen's and a cleaning company's contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "LineKind",
    "PaymentFormula",
    "PaymentLine",
    "PaymentWorking",
    "payment_for",
    "validate_formula",
]

FEN = Decimal("0.01")
HUNDRED = Decimal(100)


def to_fen(amount: Decimal) -> Decimal:
    """Round money to the fen, half up (the usual rule for 元角分 in accounting)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PaymentFormula:
    """How a month's score becomes money; every rate is a percentage of the base."""

    full_at: Decimal
    deduction_per_point: Decimal
    floor: Decimal
    bonus_per_point: Decimal = Decimal(0)
    bonus_cap: Decimal = Decimal(0)
    bonus_from: Decimal | None = None

    @property
    def bonus_threshold(self) -> Decimal:
        return self.full_at if self.bonus_from is None else self.bonus_from


class LineKind(StrEnum):
    """What a line of the working is; the app words each kind for the reader."""

    BASE = "base"
    DEDUCTION = "deduction"
    FLOOR = "floor"
    BONUS = "bonus"
    BONUS_CAPPED = "bonus_capped"


@dataclass(frozen=True)
class PaymentLine:
    """One step of the working: ``amount`` is added (negative for a deduction).

    ``points`` is how many points the step is about (below ``full_at`` for a
    deduction, above the bonus threshold for a bonus) and ``rate`` the
    percentage of the base it applies per point (or the floor / cap share).
    """

    kind: LineKind
    amount: Decimal
    points: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class PaymentWorking:
    """The amount to pay and the lines that add up to it."""

    amount: Decimal
    lines: tuple[PaymentLine, ...]

    @property
    def adjustment(self) -> Decimal:
        """Paid minus base: negative for a net deduction, positive for a bonus."""
        return self.amount - self.lines[0].amount


def validate_formula(formula: PaymentFormula) -> None:
    """Raise ``ValueError`` naming the first part of ``formula`` that cannot be right."""
    percentages = {
        "full_at": formula.full_at,
        "floor": formula.floor,
        "bonus_cap": formula.bonus_cap,
    }
    if formula.bonus_from is not None:
        percentages["bonus_from"] = formula.bonus_from
    for name, value in percentages.items():
        if not Decimal(0) <= value <= HUNDRED:
            raise ValueError(f"{name} must lie between 0 and 100, not {value}")
    for name, value in (
        ("deduction_per_point", formula.deduction_per_point),
        ("bonus_per_point", formula.bonus_per_point),
    ):
        if value < 0:
            raise ValueError(f"{name} cannot be negative ({value})")
    if formula.bonus_from is not None and formula.bonus_from < formula.full_at:
        raise ValueError("bonus_from cannot be below full_at")


def _share(base: Decimal, percent: Decimal) -> Decimal:
    return to_fen(base * percent / HUNDRED)


def _deduction_lines(
    score: Decimal, base: Decimal, formula: PaymentFormula
) -> list[PaymentLine]:
    below = formula.full_at - score
    deduction = _share(base, below * formula.deduction_per_point)
    lines = [
        PaymentLine(LineKind.DEDUCTION, -deduction, below, formula.deduction_per_point)
    ]
    floor_amount = _share(base, formula.floor)
    if base - deduction < floor_amount:
        lines.append(
            PaymentLine(
                LineKind.FLOOR,
                floor_amount - (base - deduction),
                Decimal(0),
                formula.floor,
            )
        )
    return lines


def _bonus_lines(
    score: Decimal, base: Decimal, formula: PaymentFormula
) -> list[PaymentLine]:
    above = score - formula.bonus_threshold
    bonus = _share(base, above * formula.bonus_per_point)
    cap = _share(base, formula.bonus_cap)
    if bonus > cap:
        return [PaymentLine(LineKind.BONUS_CAPPED, cap, above, formula.bonus_cap)]
    return [PaymentLine(LineKind.BONUS, bonus, above, formula.bonus_per_point)]


def payment_for(
    score: Decimal, base_amount: Decimal, formula: PaymentFormula
) -> PaymentWorking:
    """The month's payment for ``score`` (0–100) on ``base_amount``, with its working.

    >>> f = PaymentFormula(Decimal(90), Decimal(1), Decimal(70))
    >>> payment_for(Decimal("87.5"), Decimal("100000"), f).amount
    Decimal('97500.00')
    """
    if not Decimal(0) <= score <= HUNDRED:
        raise ValueError(f"score must lie between 0 and 100, not {score}")
    if base_amount < 0:
        raise ValueError(f"base_amount cannot be negative ({base_amount})")
    validate_formula(formula)
    base = to_fen(base_amount)
    lines = [PaymentLine(LineKind.BASE, base)]
    if score < formula.full_at and formula.deduction_per_point > 0:
        lines += _deduction_lines(score, base, formula)
    elif score > formula.bonus_threshold and formula.bonus_per_point > 0:
        lines += _bonus_lines(score, base, formula)
    return PaymentWorking(
        sum((line.amount for line in lines), Decimal(0)), tuple(lines)
    )
