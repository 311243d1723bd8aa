"""The demo loader makes a signed October and a run November, once."""

from __future__ import annotations

from onestop.assessment.models import ManualCheck, Plan, Run
from onestop.assessment.tests.fixtures import populate_may
from onestop.common.testing import OneStopTestCase
from onestop.demo.assessment import assessment_demo_load


class DemoTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_may(cls)

    def test_the_demo_loads_once(self) -> None:
        self.assertTrue(assessment_demo_load(self.uni))
        plans = Plan.objects.filter(organisation=self.uni)
        self.assertEqual(
            sorted(plans.values_list("name", "status")),
            [("2026年10月绩效考核", "signed"), ("2026年11月绩效考核", "open")],
        )
        self.assertEqual(ManualCheck.objects.filter(organisation=self.uni).count(), 1)
        self.assertFalse(assessment_demo_load(self.uni))
        self.assertEqual(Run.objects.filter(plan__organisation=self.uni).count(), 2)
        self.assertFalse(Plan.objects.filter(organisation=self.tax).exists())
