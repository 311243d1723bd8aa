"""The demo service contracts load through the services, once."""

from __future__ import annotations

from onestop.common.testing import OneStopTestCase
from onestop.demo.servicecontracts import servicecontracts_demo_load
from onestop.servicecontracts.models import Bill, Quote, ServiceContract, ServiceRequest


class DemoLoadTests(OneStopTestCase):
    def test_the_university_gets_contracts_uses_bills_and_quotes_once(self) -> None:
        self.assertEqual(servicecontracts_demo_load(self.uni), 2)
        self.assertEqual(servicecontracts_demo_load(self.uni), 0)
        self.assertEqual(
            ServiceContract.objects.filter(organisation=self.uni).count(), 2
        )
        self.assertTrue(
            ServiceRequest.objects.filter(
                organisation=self.uni, entitlement__isnull=False
            ).exists()
        )
        # The fourth local visit, the remote customer's second, one approved quote.
        self.assertEqual(Bill.objects.filter(organisation=self.uni).count(), 3)
        self.assertEqual(Quote.objects.filter(organisation=self.uni).count(), 2)

    def test_the_tax_hall_gets_its_own(self) -> None:
        self.assertEqual(servicecontracts_demo_load(self.tax), 1)
        self.assertFalse(ServiceContract.objects.filter(organisation=self.uni).exists())
