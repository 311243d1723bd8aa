"""The demo loader creates customers and segments once, for either kind of organisation."""

from __future__ import annotations

from onestop.common.testing import OneStopTestCase
from onestop.customers.models import Customer, Segment, ServicePolicy
from onestop.demo.customers import customers_demo_load


class DemoTests(OneStopTestCase):
    def test_loading_twice_creates_everything_once_with_a_vip_and_a_duplicate(
        self,
    ) -> None:
        for organisation in (self.tax, self.uni):
            customers_demo_load(organisation)
            counts = (Customer.objects.count(), Segment.objects.count())
            customers_demo_load(organisation)
            self.assertEqual(
                (Customer.objects.count(), Segment.objects.count()), counts
            )
        vip = Segment.objects.get(organisation=self.tax, name="VIP纳税人")
        self.assertEqual(vip.members.count(), 2)
        self.assertEqual(ServicePolicy.objects.get(segment=vip).time_limit_days, 3)
        self.assertTrue(
            Customer.objects.filter(organisation=self.tax, phone="13844001001")
            .values("phone")
            .count()
            == 2
        )
        self.assertEqual(Segment.objects.filter(organisation=self.uni).count(), 2)
