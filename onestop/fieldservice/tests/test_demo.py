"""The demo loader: realistic orders at each step, and nothing new on a second run."""

from __future__ import annotations

import math
import shutil
import tempfile

import time_machine
from django.test import override_settings

from onestop.common.testing import OneStopTestCase
from onestop.demo.fieldservice import fieldservice_demo_load
from onestop.demo.surveys import surveys_demo_load
from onestop.fieldservice.models import (
    DispatchPlan,
    Job,
    Order,
    OrderStatus,
    ReturnVisitRule,
)


class DemoTests(OneStopTestCase):
    def test_the_demo_loads_once_with_orders_at_each_step(self) -> None:
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        with (
            override_settings(MEDIA_ROOT=media),
            time_machine.travel("2026-11-23 09:00 +0800", tick=False),
        ):
            fieldservice_demo_load(self.uni)
            counts = (Order.objects.count(), Job.objects.count())
            fieldservice_demo_load(self.uni)
        self.assertEqual((Order.objects.count(), Job.objects.count()), counts)
        statuses = set(Order.objects.values_list("status", flat=True))
        self.assertTrue(
            {OrderStatus.RECEIVED, OrderStatus.DELIVERED, OrderStatus.DISPATCHED}
            <= statuses
        )
        self.assertEqual(DispatchPlan.objects.count(), 1)

    def test_with_the_surveys_demo_half_the_signed_visits_are_called_back(
        self,
    ) -> None:
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        with (
            override_settings(MEDIA_ROOT=media),
            time_machine.travel("2026-11-23 09:00 +0800", tick=False),
        ):
            surveys_demo_load(self.uni)
            fieldservice_demo_load(self.uni)
        rule = ReturnVisitRule.objects.get(organisation=self.uni)
        self.assertEqual((rule.questionnaire_code, rule.percent), ("SAT", 50))
        signed = Job.objects.filter(record__isnull=False)
        self.assertGreater(signed.count(), 0)
        called_back = signed.filter(return_visit__isnull=False).count()
        self.assertEqual(called_back, math.ceil(signed.count() / 2))
