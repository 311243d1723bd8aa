"""A provider holding two contracts has each scored on that contract's work alone.

On top of the hand-checked cleaning May of ``providers.testing``, 洁雅物业
also runs the west canteen (contract HT-2025-ST-01, service type 食堂 with
the catalogue item ST-001; base 100,000.00 yuan, full payment at 90 points,
1 % off per point below, floor 50 %). The same cleaner works both. May's
canteen work, by hand:

====================  ======  ==========================  ======
KPI                   weight  May's canteen data          points
====================  ======  ==========================  ======
On-time completion    0.5     9 of 10 steps on time       25.00
                              = 90 %: (90−80)/20×50
Average rating        0.3     4 and 3 = 3.5: (3.5−3)/2×30  7.50
Officer reports       0.2     1 confirmed: 20 − 2         18.00
====================  ======  ==========================  ======

KPI points 50.50, no deduction: 39.5 points below 90 × 1 % = 39.5 % off,
**60,500.00** paid. The cleaning contract keeps exactly its own May (95 % of
20 steps, 4.75 over 4 ratings, 1 report: 81.75 points); had the canteen work
counted for it, it would show 28 of 30 steps (93.33 %) and 26 over 6 ratings.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import time_machine

from onestop.assessment.metrics import MetricValue, metric_values
from onestop.assessment.testing import at, make_case, make_rating, make_step
from onestop.common.testing import OneStopTestCase, make_item
from onestop.providers.kpis import kpi_values
from onestop.providers.models import FeedbackReport, ReportStatus, ServiceType
from onestop.providers.services import assessment_run
from onestop.providers.testing import MAY, cleaning_month, make_contract

MAY_RANGE = {"start": date(2025, 5, 1), "end": date(2025, 5, 31)}


def canteen_month(t: object) -> None:
    t.canteen = ServiceType.objects.create(
        organisation=t.uni, code="canteen", name="食堂"
    )
    item = make_item(t.uni, t.uni_structure, code="ST-001", name="食堂就餐投诉")
    t.canteen.items.add(item)
    t.canteen_item = item
    t.canteen_contract = make_contract(
        t.uni,
        provider=t.provider,
        service_type=t.canteen,
        regions=[t.places["west"]],
        number="HT-2025-ST-01",
        floor=Decimal(50),
    )
    cases = []
    for day in range(1, 11):  # nine on time, the tenth late
        due = at(f"2025-05-{day + 10:02d}T17:30")
        case = make_case(item, clerk=t.uni_clerk, received_at=due - timedelta(days=3))
        finished = due + timedelta(days=1) if day == 10 else due - timedelta(hours=5)
        make_step(case, department=t.uni_structure["back"], post=None,
                  assignee=t.cleaner, due_at=due, finished_at=finished)  # fmt: skip
        cases.append(case)
    for case, level in zip(cases, (4, 3), strict=False):
        make_rating(case, staff=t.cleaner, level=level, rated_at=at("2025-05-25T12:00"))
    FeedbackReport.objects.create(
        organisation=t.uni,
        officer=t.officer,
        contract=t.canteen_contract,
        region=t.places["west"],
        description="餐具未消毒",
        observed_on=date(2025, 5, 12),
        submitted_at=at("2025-05-12T20:00"),
        status=ReportStatus.CONFIRMED,
    )


class TwoContractsOfOneProviderTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cleaning_month(cls)
        canteen_month(cls)

    def run_may(self, contract):
        return assessment_run(actor=self.uni_supervisor, contract=contract,
                              month=MAY, now=at("2025-06-03T09:00"))  # fmt: skip

    def kpi_lines(self, assessment):
        return [
            (line.metric, line.value, line.count, line.points)
            for line in assessment.lines.filter(kind="kpi")
        ]

    def test_each_contract_counts_only_its_service_types_cases(self) -> None:
        cleaning = self.run_may(self.contract)
        canteen = self.run_may(self.canteen_contract)
        self.assertEqual(
            self.kpi_lines(cleaning),
            [
                ("on_time_rate", 95.0, 20, Decimal("37.50")),
                ("average_rating", 4.75, 4, Decimal("26.25")),
                ("officer_reports", 1.0, 1, Decimal("18.00")),
            ],
        )
        self.assertEqual(
            self.kpi_lines(canteen),
            [
                ("on_time_rate", 90.0, 10, Decimal("25.00")),
                ("average_rating", 3.5, 2, Decimal("7.50")),
                ("officer_reports", 1.0, 1, Decimal("18.00")),
            ],
        )
        self.assertEqual(cleaning.kpi_points, Decimal("81.75"))
        self.assertEqual(canteen.score, Decimal("50.50"))
        self.assertEqual(canteen.amount, Decimal("60500.00"))

    def test_kpi_values_split_the_same_staff_between_the_contracts(self) -> None:
        found = kpi_values(
            organisation=self.uni,
            contracts=[self.contract, self.canteen_contract],
            metrics={"on_time_rate", "bad_ratings"},
            **MAY_RANGE,
        )
        self.assertEqual(found[(self.contract.pk, "on_time_rate")],
                         MetricValue(95.0, 20))  # fmt: skip
        self.assertEqual(found[(self.canteen_contract.pk, "on_time_rate")],
                         MetricValue(90.0, 10))  # fmt: skip
        self.assertEqual(found[(self.canteen_contract.pk, "bad_ratings")],
                         MetricValue(0.0, 0))  # fmt: skip

    def test_unrestricted_group_still_counts_all_its_peoples_work(self) -> None:
        people = {1: [self.cleaner.pk, self.cleaner2.pk]}
        got = metric_values(organisation=self.uni, key="on_time_rate",
                            subject="group", people=people, **MAY_RANGE)  # fmt: skip
        # 19 + 1 late cleaning steps and 9 + 1 late canteen steps.
        self.assertEqual(got, {1: MetricValue(round(28 / 30 * 100, 4), 30)})

    def test_a_service_type_without_catalogue_items_counts_no_case_work(self) -> None:
        self.canteen.items.clear()
        found = kpi_values(
            organisation=self.uni,
            contracts=[self.canteen_contract],
            metrics={"on_time_rate", "officer_reports"},
            **MAY_RANGE,
        )
        self.assertNotIn((self.canteen_contract.pk, "on_time_rate"), found)
        self.assertEqual(found[(self.canteen_contract.pk, "officer_reports")],
                         MetricValue(1.0, 1))  # fmt: skip

    def test_running_the_whole_month_gives_each_contract_its_own_figures(self) -> None:
        from onestop.providers.services import assessment_run_month, assessment_sign

        signed = assessment_sign(
            actor=self.uni_supervisor,
            assessment=self.run_may(self.rival_contract),
            now=at("2025-06-03T10:00"),
        )
        ran = assessment_run_month(actor=self.uni_supervisor, organisation=self.uni,
                                   month=MAY, now=at("2025-06-04T09:00"))  # fmt: skip
        by_contract = {a.contract_id: a for a in ran}
        self.assertEqual(
            set(by_contract), {self.contract.pk, self.canteen_contract.pk}
        )  # the signed rival is left alone
        self.assertEqual(by_contract[self.contract.pk].score, Decimal("80.25"))
        self.assertEqual(by_contract[self.contract.pk].amount, Decimal("90250.00"))
        self.assertEqual(by_contract[self.canteen_contract.pk].amount,
                         Decimal("60500.00"))  # fmt: skip
        self.assertEqual(
            self.kpi_lines(by_contract[self.canteen_contract.pk]),
            self.kpi_lines(self.run_may(self.canteen_contract)),
        )
        self.assertEqual(signed.contract.assessments.filter(month=MAY).count(), 1)


class RunTheMonthPageTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cleaning_month(cls)
        canteen_month(cls)

    def test_supervisor_runs_may_for_every_contract_from_the_home_page(self) -> None:
        from django.urls import reverse

        from onestop.providers.models import MonthlyAssessment

        url = reverse("staff:provider_run_all")
        with time_machine.travel(at("2025-06-03T09:00"), tick=False):
            self.login(self.tax_admin)  # another organisation: nothing of uni's runs
            self.client.post(url, {"run-month": "2025-05"})
            self.assertFalse(MonthlyAssessment.objects.exists())
            self.login(self.uni_clerk)
            self.assertEqual(
                self.client.post(url, {"run-month": "2025-05"}).status_code, 403
            )
            self.login(self.uni_supervisor)
            self.assertContains(self.client.get(reverse("staff:providers")), url)
            contract_page = self.client.get(
                reverse("staff:provider_contract", args=["HT-2025-ST-01"])
            )
            self.assertContains(contract_page, "ST-001 食堂就餐投诉")
            self.assertNotContains(contract_page, "BJ-001")
            response = self.client.post(url, {"run-month": "2025-05"})
        self.assertRedirects(
            response, reverse("staff:providers"), fetch_redirect_response=False
        )
        amounts = dict(
            MonthlyAssessment.objects.values_list("contract__number", "amount")
        )
        self.assertEqual(amounts, {"HT-2025-BJ-01": Decimal("90250.00"),
                                   "HT-2025-BJ-02": Decimal("100000.00"),
                                   "HT-2025-ST-01": Decimal("60500.00")})  # fmt: skip
