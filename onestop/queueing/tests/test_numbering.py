"""Numbers: the category's letter and the day's sequence, counted per category and day."""

from __future__ import annotations

from datetime import datetime

from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.organisations.models import Organisation
from onestop.queueing.models import Priority, QueueCategory, Ticket
from onestop.queueing.services import ticket_take
from onestop.queueing.testing import at, populate_hall


class NumberingTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)

    def take(
        self,
        category: QueueCategory,
        now: datetime | None = None,
        organisation: Organisation | None = None,
    ) -> Ticket:
        return ticket_take(
            organisation=organisation or self.tax, category=category, now=now or at(9)
        )

    def test_each_category_counts_from_one_with_its_own_letter(self) -> None:
        numbers = [
            self.take(self.cat_a).number,
            self.take(self.cat_a).number,
            self.take(self.cat_b).number,
            self.take(self.cat_a).number,
        ]
        self.assertEqual(numbers, ["A001", "A002", "B001", "A003"])

    def test_the_next_day_starts_again_at_one(self) -> None:
        self.take(self.cat_a, at(16, 59))
        tomorrow = self.take(self.cat_a, at(8, 30, days=1))
        self.assertEqual(tomorrow.number, "A001")
        self.assertEqual(tomorrow.day.isoformat(), "2026-09-29")

    def test_the_day_is_the_halls_not_utc(self) -> None:
        # 07:30 in Shanghai is still the previous day in UTC.
        ticket = self.take(self.cat_a, at(7, 30))
        self.assertEqual(ticket.day.isoformat(), "2026-09-28")

    def test_organisations_number_apart(self) -> None:
        self.take(self.cat_a)
        self.assertEqual(self.take(self.uni_cat, organisation=self.uni).number, "A001")

    def test_priority_is_kept_with_its_rank(self) -> None:
        ticket = ticket_take(
            organisation=self.tax,
            category=self.cat_a,
            priority=Priority.ELDERLY,
            now=at(9),
        )
        self.assertEqual((ticket.priority, ticket.rank), ("elderly", 1))
        self.assertEqual(ticket.status, "waiting")
        self.assertEqual(Ticket.objects.get().taken_at, at(9))

    def test_another_organisations_category_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as refused:
            ticket_take(organisation=self.tax, category=self.uni_cat, now=at(9))
        self.assertEqual(refused.exception.code.code, "category_unknown")
        self.assertFalse(Ticket.objects.exists())

    def test_more_than_three_digits_still_shows_the_whole_number(self) -> None:
        ticket = self.take(self.cat_a)
        ticket.sequence = 1234
        self.assertEqual(ticket.number, "A1234")
