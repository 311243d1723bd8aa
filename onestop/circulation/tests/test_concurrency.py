"""Two people, one case, the same instant: real connections racing each other.

Each contender runs in its own thread with its own database connection and
its own copies of the rows, and all start together at a barrier. The service
layer must serialise them: ``case_lock`` takes the case row (SELECT … FOR
UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions take the write lock at
BEGIN) and compares the revision the actor saw, so the second comer is
refused as "stale" instead of doubling the action; the receipt counter hands
out one number per intake.

The first service call to take the case lock holds it a little longer
(``HOLD``), so the contenders truly overlap however the threads are
scheduled: without the row lock both would pass the revision check.

Runs on SQLite (the default) and on PostgreSQL::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m pytest onestop/circulation/tests/test_concurrency.py
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TransactionTestCase, override_settings

from onestop.cases import locking
from onestop.cases.errors import CaseError
from onestop.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    CaseStep,
    Outcome,
    ReceiptCounter,
    Suspension,
)
from onestop.cases.testing import APPLICANT, populate_case_fixture
from onestop.circulation import services as circulation
from onestop.common.errors import ServiceError
from onestop.common.names import person_name
from onestop.common.testing import populate_two_organisations
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import case_intake

SH = ZoneInfo("Asia/Shanghai")
ACCEPTED_AT = datetime(2026, 9, 28, 10, 0, tzinfo=SH)  # a Monday
ACTED_AT = datetime(2026, 9, 29, 11, 0, tzinfo=SH)
HOLD = 0.3  # seconds the first holder of the case lock keeps it
JOIN_TIMEOUT = 30
# The item's three materials, all brought (the clearance certificate in two copies).
ALL_BROUGHT = [
    MaterialCheck(position=p, received=True, form="original", count=2)
    for p in (1, 2, 3)
]


class Result:
    """What one contender got: the case it returned, or the error it raised."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.value: Any = None
        self.error: BaseException | None = None


