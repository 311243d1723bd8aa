"""Hotline figures recounted by hand from one small day at the university's hotline.

Queue A (threshold 15 s, target 80%, answer rate 95%, occupancy cap 85%)
and queue B (threshold 20 s, target 90%, answer rate 97%, cap 80%). All
times Asia/Shanghai, 3 November 2026:

====  =====  =====  ============  ====  ====  =====  =====================
call  time   queue  outcome       wait  talk  agent  in time?
====  =====  =====  ============  ====  ====  =====  =====================
0     00:05  A      answered         0    50  王五    yes (still 2 Nov in UTC)
1     09:00  A      answered         5   100  张三    yes
2     09:05  A      answered        20   200  张三    no (> 15 s)
3     09:14  A      abandoned       30     —  —      —
4     09:15  A      answered        15   300  李四    yes (15 s is within)
5     09:20  B      answered        18    60  李四    yes (B allows 20 s)
6     09:35  A      voice menu       —     —  —      not offered
7     09:40  B      answered        40   120  张三    no
====  =====  =====  ============  ====  ====  =====  =====================

Also a call at 23:55 on 2 November and one at 00:05 on 4 November, which
the day never counts. Offered 7, answered 6, abandoned 1, in time 4: service
level 4/7, answer rate 6/7, ASA 98/6 s, AHT 830/6 s. Agents seen by
15 minutes: 王五 00:00, 张三 09:00, 李四 09:15, 张三 09:30 — four
agent-intervals, occupancy 830 / (4 × 900); by 30 minutes 王五 00:00, 张三
and 李四 09:00, 张三 09:30 — 830 / (4 × 1800).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestop.common.testing import OneStopTestCase, make_user
from onestop.contactcenter.models import Disposition, Queue
from onestop.contactcenter.selectors import CallFigures, hotline_figures
from onestop.contactcenter.tests.samples import make_call, make_source
from onestop.organisations.services import membership_grant

DAY = date(2026, 11, 3)
ANSWERED, ABANDONED, IN_MENU = (
    Disposition.ANSWERED,
    Disposition.ABANDONED,
    Disposition.ABANDONED_IVR,
)


def counts(row: CallFigures) -> dict[str, Any]:
    names = ("offered", "answered", "abandoned", "ivr_hangups", "answered_in_time")
    return {name: getattr(row, name) for name in names}


class HotlineFigureTestCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.a = Queue.objects.create(organisation=cls.uni, code="A", name="报修")
        cls.b = Queue.objects.create(
            organisation=cls.uni,
            code="B",
            name="投诉",
            answer_within_s=20,
            target_service_level=Decimal("0.9"),
            target_answer_rate=Decimal("0.97"),
            max_occupancy=Decimal("0.8"),
        )
        cls.li = make_user("li_si", first_name="四", last_name="李")
        membership_grant(actor=None, organisation=cls.uni, user=cls.li, roles=["agent"])
        source = make_source(cls.uni)
        a, b = cls.a, cls.b
        for queue, when, outcome, wait, talk, agent in (
            (a, "2026-11-02 23:55", ANSWERED, 3, 30, "王五"),
            (a, "2026-11-03 00:05", ANSWERED, 0, 50, "王五"),
            (a, "2026-11-03 09:00:10", ANSWERED, 5, 100, "张三"),
            (a, "2026-11-03 09:05", ANSWERED, 20, 200, "张三"),
            (a, "2026-11-03 09:14:59", ABANDONED, 30, 0, ""),
            (a, "2026-11-03 09:15", ANSWERED, 15, 300, "李四"),
            (b, "2026-11-03 09:20", ANSWERED, 18, 60, "李四"),
            (a, "2026-11-03 09:35", IN_MENU, 0, 0, ""),
            (b, "2026-11-03 09:40", ANSWERED, 40, 120, "张三"),
            (a, "2026-11-04 00:05", ANSWERED, 1, 10, "王五"),
        ):
            make_call(source, queue, when, outcome, wait=wait, talk=talk, agent=agent)
        # 李四 was matched to a member on import.
        source.calls.filter(agent_name="李四").update(agent=cls.li)
        # The tax hall's calls at the same hours are never the university's.
        tax_queue = Queue.objects.create(organisation=cls.tax, code="A", name="12366")
        make_call(
            make_source(cls.tax, "tax.csv"), tax_queue, "2026-11-03 09:01", wait=1
        )

    def figures(self, minutes: int = 15, **more: Any) -> Any:
        return hotline_figures(
            organisation=self.uni, day=DAY, interval_minutes=minutes, **more
        )


class DayTest(HotlineFigureTestCase):
    def test_the_day_totals(self) -> None:
        total = self.figures().total
        self.assertEqual(
            counts(total),
            {
                "offered": 7,
                "answered": 6,
                "abandoned": 1,
                "ivr_hangups": 1,
                "answered_in_time": 4,
            },
        )
        self.assertAlmostEqual(total.service_level, 4 / 7)
        self.assertAlmostEqual(total.answer_rate, 6 / 7)
        self.assertAlmostEqual(total.abandon_rate, 1 / 7)
        self.assertAlmostEqual(total.asa, 98 / 6)
        self.assertAlmostEqual(total.aht, 830 / 6)

    def test_occupancy_counts_agents_seen_per_interval(self) -> None:
        self.assertEqual(self.figures(15).total.agent_intervals, 4)
        self.assertAlmostEqual(self.figures(15).total.occupancy, 830 / (4 * 900))
        self.assertAlmostEqual(self.figures(30).total.occupancy, 830 / (4 * 1800))

    def test_quarter_hours_from_the_first_call_to_the_last(self) -> None:
        rows = self.figures(15).intervals
        self.assertEqual(len(rows), 39)  # 00:00 … 09:30, empty ones included
        self.assertEqual(
            (rows[0].label, rows[-1].label), ("00:00–00:15", "09:30–09:45")
        )
        nine, quarter, half = rows[36], rows[37], rows[38]
        self.assertEqual(
            [counts(r) for r in (nine, quarter, half)],
            [
                {
                    "offered": 3,
                    "answered": 2,
                    "abandoned": 1,
                    "ivr_hangups": 0,
                    "answered_in_time": 1,
                },
                {
                    "offered": 2,
                    "answered": 2,
                    "abandoned": 0,
                    "ivr_hangups": 0,
                    "answered_in_time": 2,
                },
                {
                    "offered": 1,
                    "answered": 1,
                    "abandoned": 0,
                    "ivr_hangups": 1,
                    "answered_in_time": 0,
                },
            ],
        )
        self.assertAlmostEqual(nine.service_level, 1 / 3)
        self.assertAlmostEqual(nine.asa, 12.5)
        self.assertAlmostEqual(nine.aht, 150)
        self.assertAlmostEqual(nine.occupancy, 300 / 900)
        self.assertAlmostEqual(quarter.occupancy, 360 / 900)  # 李四 alone
        self.assertEqual(half.service_level, 0)
        self.assertEqual(counts(rows[1]), dict.fromkeys(counts(rows[1]), 0))
        self.assertIsNone(rows[1].service_level)

    def test_half_hours(self) -> None:
        rows = self.figures(30).intervals
        self.assertEqual(len(rows), 20)
        nine = rows[18]
        self.assertEqual(nine.label, "09:00–09:30")
        self.assertEqual(
            counts(nine),
            {
                "offered": 5,
                "answered": 4,
                "abandoned": 1,
                "ivr_hangups": 0,
                "answered_in_time": 3,
            },
        )
        self.assertAlmostEqual(nine.asa, 58 / 4)
        self.assertAlmostEqual(nine.aht, 660 / 4)
        self.assertAlmostEqual(nine.occupancy, 660 / (2 * 1800))

    def test_queues_against_their_own_targets(self) -> None:
        a, b = self.figures().queues
        self.assertEqual((a.code, b.code), ("A", "B"))
        self.assertEqual(counts(a)["offered"], 5)
        self.assertAlmostEqual(a.service_level, 3 / 5)
        self.assertEqual(a.verdict("service_level"), "misses")  # target 80%
        self.assertAlmostEqual(b.service_level, 1 / 2)
        self.assertAlmostEqual(b.asa, 29)
        self.assertAlmostEqual(b.aht, 90)

    def test_agents_with_a_linked_member_shown_by_name(self) -> None:
        rows = {row.code: row for row in self.figures().agents}
        self.assertEqual(set(rows), {"张三", "李四", "王五"})
        zhang, li = rows["张三"], rows["李四"]
        self.assertEqual((zhang.answered, zhang.answered_in_time), (3, 1))
        self.assertAlmostEqual(zhang.asa, 65 / 3)
        self.assertAlmostEqual(zhang.aht, 140)
        self.assertAlmostEqual(zhang.occupancy, 420 / 1800)
        self.assertEqual(li.label, "李四")
        self.assertAlmostEqual(li.occupancy, 360 / 900)

    def test_the_strictest_targets_judge_rows_of_several_queues(self) -> None:
        figures = self.figures()
        targets = figures.targets
        self.assertEqual(
            (targets.service_level, targets.answer_rate, targets.max_occupancy),
            (0.9, 0.97, 0.8),
        )
        self.assertIsNone(targets.answer_within_s)  # 15 s and 20 s
        self.assertEqual(figures.total.verdict("answer_rate"), "misses")
        self.assertEqual(figures.total.verdict("occupancy"), "meets")

    def test_one_queue(self) -> None:
        figures = self.figures(queue=self.b)
        self.assertEqual(counts(figures.total)["offered"], 2)
        self.assertEqual(figures.targets.answer_within_s, 20)
        self.assertEqual([row.code for row in figures.queues], ["B"])

    def test_another_threshold_for_every_call(self) -> None:
        self.assertEqual(self.figures(answer_within_s=20).total.answered_in_time, 5)

    def test_the_month_by_day(self) -> None:
        days = self.figures().days
        self.assertEqual(len(days), 30)
        offered = {row.key.day: row.offered for row in days if row.offered}
        self.assertEqual(offered, {2: 1, 3: 7, 4: 1})
        self.assertEqual(counts(days[2]), counts(self.figures().total))

    def test_a_day_without_calls_has_no_rates(self) -> None:
        figures = hotline_figures(
            organisation=self.uni, day=date(2026, 12, 1), interval_minutes=15
        )
        self.assertEqual(figures.intervals, [])
        self.assertIsNone(figures.total.service_level)
        self.assertIsNone(figures.total.occupancy)

    def test_queries_do_not_grow_with_the_calls(self) -> None:
        with CaptureQueriesContext(connection) as few:
            self.figures()
        source = make_source(self.uni, "more.csv")
        for minute in range(10, 40):
            make_call(
                source,
                self.a,
                f"2026-11-03 10:{minute}",
                wait=3,
                talk=9,
                agent=f"A{minute}",
            )
        with CaptureQueriesContext(connection) as many:
            self.figures()
        self.assertEqual(len(many), len(few))
