"""Casework figures recounted by hand from a month of the tax hall's cases.

Calendar facts used (国务院办公厅关于2026年部分节假日安排的通知): 10月1日至7日
放假调休, 10月10日（星期六）上班. Office hours 08:30–12:00, 13:30–17:30: a
working day is 7.5 h.

The tax hall's cases (all times Asia/Shanghai):

====  ======  ===========================================================  ==========
case  item    story                                                        counted in
====  ======  ===========================================================  ==========
A     DJ-ZX   accepted 28 Sep 10:00, completed 14 Oct 10:00; due 16 Oct     Sep / Oct
              17:30, so on time. Office time 6 h (28 Sep) + 15 h (29–30
              Sep) + 37.5 h (8, 9, 10, 12, 13 Oct) + 1.5 h = 60 h = 8 days,
              the National Day holiday not counted.
B     DJ-ZX   accepted 8 Oct 08:30, due 21 Oct 17:30; extension of 2 days   Oct
              approved 13 Oct, due 23 Oct 17:30; completed 26 Oct 08:30,
              so late. 7.5 h (8 Oct) + 12 days × 7.5 h (9, 10, 12–16,
              19–23 Oct) = 97.5 h = 13 days.
C     DJ-ZX   notice 9 Oct; a second, justified notice 12 Oct; accepted     Oct
              13 Oct.
D     DJ-ZX   notice 15 Oct; accepted after one supplement 16 Oct.          Oct
E     DJ-ZX   not accepted 20 Oct.                                          Oct
F     FP-LY   done on the spot 12 Oct 09:00.                                Oct
F0    FP-LY   done on the spot 1 Oct 00:30 — the first half-hour of         Oct
              October in Shanghai, still 30 Sep in UTC.
F9    FP-LY   done on the spot 1 Nov 00:30 — still 31 Oct in UTC.           Nov
G     FP-LY   referred elsewhere 14 Oct.                                    Oct
H     FP-DK   accepted 22 Oct 13:30, completed 23 Oct 12:00; due 29 Oct,    Oct
              on time. 4 h + 3.5 h = 7.5 h = 1 day.
====  ======  ===========================================================  ==========

DJ-ZX is handled by the back office (T-BACK); FP-LY and FP-DK by the front
office (T-FRONT), although FP-DK's one step is done in the back office: the
department of a figure is the item's. The university has cases in October
too, which the tax hall's figures never count.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.services import case_act
from onestop.common.testing import make_item
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import Decision, case_intake, case_supplement
from onestop.metrics.definitions import FIGURES, GroupBy
from onestop.metrics.selectors import FigureRow, casework_figures, casework_trend

SH = ZoneInfo("Asia/Shanghai")
OCTOBER = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}
REJECTION = Decision(
    reason="申请人不属于注销税务登记的情形",
    legal_basis="《中华人民共和国税收征收管理法》第十六条",
)
REFERRAL = Decision(competent_body="市市场监督管理局", contact="12315")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def received(*positions: int) -> list[MaterialCheck]:
    return [
        MaterialCheck(position=p, received=True, form="original", count=2)
        for p in positions
    ]


def missing(*positions: int) -> list[MaterialCheck]:
    return [MaterialCheck(position=p, received=False) for p in positions]


def figures(row: FigureRow) -> dict[str, Any]:
    return {f.key: getattr(row, f.key) for f in FIGURES}


def expected(**given: Any) -> dict[str, Any]:
    """Every figure zero, its rates and average undefined, except those ``given``."""
    undefined = {"on_time_rate", "avg_working_days_used", "one_time_rate"}
    base = {f.key: None if f.key in undefined else 0 for f in FIGURES}
    return {**base, **given}


DJ_ZX = expected(
    received=4,  # B, C, D, E
    accepted=3,  # B, C, D (A was accepted in September)
    completed=2,  # A, B
    on_time=1,  # A; B finished after its extended deadline
    on_time_rate=1 / 2,
    avg_working_days_used=(8 + 13) / 2,
    notices=2,  # C, D
    single_notices=1,  # D; C was given a second notice
    one_time_rate=1 / 2,
    extensions=1,  # B
    rejections=1,  # E
)
FP_DK = expected(
    received=1,
    accepted=1,
    completed=1,
    on_time=1,
    on_time_rate=1.0,
    avg_working_days_used=1.0,
)
FP_LY = expected(received=3, referrals=1, on_the_spot=2)  # F0, F, G
OCTOBER_TOTAL = expected(
    received=8,
    accepted=4,
    completed=3,
    on_time=2,
    on_time_rate=2 / 3,
    avg_working_days_used=(8 + 13 + 1) / 3,
    notices=2,
    single_notices=1,
    one_time_rate=1 / 2,
    extensions=1,
    rejections=1,
    referrals=1,
    on_the_spot=2,
)


class FigureTestCase(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s = cls.tax_structure
        make_item(cls.tax, s, code="FP-LY", name="发票领用", promised=None)
        make_item(cls.tax, s, code="FP-DK", name="代开发票", promised=5)

    @classmethod
    def intake(
        cls,
        code: str,
        outcome: str,
        when: str,
        checks: list[MaterialCheck],
        **more: Any,
    ) -> Case:
        return case_intake(
            actor=more.pop("actor", cls.tax_clerk),
            organisation=more.pop("organisation", cls.tax),
            item_code=code,
            channel="counter",
            applicant=APPLICANT,
            checks=checks,
            outcome=outcome,
            now=at(when),
            **more,
        )

    @classmethod
    def act(cls, case: Case, action: str, when: str, **params: Any) -> Case:
        return case_act(
            actor=params.pop("actor", cls.tax_supervisor),
            case=case,
            action=action,
            expected_version=case.lock_version,
            now=at(when),
            **params,
        )

    @classmethod
    def supplement(
        cls,
        case: Case,
        outcome: str,
        when: str,
        checks: list[MaterialCheck],
        **more: Any,
    ) -> Case:
        return case_supplement(
            actor=cls.tax_clerk,
            case=case,
            expected_version=case.lock_version,
            checks=checks,
            outcome=outcome,
            now=at(when),
            **more,
        )

    @classmethod
    def accepted_and_completed(cls, code: str, accepted: str, completed: str) -> Case:
        materials = (1, 2, 3) if code == "DJ-ZX" else (1, 2)
        case = cls.intake(code, Outcome.ACCEPTED, accepted, received(*materials))
        while case.current_step.position < len(case.item_version.snapshot["steps"]):
            case = cls.act(case, "approve", accepted)
        return cls.act(case, "complete", completed)


class CaseworkFigureTests(FigureTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls._tax_hall_cases()
        cls._university_cases()

    @classmethod
    def _tax_hall_cases(cls) -> None:
        cls.case_a = cls.accepted_and_completed(
            "DJ-ZX", "2026-09-28 10:00", "2026-10-14 10:00"
        )
        b = cls.intake("DJ-ZX", Outcome.ACCEPTED, "2026-10-08 08:30", received(1, 2, 3))
        b = cls.act(b, "approve", "2026-10-09 09:00")
        b = cls.act(
            b, "extend_request", "2026-10-13 09:00", days=2, reason="需补充调查"
        )
        b = cls.act(b, "extend_approve", "2026-10-13 10:00")
        cls.case_b = cls.act(b, "complete", "2026-10-26 08:30")

        c = cls.intake(
            "DJ-ZX", Outcome.NOTICE, "2026-10-09 10:00", [*missing(1, 2), *received(3)]
        )
        c = cls.supplement(
            c,
            Outcome.NOTICE,
            "2026-10-12 09:00",
            received(1),
            justification="经办人身份证件已过有效期，首次审核时未能发现",
        )
        cls.supplement(c, Outcome.ACCEPTED, "2026-10-13 10:00", received(2))
        d = cls.intake(
            "DJ-ZX", Outcome.NOTICE, "2026-10-15 09:00", [*missing(1), *received(2, 3)]
        )
        cls.supplement(d, Outcome.ACCEPTED, "2026-10-16 09:00", received(1))
        cls.intake(
            "DJ-ZX",
            Outcome.REJECTED,
            "2026-10-20 09:00",
            received(1, 2, 3),
            decision=REJECTION,
        )

        for when in ("2026-10-12 09:00", "2026-10-01 00:30", "2026-11-01 00:30"):
            cls.intake("FP-LY", Outcome.ON_THE_SPOT, when, received(1, 2))
        cls.intake(
            "FP-LY",
            Outcome.REFERRED,
            "2026-10-14 10:00",
            received(1, 2),
            decision=REFERRAL,
        )
        cls.accepted_and_completed("FP-DK", "2026-10-22 13:30", "2026-10-23 12:00")

    @classmethod
    def _university_cases(cls) -> None:
        s, uni = cls.uni_structure, {"organisation": cls.uni, "actor": cls.uni_clerk}
        make_item(cls.uni, s, code="FP-DK", name="宿舍维修", promised=5)
        make_item(cls.uni, s, code="FP-LY", name="校园卡补办", promised=None)
        case = cls.intake(
            "FP-DK", Outcome.ACCEPTED, "2026-10-12 09:00", received(1, 2), **uni
        )
        cls.act(case, "complete", "2026-10-13 09:00", actor=cls.uni_supervisor)
        cls.intake(
            "FP-LY", Outcome.ON_THE_SPOT, "2026-10-12 10:00", received(1, 2), **uni
        )
        cls.intake(
            "FP-LY",
            Outcome.NOTICE,
            "2026-10-12 11:00",
            [*missing(2), *received(1)],
            **uni,
        )

    def test_the_stories_run_as_the_table_says(self) -> None:
        self.assertEqual(self.case_a.due_at, at("2026-10-16 17:30"))
        self.assertEqual(self.case_b.due_at, at("2026-10-23 17:30"))
        self.assertEqual(self.case_b.extension_days, 2)
        notices = dict(
            Case.objects.filter(organisation=self.tax, notice_count__gt=0).values_list(
                "accepted_at", "notice_count"
            )
        )
        self.assertEqual(
            notices, {at("2026-10-13 10:00"): 2, at("2026-10-16 09:00"): 1}
        )

    def test_figures_by_item_recount_by_hand(self) -> None:
        rows = casework_figures(organisation=self.tax, group_by="item", **OCTOBER)
        self.assertEqual(
            [(r.code, r.label, r.is_total) for r in rows[:-1]],
            [
                ("DJ-ZX", "注销税务登记", False),
                ("FP-DK", "代开发票", False),
                ("FP-LY", "发票领用", False),
            ],
        )
        self.assertTrue(rows[-1].is_total)
        for row, figures_expected in zip(
            rows, [DJ_ZX, FP_DK, FP_LY, OCTOBER_TOTAL], strict=True
        ):
            with self.subTest(row.code or "total"):
                self.assertEqual(figures(row), figures_expected)

    def test_a_late_completion_halves_the_on_time_rate(self) -> None:
        dj_zx = casework_figures(organisation=self.tax, group_by="item", **OCTOBER)[0]
        self.assertEqual((dj_zx.on_time, dj_zx.completed), (1, 2))
        self.assertEqual(dj_zx.on_time_rate, 0.5)

    def test_a_second_notice_counts_against_the_one_time_rate(self) -> None:
        dj_zx = casework_figures(organisation=self.tax, group_by="item", **OCTOBER)[0]
        self.assertEqual((dj_zx.single_notices, dj_zx.notices), (1, 2))
        self.assertEqual(dj_zx.one_time_rate, 0.5)

    def test_working_days_used_leave_out_the_national_day_holiday(self) -> None:
        rows = casework_figures(
            organisation=self.tax,
            start=date(2026, 10, 14),
            end=date(2026, 10, 14),
            group_by="item",
        )
        # Case A alone: 60 h of office time between 28 Sep and 14 Oct, not 16 calendar days.
        self.assertEqual(rows[0].avg_working_days_used, 8.0)

    def test_figures_by_department_follow_the_items_handling_department(self) -> None:
        rows = casework_figures(organisation=self.tax, group_by="department", **OCTOBER)
        front = expected(
            received=4,
            accepted=1,
            completed=1,
            on_time=1,
            on_time_rate=1.0,
            avg_working_days_used=1.0,
            referrals=1,
            on_the_spot=2,
        )
        self.assertEqual(
            [(r.code, figures(r)) for r in rows],
            [("T-BACK", DJ_ZX), ("T-FRONT", front), ("", OCTOBER_TOTAL)],
        )

    def test_figures_by_month_place_each_case_by_its_own_date(self) -> None:
        rows = casework_figures(
            organisation=self.tax,
            start=date(2026, 8, 1),
            end=date(2026, 11, 30),
            group_by="month",
        )
        september = expected(received=1, accepted=1)  # A, completed in October
        november = expected(received=1, on_the_spot=1)  # F9
        self.assertEqual(
            [(r.key, figures(r)) for r in rows[:-1]],
            [
                (date(2026, 8, 1), expected()),
                (date(2026, 9, 1), september),
                (date(2026, 10, 1), OCTOBER_TOTAL),
                (date(2026, 11, 1), november),
            ],
        )
        total = rows[-1]
        self.assertEqual(
            (total.received, total.accepted, total.on_the_spot), (10, 5, 3)
        )
        self.assertEqual(total.avg_working_days_used, 22 / 3)

    def test_the_trend_covers_the_twelve_months_up_to_the_one_given(self) -> None:
        rows = casework_trend(organisation=self.tax, last_month=date(2026, 10, 15))
        self.assertEqual(len(rows), 12)
        self.assertEqual((rows[0].code, rows[-1].code), ("2025-11", "2026-10"))
        self.assertEqual(
            [
                (r.code, r.received, r.completed)
                for r in rows
                if r.received or r.completed
            ],
            [("2026-09", 1, 0), ("2026-10", 8, 3)],
        )

    def test_another_organisations_cases_are_never_counted(self) -> None:
        rows = casework_figures(organisation=self.uni, group_by="item", **OCTOBER)
        self.assertEqual(
            [(r.code, r.received, r.completed, r.on_the_spot, r.notices) for r in rows],
            [("FP-DK", 1, 1, 0, 0), ("FP-LY", 2, 0, 1, 1), ("", 3, 1, 1, 1)],
        )

    def test_an_unknown_grouping_or_a_reversed_period_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            casework_figures(organisation=self.tax, group_by="window", **OCTOBER)
        with self.assertRaises(ValueError):
            casework_figures(
                organisation=self.tax,
                start=date(2026, 10, 2),
                end=date(2026, 10, 1),
                group_by="item",
            )


class QueryCountTests(FigureTestCase):
    """March 2026 holds no holiday; these cases are alone in it."""

    def march(self) -> list[FigureRow]:
        return casework_figures(
            organisation=self.tax,
            start=date(2026, 3, 1),
            end=date(2026, 3, 31),
            group_by=GroupBy.MONTH,
        )

    def test_figures_take_the_same_queries_for_two_cases_as_for_six(self) -> None:
        self.accepted_and_completed("DJ-ZX", "2026-03-02 09:00", "2026-03-06 09:00")
        self.intake("FP-LY", Outcome.ON_THE_SPOT, "2026-03-03 09:00", received(1, 2))
        # Four grouped counts and the completed cases' pairs; the calendar's
        # days are cached since the intakes above.
        with self.assertNumQueries(5):
            self.assertEqual(self.march()[-1].received, 2)

        self.accepted_and_completed("DJ-ZX", "2026-03-09 09:00", "2026-03-10 09:00")
        self.accepted_and_completed("FP-DK", "2026-03-11 09:00", "2026-03-12 09:00")
        self.intake(
            "DJ-ZX", Outcome.NOTICE, "2026-03-13 09:00", [*missing(1), *received(2, 3)]
        )
        self.intake(
            "FP-LY",
            Outcome.REFERRED,
            "2026-03-16 09:00",
            received(1, 2),
            decision=REFERRAL,
        )
        with self.assertNumQueries(5):
            total = self.march()[-1]
        self.assertEqual((total.received, total.completed, total.notices), (6, 3, 1))

    def test_every_grouping_takes_a_fixed_number_of_queries(self) -> None:
        self.accepted_and_completed("DJ-ZX", "2026-03-02 09:00", "2026-03-06 09:00")
        for group_by in GroupBy:
            with self.subTest(group_by), CaptureQueriesContext(connection) as queries:
                casework_figures(
                    organisation=self.tax,
                    start=date(2026, 3, 1),
                    end=date(2026, 3, 31),
                    group_by=group_by,
                )
            self.assertEqual(len(queries), 5)


class FigurePageTests(FigureTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.accepted_and_completed("DJ-ZX", "2026-10-08 08:30", "2026-10-12 08:30")
        late = cls.intake("FP-DK", Outcome.ACCEPTED, "2026-10-08 08:30", received(1, 2))
        cls.act(late, "complete", "2026-10-30 08:30")

    def test_the_page_shows_the_table_and_both_charts(self) -> None:
        self.login(self.tax_supervisor)
        response = self.client.get(
            reverse("staff:metrics"), {"month": "2026-10", "group_by": "item"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [(r.code, r.on_time_rate) for r in response.context["rows"]],
            [("DJ-ZX", 1.0), ("FP-DK", 0.0)],
        )
        self.assertEqual(response.context["total"].on_time_rate, 0.5)
        page = response.content.decode()
        self.assertEqual(page.count('<svg xmlns="http://www.w3.org/2000/svg"'), 2)
        for text in (
            'aria-labelledby="on-time-chart-title on-time-chart-desc"',
            '<title id="trend-chart-title">',
            '<desc id="trend-chart-desc">',
            ">100.0%</text>",  # DJ-ZX's bar, labelled
            ">0.0%</text>",  # FP-DK's
            ">2026-10</text>",  # the trend's last month
            "注销税务登记",
            "50.0%",  # the total, in the table
        ):
            with self.subTest(text):
                self.assertIn(text, page)
        self.assertNotIn("<script", page)

    def test_the_page_shows_this_month_by_item_by_default(self) -> None:
        self.login(self.tax_supervisor)
        with time_machine.travel(at("2026-10-20 10:00"), tick=False):
            response = self.client.get(reverse("staff:metrics"))
        period = response.context["period"]
        self.assertEqual(
            (period.start, period.end, period.group_by),
            (date(2026, 10, 1), date(2026, 10, 31), GroupBy.ITEM),
        )
        self.assertEqual(response.context["total"].completed, 2)

    def test_dates_take_the_place_of_the_month_and_must_be_in_order(self) -> None:
        self.login(self.tax_supervisor)
        url = reverse("staff:metrics")
        response = self.client.get(
            url,
            {"month": "2026-09", "date_from": "2026-10-12", "date_to": "2026-10-12"},
        )
        self.assertEqual(response.context["total"].completed, 1)
        response = self.client.get(
            url, {"date_from": "2026-10-12", "date_to": "2026-10-01"}
        )
        self.assertTrue(response.context["form"].errors)

    def test_the_workbook_holds_the_figures_the_period_and_the_definitions(
        self,
    ) -> None:
        self.login(self.tax_supervisor)
        response = self.client.get(
            reverse("staff:metrics_excel"),
            {"month": "2026-10", "group_by": "department"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        book = load_workbook(io.BytesIO(response.content))
        figures_sheet, definitions = book.worksheets
        rows = list(figures_sheet.iter_rows(values_only=True))
        self.assertEqual(len(rows[0]), 2 + len(FIGURES))
        # Code, department, received, accepted, completed, on time, on-time rate, days …
        self.assertEqual(rows[1][:8], ("T-BACK", "T审核科", 1, 1, 1, 1, 1, 3.0))
        self.assertEqual(rows[2][:8], ("T-FRONT", "T综合服务部", 1, 1, 1, 0, 0, 17.0))
        self.assertEqual(rows[3][2:7], (2, 2, 2, 1, 0.5))
        self.assertEqual(figures_sheet.cell(4, 7).number_format, "0.0%")
        texts = [
            cell for row in definitions.iter_rows(values_only=True) for cell in row
        ]
        self.assertIn("2026-10-01 – 2026-10-31", texts)
        self.assertIn(self.tax.name, texts)
        for figure in FIGURES:
            self.assertIn(str(figure.definition), texts)

    def test_without_the_permission_the_figures_are_refused(self) -> None:
        self.login(self.tax_clerk)  # a clerk may take in requests, not read figures
        for name in ("staff:metrics", "staff:metrics_excel"):
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 403)
