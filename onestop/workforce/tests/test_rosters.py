"""Computing a week's roster and adding shifts by hand.

A small week: 6 calls a half hour from 09:00 to 13:00 on working days
(Monday 9 – Friday 13 June 2025), 180 s each — 0.6 erlangs, which Erlang C
at 80/15 staffs with 2 agents, 3 on shift with 30% shrinkage. One template,
09:00–13:00: the optimum is three agents each working day, 60 paid hours.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.testing import OneStopTestCase
from onestop.workforce.errors import WorkforceError
from onestop.workforce.intervals import Week
from onestop.workforce.models import AgentProfile, Roster, RosterShift
from onestop.workforce.selectors import staffing_gap
from onestop.workforce.services import roster_compute, roster_shift_add
from onestop.workforce.tests.factories import (
    make_agent,
    make_forecast,
    make_queue,
    make_template,
)

WEEK = Week(date(2025, 6, 9))


def mornings(day: date, interval: int) -> int:
    return 6 if day.weekday() < 5 and 18 <= interval < 26 else 0


class RosterComputeTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        make_forecast(cls.queue, WEEK.monday, mornings)
        cls.morning = make_template(cls.uni, "AM", "09:00", 4)
        cls.agents = [make_agent(cls.uni, f"agent_{n}") for n in range(4)]

    def compute(self) -> Roster:
        return roster_compute(
            queue=self.queue,
            week_start=WEEK.monday,
            actor=self.uni_admin,
            time_limit_s=5,
        )

    def gap(self) -> list:  # type: ignore[type-arg]
        return staffing_gap(queue=self.queue, start=WEEK.start, end=WEEK.end)

    def test_the_roster_meets_the_requirement_with_the_fewest_hours(self) -> None:
        roster = self.compute()
        rows = self.gap()
        self.assertEqual(rows[18].scheduled_agents, 3)
        self.assertTrue(all(r.gap <= 0 for r in rows))
        self.assertEqual(roster.shortfall, 0)
        self.assertEqual(roster.solver_status, "OPTIMAL")
        self.assertEqual(sum(s.paid_minutes for s in roster.shifts.all()), 3 * 5 * 240)

    def test_too_few_agents_leave_a_shortfall_that_is_reported(self) -> None:
        for agent in self.agents[1:]:
            AgentProfile.objects.create(
                organisation=self.uni, user=agent, weekly_hours=Decimal("0")
            )
        roster = self.compute()
        # One agent on all five mornings; two more were needed: 5 × 8 × 2.
        self.assertEqual(roster.shortfall, 80)
        self.assertEqual(sum(max(r.gap, 0) for r in self.gap()), 80)

    def test_weekly_hours_and_days_off_are_respected(self) -> None:
        AgentProfile.objects.create(
            organisation=self.uni, user=self.agents[0], weekly_hours=Decimal("8")
        )
        AgentProfile.objects.create(
            organisation=self.uni, user=self.agents[1], days_off="12"
        )
        roster = self.compute()
        first = roster.shifts.filter(agent=self.agents[0])
        self.assertLessEqual(sum(s.paid_minutes for s in first), 8 * 60)
        second_days = {
            s.day.weekday() for s in roster.shifts.filter(agent=self.agents[1])
        }
        self.assertFalse(second_days & {0, 1})

    def test_shifts_added_by_hand_are_kept_and_counted(self) -> None:
        roster_shift_add(
            queue=self.queue,
            week_start=WEEK.monday,
            agent=self.agents[3],
            day=WEEK.monday + timedelta(days=5),  # a Saturday nobody needs
            template=self.morning,
            actor=self.uni_admin,
        )
        roster = self.compute()
        manual = roster.shifts.filter(is_manual=True)
        self.assertEqual(manual.count(), 1)
        self.assertEqual(roster.shortfall, 0)
        # Computing again replaces the computed shifts only.
        again = self.compute()
        self.assertEqual(again.pk, roster.pk)
        self.assertEqual(again.shifts.filter(is_manual=True).count(), 1)
        self.assertEqual(again.shifts.count(), 16)

    def test_without_forecast_templates_or_agents_nothing_is_computed(self) -> None:
        empty = make_queue(self.tax, "EMPTY")
        with self.assertRaises(ServiceErrors) as caught:
            roster_compute(queue=empty, week_start=WEEK.monday, actor=None)
        codes = {error.code for error in caught.exception.errors}
        self.assertEqual(
            codes,
            {
                WorkforceError.NO_FORECAST,
                WorkforceError.NO_TEMPLATES,
                WorkforceError.NO_AGENTS,
            },
        )
        self.assertFalse(Roster.objects.filter(queue=empty).exists())


class ShiftByHandTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        cls.morning = make_template(cls.uni, "AM", "09:00", 8)
        cls.late = make_template(cls.uni, "PM", "15:00", 9)
        cls.agent = make_agent(cls.uni, "agent_zhao")
        AgentProfile.objects.create(
            organisation=cls.uni,
            user=cls.agent,
            weekly_hours=Decimal("20"),
            days_off="7",
        )

    def add(
        self, day: date, template: object = None, agent: object = None
    ) -> RosterShift:
        return roster_shift_add(
            queue=self.queue,
            week_start=WEEK.monday,
            agent=agent or self.agent,
            day=day,
            template=template or self.morning,
            actor=self.uni_admin,
        )

    def refusal(self, *args: object) -> WorkforceError:
        with self.assertRaises(ServiceError) as caught:
            self.add(*args)  # type: ignore[arg-type]
        return caught.exception.code  # type: ignore[return-value]

    def test_a_shift_is_stored_with_its_times(self) -> None:
        shift = self.add(WEEK.monday)
        self.assertTrue(shift.is_manual)
        self.assertEqual(shift.starts_at.hour, 9)
        self.assertEqual(shift.ends_at - shift.starts_at, timedelta(hours=8))
        self.assertEqual(shift.paid_minutes, 480)

    def test_one_shift_a_day(self) -> None:
        self.add(WEEK.monday)
        self.assertIs(self.refusal(WEEK.monday), WorkforceError.ALREADY_ON_SHIFT)

    def test_days_off_are_kept(self) -> None:
        sunday = WEEK.days[6]
        self.assertIs(self.refusal(sunday), WorkforceError.DAY_OFF)

    def test_weekly_hours_are_kept(self) -> None:
        self.add(WEEK.days[0])
        self.add(WEEK.days[1])
        self.assertIs(self.refusal(WEEK.days[2]), WorkforceError.TOO_MANY_HOURS)

    def test_rest_between_shifts_is_kept(self) -> None:
        self.add(WEEK.days[0], self.late)  # Monday 15:00–24:00
        self.assertIs(self.refusal(WEEK.days[1]), WorkforceError.TOO_LITTLE_REST)

    def test_only_the_organisations_agents_get_shifts(self) -> None:
        self.assertIs(
            self.refusal(WEEK.monday, None, self.tax_clerk), WorkforceError.NOT_AN_AGENT
        )
        self.assertIs(
            self.refusal(WEEK.monday, None, self.uni_clerk), WorkforceError.NOT_AN_AGENT
        )

    def test_a_day_outside_the_week_is_refused(self) -> None:
        self.assertIs(
            self.refusal(WEEK.monday + timedelta(days=7)),
            WorkforceError.DAY_OUTSIDE_WEEK,
        )
