"""Windows calling and kiosks taking numbers at the same instant, on real connections.

Each contender runs in its own thread with its own database connection, all
released together at a barrier (``race`` from the case engine's concurrency
tests). ``ticket_call_next`` takes the next ticket with SELECT … FOR UPDATE
SKIP LOCKED on PostgreSQL, so a second window passes over the row the first
holds and takes the next; SQLite's IMMEDIATE transactions take the write
lock at BEGIN, so the second waits and then sees the first's call. Either
way no ticket is called twice. The first caller holds its ticket a little
longer (``HOLD``) so the windows truly overlap however threads are scheduled.

Runs on SQLite (the default) and on PostgreSQL::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m pytest onestop/queueing/tests/test_concurrency.py
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import TransactionTestCase, override_settings

from onestop.circulation.tests.test_concurrency import OnAFileIfSQLiteInMemory, race
from onestop.common.errors import ServiceError
from onestop.common.testing import populate_two_organisations
from onestop.organisations.models import Organisation
from onestop.posts.models import Window
from onestop.queueing import services
from onestop.queueing.models import QueueCategory, Ticket, TicketCounter, TicketStatus
from onestop.queueing.testing import DAY, at, populate_hall

HOLD = 0.3  # seconds the first caller keeps its ticket locked


def holding_the_first_ticket() -> Any:
    """Patch the ticket choice so its first caller keeps the lock ``HOLD`` s."""
    real = services._next_for
    first = threading.Lock()

    def slow_next_for(window: Window, now: datetime) -> Ticket | None:
        ticket = real(window, now)
        if first.acquire(blocking=False):
            time.sleep(HOLD)
        return ticket

    return mock.patch.object(services, "_next_for", slow_next_for)


def caller(window_pk: int, user_pk: int, now: datetime) -> Callable[[], int]:
    """A window calling once, with its own copies of the rows: the ticket id it got."""

    def work() -> int:
        window = Window.objects.select_related("organisation").get(pk=window_pk)
        staff = get_user_model().objects.get(pk=user_pk)
        return services.ticket_call_next(window=window, staff=staff, now=now).pk

    return work


def drainer(window_pk: int, user_pk: int, now: datetime) -> Callable[[], list[int]]:
    """A window calling (and marking absent) until nobody waits: the ids it called."""

    def work() -> list[int]:
        window = Window.objects.select_related("organisation").get(pk=window_pk)
        staff = get_user_model().objects.get(pk=user_pk)
        called = []
        while True:
            try:
                ticket = services.ticket_call_next(window=window, staff=staff, now=now)
            except ServiceError as refusal:
                if refusal.code.code == "nobody_waiting":
                    return called
                raise
            called.append(ticket.pk)
            services.ticket_skip(ticket=ticket, window=window, staff=staff, now=now)

    return work


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class CallingRaceTests(TransactionTestCase):
    _database = OnAFileIfSQLiteInMemory()

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._database.enter()

    @classmethod
    def tearDownClass(cls) -> None:
        cls._database.leave()
        super().tearDownClass()

    def setUp(self) -> None:
        populate_two_organisations(self)
        populate_hall(self)

    def waiting(self, count: int) -> list[Ticket]:
        return [
            services.ticket_take(
                organisation=self.tax, category=self.cat_a, now=at(9, n)
            )
            for n in range(count)
        ]

    def assert_no_errors(self, outcomes: dict[str, Any]) -> None:
        errors = {o.name: repr(o.error) for o in outcomes.values() if o.error}
        self.assertEqual(errors, {})

    def test_two_windows_calling_at_once_get_different_tickets(self) -> None:
        tickets = self.waiting(2)
        with holding_the_first_ticket():
            outcomes = race(
                {
                    "window-1": caller(
                        self.window_all_round.pk, self.tax_clerk.pk, at(10)
                    ),
                    "window-2": caller(
                        self.window_general.pk, self.tax_clerk.pk, at(10)
                    ),
                }
            )
        self.assert_no_errors(outcomes)
        got = sorted(o.value for o in outcomes.values())
        self.assertEqual(got, sorted(t.pk for t in tickets))
        windows = dict(Ticket.objects.values_list("pk", "window__number"))
        self.assertEqual(
            {windows[outcomes["window-1"].value], windows[outcomes["window-2"].value]},
            {"1", "2"},
        )

    def test_one_ticket_two_windows_one_gets_it_the_other_hears_nobody_waits(
        self,
    ) -> None:
        (ticket,) = self.waiting(1)
        with holding_the_first_ticket():
            outcomes = race(
                {
                    "window-1": caller(
                        self.window_all_round.pk, self.tax_clerk.pk, at(10)
                    ),
                    "window-2": caller(
                        self.window_general.pk, self.tax_clerk.pk, at(10)
                    ),
                }
            )
        winners = [o for o in outcomes.values() if o.error is None]
        losers = [o for o in outcomes.values() if o.error is not None]
        self.assertEqual((len(winners), len(losers)), (1, 1), outcomes)
        self.assertEqual(winners[0].value, ticket.pk)
        error = losers[0].error
        assert isinstance(error, ServiceError), repr(error)
        self.assertEqual(error.code.code, "nobody_waiting")
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, TicketStatus.CALLED)

    def test_four_windows_draining_the_queue_call_each_ticket_once(self) -> None:
        for number in ("4", "5"):
            Window.objects.create(
                organisation=self.tax,
                number=number,
                window_type=self.general,
                department=self.tax_structure["front"],
                is_all_round=True,
            )
        tickets = self.waiting(24)
        windows = Window.objects.filter(
            organisation=self.tax, window_type=self.general
        ).values_list("pk", flat=True)
        outcomes = race(
            {f"window-{pk}": drainer(pk, self.tax_clerk.pk, at(10)) for pk in windows}
        )
        self.assert_no_errors(outcomes)
        called = [pk for o in outcomes.values() for pk in o.value]
        self.assertEqual(len(called), len(set(called)), "a ticket was called twice")
        self.assertEqual(sorted(called), sorted(t.pk for t in tickets))
        self.assertFalse(Ticket.objects.filter(status=TicketStatus.WAITING).exists())

    def test_eight_kiosks_at_once_get_eight_consecutive_numbers(self) -> None:
        organisation_pk, category_pk = self.tax.pk, self.cat_a.pk

        def kiosk() -> str:
            return services.ticket_take(
                organisation=Organisation.objects.get(pk=organisation_pk),
                category=QueueCategory.objects.get(pk=category_pk),
                now=at(9),
            ).number

        outcomes = race({f"kiosk-{n}": kiosk for n in range(8)})
        self.assert_no_errors(outcomes)
        numbers = sorted(o.value for o in outcomes.values())
        self.assertEqual(numbers, [f"A{n:03d}" for n in range(1, 9)])
        self.assertEqual(
            TicketCounter.objects.get(category=self.cat_a, day=DAY).last, 8
        )
