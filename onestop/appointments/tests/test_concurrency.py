"""Many people, one last place, the same instant: real threads on real connections.

Each contender books in its own thread with its own database connection, and
all start together at a barrier. The first to take the place holds its
transaction open a little (``HOLD``) so the others truly arrive while it is
undecided: the conditional UPDATE (``booked < capacity``) must make them
wait and then find the slot full — on PostgreSQL the row lock and the
re-check of the WHERE clause after it, on SQLite the write lock IMMEDIATE
transactions take at BEGIN.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m pytest onestop/appointments/tests/test_concurrency.py
"""

from __future__ import annotations

import threading
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import TransactionTestCase, override_settings

from onestop.appointments import services
from onestop.appointments.errors import AppointmentError
from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.circulation.tests.test_concurrency import OnAFileIfSQLiteInMemory, race
from onestop.common.errors import ServiceError
from onestop.organisations.models import Organisation, OrganisationKind
from onestop.posts.models import WindowType

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 28, 10, 0, tzinfo=SH)
HOLD = 0.3  # seconds the first taker keeps its transaction open
CONTENDERS = 6


def holding_the_place_once() -> Any:
    """The first booking to reach the code step (its place taken) waits ``HOLD`` s there."""
    real = services._code
    first = threading.Lock()

    def slow_code() -> str:
        if first.acquire(blocking=False):
            clock.sleep(HOLD)
        return real()

    return mock.patch.object(services, "_code", slow_code)


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class LastPlaceTests(TransactionTestCase):
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
        hall = Organisation.objects.create(
            slug="tax",
            code="TAX",
            name="城东税务局办税服务厅",
            short_name="城东办税厅",
            kind=OrganisationKind.SERVICE_HALL,
        )
        general = WindowType.objects.create(
            organisation=hall, code="GEN", name="综合服务"
        )
        self.slot = AppointmentSlot.objects.create(
            organisation=hall,
            window_type=general,
            day=date(2026, 9, 29),
            start=time(9),
            end=time(10),
            capacity=3,
            booked=2,  # one place left
        )

    def booking(self, phone: str) -> Callable[[], Appointment]:
        slot_pk = self.slot.pk

        def work() -> Appointment:
            slot = AppointmentSlot.objects.get(pk=slot_pk)
            return services.appointment_book(
                slot=slot, name="抢号人", phone=phone, now=NOW
            )

        return work

    def outcomes(self, contenders: dict[str, Callable[[], Any]]) -> tuple[list, list]:  # type: ignore[type-arg]
        with holding_the_place_once():
            results = race(contenders)
        for result in results.values():
            if result.error is not None and not isinstance(result.error, ServiceError):
                raise result.error
        winners = [r for r in results.values() if r.error is None]
        losers = [r for r in results.values() if r.error is not None]
        return winners, losers

    def test_of_six_people_taking_the_last_place_exactly_one_gets_it(self) -> None:
        winners, losers = self.outcomes(
            {f"p{n}": self.booking(f"1380000000{n}") for n in range(CONTENDERS)}
        )
        self.assertEqual(len(winners), 1, [repr(r.error) for r in losers])
        self.assertEqual(
            {r.error.code for r in losers},  # type: ignore[union-attr]
            {AppointmentError.SLOT_FULL},
        )
        self.slot.refresh_from_db()
        self.assertEqual((self.slot.booked, self.slot.capacity), (3, 3))
        self.assertEqual(
            Appointment.objects.filter(status=AppointmentStatus.BOOKED).count(), 1
        )

    def test_one_phone_booking_twice_at_once_gets_one_booking(self) -> None:
        AppointmentSlot.objects.filter(pk=self.slot.pk).update(booked=0)
        winners, losers = self.outcomes(
            {"tab-1": self.booking("13812345678"), "tab-2": self.booking("13812345678")}
        )
        self.assertEqual((len(winners), len(losers)), (1, 1))
        self.assertIs(losers[0].error.code, AppointmentError.ALREADY_BOOKED)  # type: ignore[union-attr]
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 1)  # the refused one gave its place back
        self.assertEqual(Appointment.objects.count(), 1)
