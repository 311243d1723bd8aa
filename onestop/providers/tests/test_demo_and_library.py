"""The demo loader, and KPIs taken from the assessment's indicator library."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from onestop.assessment.services import IndicatorDefinition, indicator_define
from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.demo.providers import providers_demo_load
from onestop.providers.errors import ProviderError
from onestop.providers.models import AssessmentStatus, Contract, MonthlyAssessment
from onestop.providers.selectors import contract_months, renewal_for
from onestop.providers.services import KpiSpec, kpi_errors


class ProvidersDemoTest(OneStopTestCase):
    def test_demo_loads_six_signed_months_once(self) -> None:
        self.assertTrue(providers_demo_load(self.uni))
        self.assertFalse(providers_demo_load(self.uni))
        contracts = Contract.objects.filter(organisation=self.uni)
        self.assertEqual(contracts.count(), 6)
        signed = MonthlyAssessment.objects.filter(
            organisation=self.uni, status=AssessmentStatus.SIGNED
        )
        self.assertEqual(signed.count(), 6 * 6)
        weakest = contracts.get(provider__name="味美佳餐饮服务有限公司")
        renewal = renewal_for(
            contract=weakest, months=contract_months(contract=weakest)
        )
        self.assertIsNotNone(renewal.average)
        self.assertLess(renewal.average, Decimal(100))
        self.login(self.uni_supervisor)
        page = self.client.get(
            reverse("staff:provider_contract", args=[weakest.number])
        )
        self.assertContains(page, f'data-verdict="{renewal.verdict}"')
        self.assertContains(page, str(renewal.average))


class KpiFromIndicatorTest(OneStopTestCase):
    def test_an_indicator_becomes_a_kpi_with_its_rule_and_a_weight(self) -> None:
        version = indicator_define(
            actor=self.uni_supervisor,
            organisation=self.uni,
            definition=IndicatorDefinition(
                code="KH-01",
                name="按时办结率",
                definition="本月办结的环节中，在时限内办结的比例（%）。",
                direction="higher",
                rule={"kind": "linear", "worst": 80, "best": 100},
                source="metric",
                metric_key="on_time_rate",
                unit="%",
            ),
        )
        kpi = KpiSpec.from_indicator(version, Decimal("0.6"))
        self.assertEqual((kpi.name, kpi.metric), ("按时办结率", "on_time_rate"))
        self.assertEqual(kpi.rule["worst"], 80)
        # Alone at 0.6 the weights do not add up to 1: refused, naming the sum.
        errors = kpi_errors([kpi])
        self.assertEqual([e.code for e in errors], [ProviderError.WEIGHTS])
        self.assertIn("0.6", errors[0].message)

    def test_unknown_metric_and_broken_rule_are_named(self) -> None:
        bad = [
            KpiSpec(
                "甲",
                "no_such_metric",
                {"kind": "linear", "worst": 1, "best": 2},
                Decimal("0.5"),
            ),
            KpiSpec(
                "乙",
                "on_time_rate",
                {"kind": "linear", "worst": 1, "best": 1},
                Decimal("0.5"),
            ),
        ]
        codes = [e.code for e in kpi_errors(bad)]
        self.assertEqual(codes, [ProviderError.UNKNOWN_METRIC, ProviderError.BAD_RULE])
        self.assertIsInstance(kpi_errors(bad)[1], ServiceError)