def race(contenders: dict[str, Callable[[], Any]]) -> dict[str, Result]:
    """Run each callable in its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(contenders))
    outcomes = {name: Result(name) for name in contenders}

    def run(name: str, work: Callable[[], Any]) -> None:
        try:
            connection.ensure_connection()  # connect before the start line
            barrier.wait(timeout=JOIN_TIMEOUT)
            outcomes[name].value = work()
        except BaseException as error:  # reported to the test thread
            outcomes[name].error = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(name, work), name=f"race-{name}")
        for name, work in contenders.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    if stuck:
        raise AssertionError(f"threads still running: {stuck}")
    return outcomes


def holding_the_lock_once() -> Any:
    """Patch ``case_lock`` in circulation so its first caller keeps the lock ``HOLD`` s."""
    real = locking.case_lock
    first = threading.Lock()

    def slow_case_lock(**kwargs: Any) -> Case:
        case = real(**kwargs)
        if first.acquire(blocking=False):
            time.sleep(HOLD)
        return case

    return mock.patch.object(circulation, "case_lock", slow_case_lock)


class OnAFileIfSQLiteInMemory:
    """Move the test database to a file for the duration of a test class.

    The SQLite test database is in memory with a shared cache by default, and
    connections to a shared cache are refused at once with "database table
    is locked" rather than waiting out the busy timeout: not what a deployment
    sees. So the in-memory database is copied to a temporary file (schema,
    content types, permissions, role groups), the connection is pointed at
    the file, and afterwards back at the untouched in-memory database.
    PostgreSQL and file-based SQLite are left alone.
    """

    def __init__(self) -> None:
        self.kept: sqlite3.Connection | None = None
        self.folder = ""
        self.name = ""

    def enter(self) -> None:
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():
            return
        connection.ensure_connection()
        self.kept, self.name = connection.connection, connection.settings_dict["NAME"]
        self.folder = tempfile.mkdtemp(prefix="onestop-concurrency-")
        copy = sqlite3.connect(f"{self.folder}/test.sqlite3")
        self.kept.backup(copy)
        copy.close()
        # Detach the in-memory connection without closing it (closing would
        # destroy the database the other tests use); the next query opens the file.
        connection.connection = None
        connection.settings_dict["NAME"] = f"{self.folder}/test.sqlite3"

    def leave(self) -> None:
        if self.kept is None:
            return
        connection.close()
        connection.settings_dict["NAME"] = self.name
        connection.connection = self.kept
        self.kept = None
        shutil.rmtree(self.folder, ignore_errors=True)


# The fixture creates eleven users; the default hasher would spend seconds on them.
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class ConcurrencyTests(TransactionTestCase):
    """The tax hall's two-step deregistration item, built afresh for every test."""

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
        # TransactionTestCase has no setUpTestData: build CaseTestCase's fixture
        # for every test. Roles (permission groups) come back after each flush
        # through post_migrate.
        populate_two_organisations(self)
        populate_case_fixture(self)
        self.clerk = self.tax_clerk
        self.supervisor = self.tax_supervisor

    # --- helpers -----------------------------------------------------------

    def accepted_case(self) -> Case:
        return case_intake(
            actor=self.clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=ALL_BROUGHT,
            outcome=Outcome.ACCEPTED,
            now=ACCEPTED_AT,
        )

    def act_in_thread(
        self, user_pk: int, case_pk: int, action: str, version: int, **params: Any
    ) -> Callable[[], Any]:
        """A contender that loads its own user and case, then acts at ``version``."""

        def work() -> Case:
            actor = get_user_model().objects.get(pk=user_pk)
            case = Case.objects.get(pk=case_pk)
            return circulation.case_act(
                actor=actor,
                case=case,
                action=action,
                expected_version=version,
                now=ACTED_AT,
                **params,
            )

        return work

    def split(self, outcomes: dict[str, Result]) -> tuple[Result, Result]:
        """The one winner and the one loser, which must have been refused as stale."""
        for outcome in outcomes.values():
            if outcome.error is not None and not isinstance(
                outcome.error, ServiceError
            ):
                raise outcome.error
        winners = [o for o in outcomes.values() if o.error is None]
        losers = [o for o in outcomes.values() if o.error is not None]
        self.assertEqual(
            (len(winners), len(losers)),
            (1, 1),
            {o.name: repr(o.error) for o in outcomes.values()},
        )
        loser_error = losers[0].error
        assert isinstance(loser_error, ServiceError)
        self.assertIs(loser_error.code, CaseError.STALE)
        self.assertEqual(loser_error.code.code, "stale")
        return winners[0], losers[0]

    def assert_history_without_gaps(self, case: Case, actions: list[str]) -> None:
        events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
        self.assertEqual([e.sequence for e in events], list(range(1, len(events) + 1)))
        self.assertEqual([e.action for e in events], actions)

    # --- the races ---------------------------------------------------------

    def test_two_approvals_at_the_same_revision_one_wins_the_other_is_stale(
        self,
    ) -> None:
        case = self.accepted_case()
        version = case.lock_version
        people = {"handler": self.handler, "supervisor": self.supervisor}
        with holding_the_lock_once():
            outcomes = race(
                {
                    name: self.act_in_thread(user.pk, case.pk, "approve", version)
                    for name, user in people.items()
                }
            )
        winner, loser = self.split(outcomes)

        # The refusal names who changed the case: the winner.
        assert isinstance(loser.error, ServiceError)
        self.assertEqual(loser.error.params["who"], person_name(people[winner.name]))
        self.assertIn(person_name(people[winner.name]), loser.error.message)

        case.refresh_from_db()
        self.assertEqual(case.lock_version, version + 1)
        self.assertEqual(case.status, CaseStatus.IN_PROGRESS)
        self.assertEqual(
            (case.current_step.position, case.current_step.name), (2, "审批")
        )
        steps = CaseStep.objects.filter(case=case).order_by("position")
        self.assertEqual([s.position for s in steps], [1, 2])
        self.assertEqual(steps[0].outcome, "approved")
        self.assertIsNone(steps[1].finished_at)
        self.assert_history_without_gaps(case, ["intake", "approve"])
        approve = CaseEvent.objects.get(case=case, action="approve")
        self.assertEqual(approve.actor_id, people[winner.name].pk)

    def test_suspend_against_approve_one_wins_nothing_is_doubled(self) -> None:
        case = self.accepted_case()
        version = case.lock_version
        with holding_the_lock_once():
            outcomes = race(
                {
                    "approve": self.act_in_thread(
                        self.supervisor.pk, case.pk, "approve", version
                    ),
                    "suspend": self.act_in_thread(
                        self.handler.pk,
                        case.pk,
                        "suspend",
                        version,
                        reason="expert_review",
                        note="委托第三方鉴定",
                    ),
                }
            )
        winner, _loser = self.split(outcomes)

        case.refresh_from_db()
        self.assertEqual(case.lock_version, version + 1)
        self.assert_history_without_gaps(case, ["intake", winner.name])
        steps = list(CaseStep.objects.filter(case=case).order_by("id"))
        suspensions = Suspension.objects.filter(case=case)
        if winner.name == "approve":
            self.assertEqual(case.status, CaseStatus.IN_PROGRESS)
            self.assertEqual([s.position for s in steps], [1, 2])
            self.assertEqual(case.current_step_id, steps[1].pk)
            self.assertFalse(suspensions.exists())
        else:
            self.assertEqual(case.status, CaseStatus.SUSPENDED)
            self.assertIsNone(case.due_at)
            self.assertEqual([s.position for s in steps], [1])
            self.assertIsNone(steps[0].finished_at)
            self.assertEqual(suspensions.count(), 1)

    def test_eight_intakes_at_once_get_eight_consecutive_receipt_numbers(
        self,
    ) -> None:
        windows = 8
        clerk_pk, organisation_pk = self.clerk.pk, self.tax.pk

        def intake(n: int) -> Callable[[], str]:
            def work() -> str:
                from onestop.organisations.models import Organisation

                case = case_intake(
                    actor=get_user_model().objects.get(pk=clerk_pk),
                    organisation=Organisation.objects.get(pk=organisation_pk),
                    item_code="DJ-ZX",
                    channel="counter",
                    applicant=Applicant(
                        kind="person", name=f"申请人{n}", phone="13812345678"
                    ),
                    checks=ALL_BROUGHT,
                    outcome=Outcome.ACCEPTED,
                    now=ACCEPTED_AT,
                )
                return case.number

            return work

        outcomes = race({f"window-{n}": intake(n) for n in range(1, windows + 1)})
        errors = {o.name: o.error for o in outcomes.values() if o.error is not None}
        self.assertEqual(errors, {})

        numbers = sorted(o.value for o in outcomes.values())
        prefix = f"TAX{ACCEPTED_AT:%Y%m%d}"
        self.assertTrue(all(n.startswith(prefix) for n in numbers), numbers)
        self.assertEqual(len(set(numbers)), windows, numbers)
        ordinals = [int(n.removeprefix(prefix)) for n in numbers]
        self.assertEqual(ordinals, list(range(1, windows + 1)))
        self.assertEqual(
            ReceiptCounter.objects.get(
                organisation=self.tax, day=ACCEPTED_AT.date()
            ).last,
            windows,
        )
        self.assertEqual(sorted(Case.objects.values_list("number", flat=True)), numbers)
