"""Tests for onestop.compute.callsim.

Expected behaviour follows from the model: with far more agents than the
load no caller waits; with too few, VIPs — served first — wait less, give up
less and meet the threshold more often than others; with nobody on the
phones every caller gives up. The steady state is checked against Erlang A
(``compute.erlang.erlang_a``) on a long day of constant load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path

from onestop.compute.callsim import REGULAR, VIP, DayPlan, simulate_day
from onestop.compute.erlang import erlang_a

HOURS = 16


def plan(agents: int, *, calls: float = 60, vip: float = 0.2, **kw: object) -> DayPlan:
    return DayPlan(
        calls=[calls] * HOURS * 2,
        agents=[agents] * HOURS * 2,
        interval_s=1800,
        aht_s=kw.pop("aht_s", 180.0),  # type: ignore[arg-type]
        patience_s=kw.pop("patience_s", 120.0),  # type: ignore[arg-type]
        answer_within_s=20,
        vip_share=vip,
        seed=kw.pop("seed", 3),  # type: ignore[arg-type]
    )


class SimulationTests(unittest.TestCase):
    def test_ample_agents_answer_everyone_at_once(self) -> None:
        result = simulate_day(plan(40))  # load: 60 × 180 / 1800 = 6 erlangs
        self.assertGreater(result.total.offered, 1500)
        self.assertEqual(result.total.abandoned, 0)
        self.assertGreaterEqual(result.total.service_level or 0, 0.999)
        for tier in (VIP, REGULAR):
            with self.subTest(tier=tier):
                self.assertGreater(result.tiers[tier].offered, 0)
                self.assertEqual(result.tiers[tier].abandonment, 0)

    def test_with_too_few_agents_vips_are_served_better(self) -> None:
        result = simulate_day(plan(5))
        vip, regular = result.tiers[VIP], result.tiers[REGULAR]
        assert vip.service_level is not None and regular.service_level is not None
        self.assertGreater(vip.service_level, regular.service_level + 0.05)
        self.assertLess(vip.abandonment or 0, regular.abandonment or 0)
        self.assertLess(vip.mean_wait_s or 0, regular.mean_wait_s or 0)

    def test_nobody_on_the_phones_means_everyone_gives_up(self) -> None:
        result = simulate_day(plan(0, calls=5))
        self.assertEqual(result.total.answered, 0)
        self.assertEqual(result.total.abandoned, result.total.offered)

    def test_the_same_seed_gives_the_same_day(self) -> None:
        self.assertEqual(simulate_day(plan(5)), simulate_day(plan(5)))
        self.assertNotEqual(
            simulate_day(plan(5)).total, simulate_day(plan(5, seed=4)).total
        )

    def test_tiers_add_up_to_the_total(self) -> None:
        result = simulate_day(plan(6))
        for figure in ("offered", "answered", "answered_within", "abandoned"):
            with self.subTest(figure=figure):
                self.assertEqual(
                    getattr(result.total, figure),
                    sum(getattr(t, figure) for t in result.tiers.values()),
                )

    def test_a_steady_day_abandons_as_erlang_a_says(self) -> None:
        # 6 erlangs on 6 agents, patience = handle time: Erlang A gives the
        # steady abandonment; a day of ~1900 calls should land within 3 points.
        expected = erlang_a(6, 60 / 1800, 1 / 180, 1 / 180).p_abandon
        result = simulate_day(plan(6, vip=0.0, patience_s=180.0))
        self.assertAlmostEqual(result.total.abandonment or 0, expected, delta=0.03)

    def test_inputs_are_checked(self) -> None:
        with self.assertRaises(ValueError):
            DayPlan(
                calls=[1],
                agents=[1, 2],
                interval_s=1800,
                aht_s=1,
                patience_s=1,
                answer_within_s=20,
            )
        with self.assertRaises(ValueError):
            DayPlan(
                calls=[1],
                agents=[1],
                interval_s=1800,
                aht_s=1,
                patience_s=1,
                answer_within_s=20,
                vip_share=1.5,
            )


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.callsim, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[3],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
