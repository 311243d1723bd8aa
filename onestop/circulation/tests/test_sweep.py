"""The sweep warns once per level and leaves an event; supervisors get the e-mail."""

from __future__ import annotations

from django.core import mail
from django.core.management import call_command

from onestop.cases.models import CaseStatus, Outcome, WarningLevel
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.sweep import cases_sweep
from onestop.circulation.tests.test_whole_case import at
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake


class SweepTests(CaseTestCase):
    def setUp(self) -> None:
        # Accepted Mon 28 Sep 2026: due Fri 16 Oct 17:30, yellow from Wed 14 Oct 17:30.
        self.case = case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome=Outcome.ACCEPTED,
            now=at("2026-09-28 10:00"),
        )

    def sweep(self, when: str) -> tuple[int, int]:
        with self.captureOnCommitCallbacks(execute=True):
            report = cases_sweep(now=at(when))
        return report.yellow, report.red

    def test_nothing_to_say_while_time_is_ample(self) -> None:
        self.assertEqual(self.sweep("2026-10-14 17:00"), (0, 0))

    def test_yellow_once_then_red_once(self) -> None:
        mail.outbox.clear()
        self.assertEqual(self.sweep("2026-10-15 09:00"), (1, 0))
        self.assertEqual(self.sweep("2026-10-15 10:00"), (0, 0))
        self.assertEqual(self.sweep("2026-10-19 09:00"), (0, 1))
        self.assertEqual(self.sweep("2026-10-20 09:00"), (0, 0))
        self.case.refresh_from_db()
        self.assertEqual(self.case.escalated_level, WarningLevel.RED)
        actions = list(self.case.events.values_list("action", flat=True))
        self.assertEqual(actions, ["intake", "warning_yellow", "warning_red"])
        self.assertEqual(
            [m.to for m in mail.outbox], [["tax_supervisor@example.cn"]] * 2
        )
        self.assertIn(self.case.number, mail.outbox[1].subject)

    def test_a_case_first_seen_overdue_gets_only_the_red_warning(self) -> None:
        self.assertEqual(self.sweep("2026-10-19 09:00"), (0, 1))

    def test_suspended_cases_are_not_warned(self) -> None:
        from onestop.circulation.services import case_act

        case_act(
            actor=self.handler,
            case=self.case,
            action="suspend",
            reason="public_notice",
            expected_version=self.case.lock_version,
            now=at("2026-10-12 09:00"),
        )
        self.assertEqual(self.sweep("2026-10-19 09:00"), (0, 0))
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, CaseStatus.SUSPENDED)

    def test_management_command_runs_once(self) -> None:
        call_command("sweep", verbosity=0)  # today is long after the deadline
        self.case.refresh_from_db()
        self.assertEqual(self.case.escalated_level, WarningLevel.RED)
