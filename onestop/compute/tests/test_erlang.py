"""Tests for onestop.compute.erlang.

Every expected number is checked here against an independent exact
computation, not against the module's own arithmetic:

- Erlang B from Erlang's defining sum B = (Aⁿ/n!) / Σₖ Aᵏ/k! (Erlang 1917),
  summed in integers (the module uses the recursion instead);
- Erlang C from its textbook closed form (Cooper 1981; Koole 2013), in
  rationals;
- service levels as 50-digit decimals, the exponential from ``decimal``;
- Erlang A from the balance equations of the truncated chain in rationals,
  or, for θ = μ, from the Poisson distribution it reduces to.

Published sources are cited beside each row; where a row is constructed to
hit a boundary, it says so.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import numpy as np

from onestop.compute.erlang import (
    ErlangA,
    Staffing,
    StaffingArrays,
    average_speed_of_answer,
    erlang_a,
    erlang_b,
    erlang_c,
    required_agents,
    required_agents_many,
    service_level,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
DIGITS = 50


# -- independent exact references --------------------------------------------------


def q(x: float | str) -> Fraction:
    """A number as the decimal it is written as."""
    return Fraction(x) if isinstance(x, str) else Fraction(repr(float(x)))


def scaled_sums(n: int, a: Fraction) -> tuple[int, int]:
    """(Aⁿ/n!, Σ_{k<n} Aᵏ/k!), both multiplied by n!·qⁿ (A = p/q) so that
    they are integers: term k is pᵏ·q^(n−k)·n!/k!, built down from k = n
    by exact divisions. Memory stays O(1) big integers at 5,000 servers."""
    p, d = a.numerator, a.denominator
    top = term = p**n
    below = 0
    for k in range(n, 0, -1):
        term = term * k * d // p
        below += term
    return top, below


def ref_b(n: int, a: Fraction) -> Fraction:
    """Erlang B by its defining sum (Erlang 1917)."""
    if a == 0:
        return Fraction(1 if n == 0 else 0)
    top, below = scaled_sums(n, a)
    return Fraction(top, top + below)


def ref_c(n: int, a: Fraction) -> Fraction:
    """Erlang C by its closed form: (Aⁿ/n!·n/(n−A)) / (Σ_{k<n} Aᵏ/k! +
    Aⁿ/n!·n/(n−A)) (Cooper 1981), for n > A > 0."""
    top, below = scaled_sums(n, a)
    waiting = top * Fraction(n) / (n - a)
    return waiting / (below + waiting)


def ref_sl(n: int, a: Fraction, within_per_aht: Fraction) -> Decimal:
    """1 − C·exp(−(n − A)·t/AHT) to 50 digits (Koole 2013)."""
    if a >= n:
        return Decimal(0)
    c = ref_c(n, a)
    with localcontext() as ctx:
        ctx.prec = DIGITS
        r = (n - a) * within_per_aht
        e = (-Decimal(r.numerator) / Decimal(r.denominator)).exp()
        return 1 - Decimal(c.numerator) / Decimal(c.denominator) * e


def meets(
    n: int, a: Fraction, w: Fraction, target: Fraction, cap: Fraction | None
) -> bool:
    """Whether n agents meet the service level and the occupancy cap."""
    if cap is not None and a > cap * n:
        return False
    sl = ref_sl(n, a, w)
    return Fraction(sl) >= target


# -- Erlang B ----------------------------------------------------------------------

# (servers, tabulated traffic in erlangs, grade of service): the traffic n
# circuits may be offered at 1 % / 2 % blocking, to 3 decimals, as in the
# standard Erlang B tables (Erlang 1917; e.g. J. R. Boucher, *Traffic System
# Design Handbook*, IEEE Press, 1992). Each row is checked exactly here:
# B(n, A − 0.0005) ≤ GoS ≤ B(n, A + 0.0005), i.e. A is the GoS traffic rounded.
ERLANG_B_TABLE: list[tuple[int, str, str]] = [
    # Westbay Engineers' Erlang calculator manual, "How much traffic can a
    # trunk group handle?": 15 lines at 1 % blocking carry 8.108 erlangs.
    (15, "8.108", "0.01"),
    (10, "4.461", "0.01"),
    (10, "5.084", "0.02"),
    (20, "12.031", "0.01"),
    (20, "13.182", "0.02"),
    (50, "37.901", "0.01"),
    (100, "84.064", "0.01"),
    (100, "87.972", "0.02"),
]


class ErlangBTests(unittest.TestCase):
    def test_table_values(self) -> None:
        half = Fraction(1, 2000)
        for n, traffic, gos in ERLANG_B_TABLE:
            with self.subTest(servers=n, traffic=traffic):
                a, g = Fraction(traffic), Fraction(gos)
                self.assertLessEqual(ref_b(n, a - half), g)
                self.assertGreaterEqual(ref_b(n, a + half), g)
                got = erlang_b(n, float(a))
                self.assertAlmostEqual(got, float(ref_b(n, a)), delta=1e-15)
                self.assertAlmostEqual(got, float(g), delta=1e-5)

    def test_ten_circuits_five_erlangs(self) -> None:
        # Erlang B tables: 10 circuits offered 5 erlangs block 1.8385 %.
        exact = ref_b(10, Fraction(5))
        self.assertEqual(round(float(exact), 6), 0.018385)
        self.assertAlmostEqual(erlang_b(10, 5.0), float(exact), delta=1e-16)

    def test_small_cases_against_the_definition(self) -> None:
        for n in range(0, 30):
            for traffic in ("0", "0.25", "1", "3.7", "12", "40.5"):
                with self.subTest(n=n, traffic=traffic):
                    exact = float(ref_b(n, Fraction(traffic)))
                    got = erlang_b(n, float(traffic))
                    self.assertAlmostEqual(got, exact, delta=1e-14 * max(exact, 1e-300))

    def test_decreases_with_servers(self) -> None:
        for traffic in (0.5, 7.0, 80.0, 950.0):
            values = [erlang_b(n, traffic) for n in range(0, 1200, 7)]
            with self.subTest(traffic=traffic):
                self.assertTrue(all(x >= y for x, y in itertools.pairwise(values)))

    def test_stable_at_five_thousand_servers(self) -> None:
        for n, traffic in ((5000, "4900"), (5000, "5000"), (5000, "5600.5")):
            with self.subTest(n=n, traffic=traffic):
                exact = float(ref_b(n, Fraction(traffic)))
                got = erlang_b(n, float(traffic))
                self.assertTrue(math.isfinite(got))
                self.assertAlmostEqual(got / exact, 1.0, delta=1e-11)
        # Far below the load, blocking underflows to 0 rather than overflowing.
        self.assertEqual(erlang_b(5000, 100.0), 0.0)

    def test_zero_servers_block_everything(self) -> None:
        self.assertEqual(erlang_b(0, 3.0), 1.0)
        self.assertEqual(erlang_b(4, 0.0), 0.0)


# -- Erlang C ----------------------------------------------------------------------


class ErlangCTests(unittest.TestCase):
    def test_against_closed_form(self) -> None:
        for n in range(1, 40):
            for traffic in ("0.5", "3.7", "9.99", "20", "38.2"):
                a = Fraction(traffic)
                if a >= n:
                    continue
                with self.subTest(n=n, traffic=traffic):
                    exact = float(ref_c(n, a))
                    self.assertAlmostEqual(erlang_c(n, float(a)), exact, delta=1e-14)

    def test_at_least_erlang_b(self) -> None:
        for n in range(1, 200, 3):
            for traffic in (0.3, 5.0, 60.0, 180.0):
                with self.subTest(n=n, traffic=traffic):
                    self.assertGreaterEqual(erlang_c(n, traffic), erlang_b(n, traffic))

    def test_decreases_with_servers(self) -> None:
        for traffic in (2.5, 48.0, 640.0):
            values = [erlang_c(n, traffic) for n in range(0, 900, 5)]
            with self.subTest(traffic=traffic):
                self.assertTrue(all(x >= y for x, y in itertools.pairwise(values)))

    def test_one_when_overloaded(self) -> None:
        self.assertEqual(erlang_c(10, 10.0), 1.0)
        self.assertEqual(erlang_c(10, 12.5), 1.0)
        self.assertEqual(erlang_c(0, 0.0), 1.0)

    def test_stable_at_five_thousand_servers(self) -> None:
        for traffic in ("4900", "4990.25"):
            with self.subTest(traffic=traffic):
                exact = float(ref_c(5000, Fraction(traffic)))
                self.assertAlmostEqual(
                    erlang_c(5000, float(traffic)) / exact, 1.0, delta=1e-10
                )

    def test_arguments_are_checked(self) -> None:
        bad: list[tuple[object, object, str]] = [
            (-1, 1.0, "servers must be at least 0"),
            (2.0, 1.0, "servers must be an int"),
            (True, 1.0, "servers must be an int"),
            (3, -0.1, "traffic must be at least 0"),
            (3, float("nan"), "traffic must be finite"),
            (3, "1", "traffic must be a number"),
        ]
        for servers, traffic, message in bad:
            for fn in (erlang_b, erlang_c):
                with (
                    self.subTest(fn=fn.__name__, servers=servers, traffic=traffic),
                    self.assertRaisesRegex(ValueError, message),
                ):
                    fn(servers, traffic)  # type: ignore[arg-type]


# -- service level, ASA ----------------------------------------------------------------


class ServiceLevelTests(unittest.TestCase):
    def test_worked_example_by_agent_count(self) -> None:
        # Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
        # Example" (100 calls per 30 min, AHT 180 s, 80 % in 20 s; A = 10 erlangs):
        # the article starts at 11 agents and adds one until 80 % is met at 14.
        a, w = Fraction(10), Fraction(20, 180)
        for n in (11, 12, 13, 14, 15):
            with self.subTest(agents=n):
                exact = ref_sl(n, a, w)
                self.assertAlmostEqual(
                    service_level(n, 100, 180, 1800, 20), float(exact), delta=1e-14
                )
                asa = ref_c(n, a) * 180 / (n - a)
                self.assertAlmostEqual(
                    average_speed_of_answer(n, 100, 180, 1800), float(asa), delta=1e-12
                )
        self.assertLess(ref_sl(13, a, w), Decimal("0.8"))
        self.assertGreaterEqual(ref_sl(14, a, w), Decimal("0.8"))

    def test_overloaded_and_idle(self) -> None:
        self.assertEqual(service_level(10, 100, 180, 1800, 20), 0.0)  # A = n
        self.assertEqual(service_level(0, 5, 180, 1800, 20), 0.0)
        self.assertEqual(average_speed_of_answer(9, 100, 180, 1800), math.inf)
        self.assertEqual(service_level(0, 0, 180, 1800, 20), 1.0)
        self.assertEqual(average_speed_of_answer(3, 0, 180, 1800), 0.0)

    def test_increases_with_agents(self) -> None:
        values = [service_level(n, 800, 240, 1800, 15) for n in range(100, 160)]
        self.assertTrue(all(x <= y for x, y in itertools.pairwise(values)))

    def test_at_five_thousand_agents(self) -> None:
        # Constructed: 35,640 calls of 250 s in 30 min are 4,950 erlangs.
        a, w = Fraction(35640 * 250, 1800), Fraction(20, 250)
        exact = ref_sl(5000, a, w)
        self.assertAlmostEqual(
            service_level(5000, 35640, 250, 1800, 20), float(exact), delta=1e-11
        )


# -- staffing --------------------------------------------------------------------------

# (source, calls, aht_s, interval_s, target, within_s, max_occupancy, shrinkage,
#  agents, scheduled agents)
STAFFING: list[
    tuple[str, float, float, float, float, float, float | None, float, int, int]
] = [
    # Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
    # Example" (100 calls per 30 min, AHT 180 s, 80 % in 20 s, occupancy at
    # most 85 %, shrinkage 30 %). pyworkforce's documentation ("Solving Queue
    # Problems with ErlangC") works the same inputs: raw 14 positions, 20
    # after shrinkage, service level 0.888, occupancy 0.714, waiting
    # probability 0.174.
    ("Call Centre Helper worked example", 100, 180, 1800, 0.8, 20, 0.85, 0.3, 14, 20),
    (
        "same, without occupancy cap or shrinkage",
        100,
        180,
        1800,
        0.8,
        20,
        None,
        0.0,
        14,
        14,
    ),
    # Constructed boundaries (each verified exactly below).
    # A = 357·90/1800 = 17.85 = 0.85·21: occupancy exactly at the cap with 21
    # agents (the float quotient is 21.000000000000004); 21/0.7 = 30 exactly
    # (the float quotient is 30.000000000000004).
    ("cap and shrinkage boundary", 357, 90, 1800, 0.5, 20, 0.85, 0.3, 21, 30),
    # A = 102·300/1800 = 17 erlangs; 17/20 = 0.85 is allowed.
    ("occupancy exactly 0.85 at 20 agents", 102, 300, 1800, 0.5, 20, 0.85, 0.0, 20, 20),
    # A = 221·90/1800 = 11.05 = 0.85·13; the float 11.05/0.85 is 13.000000000000002.
    ("occupancy exactly 0.85 at 13 agents", 221, 90, 1800, 0.1, 20, 0.85, 0.0, 13, 13),
    # A = 6.3 = 0.9·7.
    ("occupancy exactly 0.9 at 7 agents", 63, 180, 1800, 0.1, 20, 0.9, 0.0, 7, 7),
    # A = 1/2 on one agent with no answer time: SL = 1 − C = 1 − 1/2, exactly
    # the target (a tie the float alone might miss).
    ("service level exactly at the target", 1, 900, 1800, 0.5, 0, None, 0.0, 1, 1),
    ("no calls", 0, 300, 1800, 0.8, 20, 0.85, 0.3, 0, 0),
    # Constructed sizes: the answers are checked exactly in the test.
    ("small queue, 95 % in 10 s", 12, 420, 3600, 0.95, 10, None, 0.0, 5, 5),
    ("large queue, cap binds", 9000, 240, 1800, 0.9, 15, 0.92, 0.35, 1305, 2008),
    (
        "2,000 erlangs, service level binds",
        12000,
        300,
        1800,
        0.8,
        20,
        None,
        0.25,
        2017,
        2690,
    ),
]


class RequiredAgentsTests(unittest.TestCase):
    def test_table(self) -> None:
        for row in STAFFING:
            (
                why,
                calls,
                aht,
                interval,
                target,
                within,
                cap,
                shrink,
                agents,
                scheduled,
            ) = row
            with self.subTest(why):
                got = required_agents(calls, aht, interval, target, within, cap, shrink)
                self.assertIsInstance(got, Staffing)
                self.assertEqual(
                    (got.agents, got.scheduled_agents), (agents, scheduled)
                )
                if calls == 0:
                    self.assertEqual(got, Staffing(0, 0, 1.0, 0.0, 0.0, 0.0))
                    continue
                a = q(calls) * q(aht) / q(interval)
                w, t = q(within) / q(aht), q(target)
                c = None if cap is None else q(cap)
                # Independently: n meets both constraints and n − 1 does not.
                self.assertTrue(meets(agents, a, w, t, c))
                self.assertFalse(meets(agents - 1, a, w, t, c))
                self.assertEqual(scheduled, math.ceil(agents / (1 - q(shrink))))
                self.assertAlmostEqual(
                    got.service_level, float(ref_sl(agents, a, w)), delta=1e-9
                )
                self.assertAlmostEqual(
                    got.probability_of_waiting, float(ref_c(agents, a)), delta=1e-9
                )
                self.assertAlmostEqual(got.occupancy, float(a / agents), delta=1e-15)
                asa = ref_c(agents, a) * q(aht) / (agents - a)
                self.assertAlmostEqual(got.asa_s / float(asa), 1.0, delta=1e-9)

    def test_worked_example_published_figures(self) -> None:
        # pyworkforce docs, same example: 0.888, 0.714, 0.174 (3 decimals).
        got = required_agents(
            100, 180, 1800, 0.8, 20, max_occupancy=0.85, shrinkage=0.3
        )
        self.assertEqual(round(got.service_level, 3), 0.888)
        self.assertEqual(round(got.occupancy, 3), 0.714)
        self.assertEqual(round(got.probability_of_waiting, 3), 0.174)

    def test_occupancy_cap_and_shrinkage_for_many_sizes(self) -> None:
        # Constructed: calls = 17·n at AHT 90 s per 30 min is A = 0.85·n, so a
        # 0.85 cap needs exactly n agents (float A / 0.85 overshoots n for 14
        # of n = 1..100). A 10 % target is met well before. Scheduled agents
        # are ceil(n / (1 − s)) computed in integers.
        for shrink, num, den in (
            (0.3, 7, 10),
            (0.1, 9, 10),
            (0.25, 3, 4),
            (0.15, 17, 20),
        ):
            for n in range(1, 101):
                with self.subTest(n=n, shrinkage=shrink):
                    got = required_agents(17 * n, 90, 1800, 0.1, 20, 0.85, shrink)
                    self.assertEqual(got.agents, n)
                    self.assertEqual(got.scheduled_agents, -(-n * den // num))

    def test_target_at_a_float_service_level(self) -> None:
        # Constructed: the target is the float service level of 14 agents in
        # the worked example, so only exact arithmetic can say whether 14 meet it.
        a, w = Fraction(10), Fraction(20, 180)
        exact = ref_sl(14, a, w)
        for target in (service_level(14, 100, 180, 1800, 20), float(exact)):
            with self.subTest(target=target):
                expected = 14 if Fraction(exact) >= q(target) else 15
                self.assertEqual(
                    required_agents(100, 180, 1800, target, 20).agents, expected
                )

    def test_arguments_are_checked(self) -> None:
        good = {
            "calls": 100.0,
            "aht_s": 180.0,
            "interval_s": 1800.0,
            "target_service_level": 0.8,
            "answer_within_s": 20.0,
            "max_occupancy": 0.85,
            "shrinkage": 0.3,
        }
        bad: list[tuple[str, object, str]] = [
            ("calls", -1, "calls must be at least 0"),
            ("calls", float("inf"), "calls must be finite"),
            ("calls", True, "calls must be a number"),
            ("calls", "100", "calls must be a number"),
            ("aht_s", 0, "aht_s must be greater than 0"),
            ("interval_s", -1800, "interval_s must be greater than 0"),
            ("target_service_level", 0, r"target_service_level must be in \(0, 1\)"),
            ("target_service_level", 1, r"target_service_level must be in \(0, 1\)"),
            ("answer_within_s", -5, "answer_within_s must be at least 0"),
            ("max_occupancy", 0, r"max_occupancy must be in \(0, 1\]"),
            ("max_occupancy", 1.2, r"max_occupancy must be in \(0, 1\]"),
            ("shrinkage", 1, r"shrinkage must be in \[0, 1\)"),
            ("shrinkage", -0.1, r"shrinkage must be in \[0, 1\)"),
            ("calls", 1e9, "erlangs"),
        ]
        for name, value, message in bad:
            with (
                self.subTest(name=name, value=value),
                self.assertRaisesRegex(ValueError, message),
            ):
                required_agents(**{**good, name: value})  # type: ignore[arg-type]


# -- many intervals at once --------------------------------------------------------------


def scalar_loop(
    calls: np.ndarray,
    aht: np.ndarray,
    interval: float,
    target: np.ndarray,
    within: float,
    cap: np.ndarray | None,
    shrink: np.ndarray,
) -> list[Staffing]:
    return [
        required_agents(
            float(calls.flat[i]),
            float(aht.flat[i]),
            interval,
            float(target.flat[i]),
            within,
            None if cap is None else float(cap.flat[i]),
            float(shrink.flat[i]),
        )
        for i in range(calls.size)
    ]


class RequiredAgentsManyTests(unittest.TestCase):
    FIELDS = (
        "agents",
        "scheduled_agents",
        "service_level",
        "asa_s",
        "occupancy",
        "probability_of_waiting",
    )

    def assert_same(
        self, many: StaffingArrays, loop: list[Staffing], shape: tuple[int, ...]
    ) -> None:
        for field in self.FIELDS:
            got = getattr(many, field)
            with self.subTest(field=field):
                self.assertEqual(got.shape, shape)
                self.assertFalse(got.flags.writeable)
                expected = np.array([getattr(s, field) for s in loop]).reshape(shape)
                # Identical, not close: the same float operations in the same order.
                np.testing.assert_array_equal(got, expected)

    def test_random_batch_equals_scalar_loop(self) -> None:
        rng = np.random.default_rng(20250611)
        shape = (24, 13)
        calls = rng.integers(0, 2001, size=shape).astype(float)
        calls[rng.random(shape) < 0.05] = 0  # some empty intervals
        calls[0, :4] = [357, 102, 63, 1]  # the boundary rows of STAFFING
        aht = rng.integers(60, 601, size=shape).astype(float)
        aht[0, :4] = [90, 300, 180, 900]
        target = rng.choice([0.5, 0.8, 0.9, 0.95], size=shape)
        target[0, :4] = [0.5, 0.5, 0.1, 0.5]
        for cap_value in (None, 0.85, "random"):
            if cap_value == "random":
                cap: np.ndarray | None = rng.choice([0.8, 0.85, 0.9, 1.0], size=shape)
            elif cap_value is None:
                cap = None
            else:
                cap = np.full(shape, cap_value)
            shrink = rng.choice([0.0, 0.3, 0.25, 0.35], size=shape)
            shrink[0, 0] = 0.3
            with self.subTest(cap=cap_value):
                many = required_agents_many(calls, aht, 1800, target, 20, cap, shrink)
                loop = scalar_loop(calls, aht, 1800.0, target, 20.0, cap, shrink)
                self.assert_same(many, loop, shape)

    def test_answer_time_zero_and_fractional_inputs(self) -> None:
        rng = np.random.default_rng(7)
        calls = np.round(rng.uniform(0.5, 300, size=50), 2)
        aht = np.round(rng.uniform(30, 900, size=50), 1)
        target, cap, shrink = np.full(50, 0.5), np.full(50, 0.95), np.full(50, 0.07)
        many = required_agents_many(calls, aht, 900, target, 0, cap, shrink)
        loop = scalar_loop(calls, aht, 900.0, target, 0.0, cap, shrink)
        self.assert_same(many, loop, (50,))

    def test_broadcasting(self) -> None:
        calls = np.array([[100.0, 357.0], [0.0, 63.0]])
        aht = np.array([[180.0, 90.0], [300.0, 180.0]])
        many = required_agents_many(calls, aht, 1800, [0.8, 0.5], 20, 0.85, 0.3)
        self.assertEqual(many.agents.tolist(), [[14, 21], [0, 8]])
        self.assertEqual(many.scheduled_agents.tolist(), [[20, 30], [0, 12]])
        self.assertEqual(many.agents.dtype, np.int64)

    def test_empty(self) -> None:
        many = required_agents_many(np.zeros((0, 3)), np.zeros((0, 3)), 1800, 0.8, 20)
        self.assertEqual(many.agents.shape, (0, 3))

    def test_arguments_are_checked(self) -> None:
        ok = np.array([100.0, 200.0])
        cases: list[tuple[dict[str, object], str]] = [
            ({"calls": [100.0, -1.0]}, "calls must be at least 0, got -1.0 at index 1"),
            ({"aht_s": [0.0, 3.0]}, "aht_s must be greater than 0"),
            ({"calls": [1.0, np.nan]}, "calls must be finite"),
            ({"calls": [True, False]}, "calls must be numbers"),
            (
                {"target_service_level": 1.0},
                r"target_service_level must be in \(0, 1\)",
            ),
            ({"max_occupancy": [0.85, 1.5]}, r"max_occupancy must be in \(0, 1\]"),
            ({"shrinkage": 1.0}, r"shrinkage must be in \[0, 1\)"),
            ({"answer_within_s": -1.0}, "answer_within_s must be at least 0"),
            ({"calls": [1.0, 2.0, 3.0]}, "do not broadcast"),
            ({"calls": [1e9, 1.0]}, "erlangs"),
        ]
        for change, message in cases:
            args: dict[str, object] = {
                "calls": ok,
                "aht_s": ok,
                "interval_s": 1800,
                "target_service_level": 0.8,
                "answer_within_s": 20,
                **change,
            }
            with (
                self.subTest(change=change),
                self.assertRaisesRegex(ValueError, message),
            ):
                required_agents_many(**args)  # type: ignore[arg-type]


# -- Erlang A ------------------------------------------------------------------------------


def ref_erlang_a(
    n: int, lam: Fraction, mu: Fraction, theta: Fraction, states: int
) -> tuple[Fraction, Fraction, Fraction]:
    """(p_wait, E[Lq], last term / total) from the balance equations of the
    chain cut at ``states`` (Palm 1957; Mandelbaum & Zeltyn 2007):
    π_k ∝ Π_{j≤k} λ / (min(j, n)·μ + (j − n)⁺·θ). The ratios beyond the cut
    are below 1/2 in every case here, so what it leaves out is at most the
    last term, returned relative to the total."""
    terms = [Fraction(1)]
    for k in range(1, states + 1):
        terms.append(terms[-1] * lam / (min(k, n) * mu + max(k - n, 0) * theta))
    zero = Fraction(0)
    total = sum(terms, zero)
    p_wait = sum(terms[n:], zero) / total
    lq = sum(((k - n) * t for k, t in enumerate(terms) if k > n), zero) / total
    return p_wait, lq, terms[-1] / total


# (why, agents, λ, μ, θ): rates per minute. Constructed cases around the
# examples of Mandelbaum & Zeltyn (2007) (overload kept stable by abandonment,
# light load, patience shorter than service).
ERLANG_A_CASES: list[tuple[str, int, str, str, str]] = [
    ("overloaded, λ/μ = 4 on 3 agents", 3, "4", "1", "0.5"),
    ("light load, impatient callers", 5, "4", "1", "2"),
    ("moderate, patient callers", 12, "10", "1", "0.1"),
    ("one agent, heavy overload", 1, "3", "1", "0.25"),
]


class ErlangATests(unittest.TestCase):
    def test_against_truncated_balance_equations(self) -> None:
        for why, n, lam, mu, theta in ERLANG_A_CASES:
            with self.subTest(why):
                l_, m_, t_ = Fraction(lam), Fraction(mu), Fraction(theta)
                p_wait, lq, cut = ref_erlang_a(n, l_, m_, t_, 400)
                beyond = l_ / (n * m_ + (401 - n) * t_)  # ratio past the cut
                self.assertLess(beyond, Fraction(1, 2))
                self.assertLess(cut, Fraction(1, 10**40))  # so the cut is harmless
                got = erlang_a(n, float(l_), float(m_), float(t_))
                self.assertIsInstance(got, ErlangA)
                self.assertAlmostEqual(got.p_wait, float(p_wait), delta=1e-13)
                self.assertAlmostEqual(got.mean_queue_length, float(lq), delta=1e-12)
                self.assertAlmostEqual(got.mean_wait, float(lq / l_), delta=1e-12)
                self.assertAlmostEqual(got.p_abandon, float(t_ * lq / l_), delta=1e-13)

    def test_no_abandonment_is_erlang_c(self) -> None:
        # θ = 0 is M/M/n: p_wait = C, E[Lq] = C·A/(n − A), E[W] = C/(nμ − λ)
        # (Garnett, Mandelbaum & Reiman 2002); θ → 0 tends to it. (θ = 1e-12
        # would move E[Lq] at ρ = 0.99 by a real 2e-9: hence 1e-14.)
        for n, lam, mu in (
            (10, 10.0, 1.2),
            (10, 9.9, 1.0),  # ρ = 0.99: a long queue
            (50, 45.0, 1.0),
            (200, 19.0, 0.1),
            (3, 0.2, 1.0),
        ):
            a = Fraction(repr(lam)) / Fraction(repr(mu))
            c = float(ref_c(n, a))
            for theta in (0.0, 1e-14):
                with self.subTest(n=n, lam=lam, mu=mu, theta=theta):
                    got = erlang_a(n, lam, mu, theta)
                    self.assertAlmostEqual(got.p_wait, c, delta=1e-9)
                    self.assertAlmostEqual(
                        got.p_wait, erlang_c(n, lam / mu), delta=1e-9
                    )
                    lq = c * float(a) / (n - float(a))
                    self.assertAlmostEqual(got.mean_queue_length / lq, 1.0, delta=1e-9)
                    self.assertAlmostEqual(
                        got.mean_wait / (c / (n * mu - lam)), 1.0, delta=1e-9
                    )
                    self.assertLess(got.p_abandon, 1e-9)

    def test_patience_equal_to_service_is_poisson(self) -> None:
        # θ = μ makes every death rate k·μ: M/M/∞, N ~ Poisson(λ/μ)
        # (Mandelbaum & Zeltyn 2007). p_wait = P(N ≥ n);
        # E[Lq] = E[(N − n)⁺] = A − n + Σ_{k<n} (n − k)·P(N = k).
        for n, a in ((20, 15), (8, 12), (100, 100)):
            with self.subTest(n=n, a=a), localcontext() as ctx:
                ctx.prec = DIGITS
                pmf, below, short = Decimal(-a).exp(), Decimal(0), Decimal(0)
                for k in range(n):
                    below += pmf
                    short += (n - k) * pmf
                    pmf = pmf * a / (k + 1)
                got = erlang_a(n, float(a), 1.0, 1.0)
                self.assertAlmostEqual(got.p_wait, float(1 - below), delta=1e-13)
                self.assertAlmostEqual(
                    got.mean_queue_length, float(a - n + short), delta=1e-12
                )

    def test_overload_abandons_a_fraction(self) -> None:
        # λ > nμ: stable only through abandonment; P(Ab) is in (0, 1) and
        # approaches the fluid limit 1 − nμ/λ as the system grows (Garnett,
        # Mandelbaum & Reiman 2002, efficiency-driven regime).
        for n, lam in ((10, 15.0), (500, 600.0), (5000, 6000.0)):
            with self.subTest(n=n, lam=lam):
                got = erlang_a(n, lam, 1.0, 0.5)
                self.assertGreater(got.p_abandon, 0.0)
                self.assertLess(got.p_abandon, 1.0)
                self.assertGreater(got.p_wait, 0.9)
                if n >= 500:
                    self.assertAlmostEqual(got.p_abandon, 1 - n / lam, delta=0.01)

    def test_many_agents_light_load(self) -> None:
        got = erlang_a(5000, 100.0, 1.0, 0.5)
        self.assertEqual(got.p_wait, 0.0)  # underflows: 5,000 agents, 100 erlangs
        self.assertEqual(got.mean_queue_length, 0.0)

    def test_arguments_are_checked(self) -> None:
        bad: list[tuple[tuple[object, ...], str]] = [
            ((10, 12.0, 1.0, 0.0), "grows without bound"),
            ((10, 10.0, 1.0, 0.0), "grows without bound"),
            ((-1, 1.0, 1.0, 1.0), "agents must be at least 0"),
            ((3, 0.0, 1.0, 1.0), "arrival_rate must be greater than 0"),
            ((3, 1.0, 0.0, 1.0), "service_rate must be greater than 0"),
            ((3, 1.0, 1.0, -1.0), "abandonment_rate must be at least 0"),
            ((3, 1.0, 1.0, float("nan")), "abandonment_rate must be finite"),
        ]
        for args, message in bad:
            with self.subTest(args=args), self.assertRaisesRegex(ValueError, message):
                erlang_a(*args)  # type: ignore[arg-type]


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.erlang, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
