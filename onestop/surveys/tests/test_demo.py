"""The demo's surveys load once, with realistic SERVQUAL gaps and screened responses."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from onestop.common.testing import OneStopTestCase
from onestop.demo.surveys import surveys_demo_load
from onestop.surveys.models import Audience, Questionnaire, Response
from onestop.surveys.scores import latest_servqual, servqual_report


class DemoTests(OneStopTestCase):
    def test_the_demo_loads_once_and_its_report_finds_reliability_shortest(
        self,
    ) -> None:
        surveys_demo_load(self.uni)
        counts = (Questionnaire.objects.count(), Response.objects.count())
        surveys_demo_load(self.uni)
        self.assertEqual(
            (Questionnaire.objects.count(), Response.objects.count()), counts
        )
        self.assertTrue(Response.objects.filter(is_excluded=True).exists())
        servqual = latest_servqual(organisation=self.uni, audience=Audience.CUSTOMERS)
        assert servqual is not None
        today = timezone.localdate()
        report = servqual_report(
            organisation=self.uni,
            questionnaire=servqual,
            start=today - timedelta(days=60),
            end=today,
        )
        self.assertEqual(report.respondents, 39)  # one straight-liner left out
        self.assertEqual(report.largest_gap.key, "reliability")  # type: ignore[union-attr]
        self.assertFalse(Questionnaire.objects.filter(organisation=self.tax).exists())
