"""Staffing per interval and the ``staffing_gap`` API.

The queue keeps the defaults of GB/T 33358-2016 (80% within 15 s, occupancy
at most 85%, shrinkage 30%); the forecast is the pattern of ``factories`` for
the week of Monday 9 June 2025, handle time 180 s. Every required count is
compared with ``compute.erlang.required_agents`` called directly.
"""

from __future__ import annotations

from datetime import date, timedelta

from onestop.common.testing import OneStopTestCase
from onestop.compute.erlang import erlang_a, required_agents
from onestop.workforce.intervals import Week
from onestop.workforce.models import QueuePlanning
from onestop.workforce.selectors import staffing_gap
from onestop.workforce.services import roster_shift_add
from onestop.workforce.tests.factories import (
    at,
    calls_in,
    make_agent,
    make_forecast,
    make_queue,
    make_template,
)

WEEK = Week(date(2025, 6, 9))


def erlang_c(calls: float) -> tuple[int, int]:
    staffing = required_agents(calls, 180, 1800, 0.8, 15, 0.85, 0.3)
    return staffing.agents, staffing.scheduled_agents


class StaffingGapTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        make_forecast(cls.queue, WEEK.monday, calls_in)

    def gap(self, **kwargs: object) -> list:  # type: ignore[type-arg]
        return staffing_gap(queue=self.queue, start=WEEK.start, end=WEEK.end, **kwargs)

    def test_required_agents_per_interval_are_erlang_cs(self) -> None:
        rows = self.gap()
        self.assertEqual(len(rows), 7 * 48)
        for row in rows:
            with self.subTest(start=row.start):
                expected = erlang_c(row.forecast_calls)
                self.assertEqual((row.required_agents, row.scheduled_agents), expected)
        busy = rows[20]  # Monday 10:00: 20 calls
        self.assertEqual(busy.start, at("2025-06-09 10:00"))
        self.assertEqual(busy.forecast_calls, 20)
        self.assertGreater(busy.scheduled_agents, busy.required_agents)

    def test_extra_calls_are_added_to_their_interval(self) -> None:
        rows = self.gap(extra_calls={at("2025-06-09 10:10"): 100.0})
        row = rows[20]
        self.assertEqual(row.extra_calls, 100.0)
        self.assertEqual(row.forecast_calls, 20)
        self.assertEqual((row.required_agents, row.scheduled_agents), erlang_c(120))
        self.assertEqual(rows[21].extra_calls, 0)

    def test_extra_calls_outside_the_period_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            self.gap(extra_calls={at("2025-06-16 10:00"): 5.0})

    def test_every_gap_is_scheduled_less_rostered(self) -> None:
        agent = make_agent(self.uni, "agent_li")
        template = make_template(
            self.uni, "AM", "09:00", 4.5, break_after=120, break_minutes=30
        )
        before = self.gap()
        roster_shift_add(
            queue=self.queue,
            week_start=WEEK.monday,
            agent=agent,
            day=WEEK.monday,
            template=template,
            actor=self.uni_admin,
        )
        after = self.gap()
        for new in after:
            self.assertEqual(new.gap, new.scheduled_agents - new.rostered_agents)
        worked = [i for i, row in enumerate(after) if row.rostered_agents]
        # 09:00–13:30 less the break 11:00–11:30: half hours 18–21 and 23–26.
        self.assertEqual(worked, [18, 19, 20, 21, 23, 24, 25, 26])
        for i in worked:
            self.assertEqual(after[i].gap, before[i].gap - 1)

    def test_intervals_without_a_forecast_need_nobody(self) -> None:
        later = WEEK.shifted(1)
        rows = staffing_gap(queue=self.queue, start=later.start, end=later.end)
        self.assertTrue(all(not r.has_forecast for r in rows))
        self.assertEqual({r.scheduled_agents for r in rows}, {0})

    def test_another_queues_roster_does_not_count(self) -> None:
        other = make_queue(self.uni, "OTHER")
        agent = make_agent(self.uni, "agent_wang")
        roster_shift_add(
            queue=other,
            week_start=WEEK.monday,
            agent=agent,
            day=WEEK.monday,
            template=make_template(self.uni, "AM", "09:00", 4),
            actor=None,
        )
        self.assertEqual({r.rostered_agents for r in self.gap()}, {0})


class ErlangATests(OneStopTestCase):
    """With a patience of 120 s the queue is staffed to lose at most 5%
    (its connection-rate target of 95%) by Erlang A."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        QueuePlanning.objects.create(
            organisation=cls.uni, queue=cls.queue, patience_s=120
        )
        make_forecast(cls.queue, WEEK.monday, calls_in)

    def test_agents_are_the_fewest_that_keep_abandonment_in_bounds(self) -> None:
        rows = staffing_gap(queue=self.queue, start=WEEK.start, end=WEEK.end)
        row = rows[20]
        n = row.required_agents
        lam, mu, theta = 20 / 1800, 1 / 180, 1 / 120
        self.assertLessEqual(erlang_a(n, lam, mu, theta).p_abandon, 0.05)
        self.assertGreater(erlang_a(n - 1, lam, mu, theta).p_abandon, 0.05)

    def test_never_more_than_erlang_c(self) -> None:
        rows = staffing_gap(queue=self.queue, start=WEEK.start, end=WEEK.end)
        self.assertTrue(
            all(r.required_agents <= erlang_c(r.forecast_calls)[0] for r in rows)
        )
        self.assertEqual(rows[0].required_agents, 0)
        self.assertEqual(rows[0].start + timedelta(minutes=30), rows[1].start)
