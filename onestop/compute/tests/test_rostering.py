"""Tests for onestop.compute.rostering.

Small weeks whose best roster can be worked out by hand: the requirement,
the shifts and the agents are chosen so the optimum's shortfall and paid
minutes are known.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path

from onestop.compute.rostering import (
    AgentSpec,
    ShiftSpec,
    coverage,
    solve_roster,
)

WEEK = 7 * 48
MORNING = ShiftSpec("M", start=9 * 60, length=4 * 60)  # 09:00–13:00


def requirement(
    agents: int, *, days: range = range(5), first: int = 18, last: int = 26
) -> list[int]:
    """``agents`` in half hours [first, last) of the given days, 0 elsewhere."""
    need = [0] * WEEK
    for d in days:
        for i in range(first, last):
            need[d * 48 + i] = agents
    return need


class RosterTests(unittest.TestCase):
    def test_enough_agents_meet_the_requirement_with_the_fewest_hours(self) -> None:
        need = requirement(2)
        solution = solve_roster(
            need, agents=[AgentSpec(k, 40 * 60) for k in range(3)], shifts=[MORNING]
        )
        self.assertEqual(solution.status, "OPTIMAL")
        self.assertEqual(solution.shortfall, 0)
        self.assertTrue(
            all(c >= r for c, r in zip(solution.covered, need, strict=True))
        )
        self.assertEqual(solution.paid_minutes, 2 * 5 * 240)  # no shift too many

    def test_too_few_agents_report_the_shortfall(self) -> None:
        # One agent, 12 hours a week: three mornings of the five, each 8 half
        # hours; two agents were needed: 5 × 8 × 2 − 3 × 8 = 56 short.
        solution = solve_roster(
            requirement(2), agents=[AgentSpec(0, 12 * 60)], shifts=[MORNING]
        )
        self.assertEqual(solution.shortfall, 56)
        self.assertEqual(solution.paid_minutes, 12 * 60)

    def test_weekly_hours_and_days_off_are_respected(self) -> None:
        agents = [
            AgentSpec(0, 8 * 60, days_off=frozenset({0, 1})),
            AgentSpec(1, 40 * 60),
        ]
        solution = solve_roster(requirement(2), agents=agents, shifts=[MORNING])
        mine = [(d, k) for a, d, k in solution.assignments if a == 0]
        self.assertLessEqual(len(mine) * 240, 8 * 60)
        self.assertFalse({d for d, _k in mine} & {0, 1})
        by_agent: dict[int, list[int]] = {}
        for a, d, _k in solution.assignments:
            by_agent.setdefault(a, []).append(d)
        for days in by_agent.values():
            self.assertEqual(len(days), len(set(days)), "one shift a day")

    def test_a_break_leaves_its_half_hour_uncovered(self) -> None:
        lunch = ShiftSpec(
            "D", start=9 * 60, length=5 * 60, break_offset=180, break_minutes=60
        )
        covered = coverage([(0, 0, "D")], [lunch], interval_minutes=30, intervals=WEEK)
        self.assertEqual(covered[18:30], [1] * 6 + [0] * 2 + [1] * 2 + [0] * 2)
        self.assertEqual(lunch.paid_minutes, 240)

    def test_rest_between_shifts_is_kept(self) -> None:
        late = ShiftSpec("L", start=16 * 60, length=8 * 60)  # 16:00–24:00
        early = ShiftSpec("E", start=6 * 60, length=8 * 60)  # 06:00–14:00
        need = [0] * WEEK
        for i in range(32, 48):
            need[i] = 1  # Monday 16:00–24:00
        for i in range(48 + 12, 48 + 28):
            need[i] = 1  # Tuesday 06:00–14:00
        solution = solve_roster(
            need,
            agents=[AgentSpec(0, 40 * 60)],
            shifts=[late, early],
            min_rest_minutes=11 * 60,
        )
        # Six hours between them: only one of the two can be worked.
        self.assertEqual(len(solution.assignments), 1)
        self.assertEqual(solution.shortfall, 16)

    def test_a_blocked_choice_is_not_made(self) -> None:
        agent = AgentSpec(0, 40 * 60, blocked=frozenset({(0, "M")}))
        solution = solve_roster(requirement(1), agents=[agent], shifts=[MORNING])
        self.assertNotIn((0, 0, "M"), solution.assignments)
        self.assertEqual(solution.shortfall, 8)

    def test_a_break_must_fall_inside_its_shift(self) -> None:
        with self.assertRaises(ValueError):
            ShiftSpec("X", start=0, length=120, break_offset=90, break_minutes=30)


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.rostering, sys; "
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
