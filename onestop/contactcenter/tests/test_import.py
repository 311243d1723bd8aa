"""Importing call detail files: all or nothing, once, linked to members and cases.

The tax hall runs the 12366 tax hotline; its calls are imported through the
standard layout unless a test says otherwise.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import CommandError, call_command
from django.utils import translation

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.common.models import AuditEvent
from onestop.common.testing import make_user
from onestop.contactcenter.importing import (
    CallsAlreadyImported,
    CallsImportRejected,
    calls_import,
)
from onestop.contactcenter.layouts import standard_layout, technion_layout
from onestop.contactcenter.models import CallImport, CallRecord, Disposition, Queue
from onestop.contactcenter.tests.samples import standard_csv, technion_file
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake
from onestop.organisations.services import membership_grant

GOOD = (
    "T-1,12366,2026-11-03 09:00:00,2026-11-03 09:00:08,2026-11-03 09:04:08,"
    "tax_clerk,0,13812345678,VIP,answered,{case}",
    "T-2,12366,2026-11-03 09:01:00,,2026-11-03 09:01:50,,1,13912345678,,,",
    "T-3,12366-EN,2026-11-03 09:02:00,2026-11-03 09:02:20,2026-11-03 09:03:00,"
    "王 芳,否,010-62345678,,transferred,NOPE-1",
)


class CallImportTestCase(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = case_intake(
            actor=cls.tax_clerk,
            organisation=cls.tax,
            item_code="DJ-ZX",
            channel="phone",
            applicant=APPLICANT,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome=Outcome.ACCEPTED,
        )
        Queue.objects.create(organisation=cls.tax, code="12366", name="纳税服务热线")
        cls.agent = make_user("tax_agent", first_name="芳", last_name="王")
        membership_grant(
            actor=None, organisation=cls.tax, user=cls.agent, roles=["agent"]
        )

    def setUp(self) -> None:
        translation.activate("en")  # messages as written in the code

    def good_file(self, case: Case | None = None) -> bytes:
        number = (case or self.case).number
        return standard_csv(*(row.format(case=number) for row in GOOD))

    def import_file(self, data: bytes, **more: Any) -> Any:
        return calls_import(
            actor=more.pop("actor", self.tax_admin),
            organisation=more.pop("organisation", self.tax),
            file=data,
            file_name=more.pop("file_name", "12366-20261103.csv"),
            mapping=more.pop("mapping", standard_layout()),
        )

    def assert_nothing_written(self) -> None:
        self.assertEqual(CallRecord.objects.count(), 0)
        self.assertEqual(CallImport.objects.count(), 0)
        self.assertEqual(list(Queue.objects.values_list("code", flat=True)), ["12366"])

    def problems_of(self, data: bytes) -> list[tuple[int | None, str, str]]:
        with self.assertRaises(CallsImportRejected) as raised:
            self.import_file(data)
        return [(p.row, p.column, p.message) for p in raised.exception.problems]


class ImportTest(CallImportTestCase):
    def test_every_call_is_imported_with_its_queue_agent_and_case(self) -> None:
        report = self.import_file(self.good_file())
        self.assertEqual(report.imported, 3)
        calls = {c.call_id: c for c in CallRecord.objects.select_related("queue")}
        first, second, third = calls["T-1"], calls["T-2"], calls["T-3"]
        self.assertEqual(first.agent, self.tax_clerk)  # by username
        self.assertEqual(third.agent, self.agent)  # by full name, spaces aside
        self.assertEqual(first.case, self.case)
        self.assertEqual((first.wait_s, first.talk_s), (8, 240))
        self.assertEqual(first.customer_tier, "VIP")
        self.assertEqual(second.disposition, Disposition.ABANDONED)
        self.assertEqual(second.agent_name, "")
        self.assertEqual(third.disposition, Disposition.TRANSFERRED)
        self.assertEqual(third.queue.code, "12366-EN")
        self.assertEqual(first.source, report.source)

    def test_a_new_queue_is_created_with_the_national_defaults_and_reported(
        self,
    ) -> None:
        report = self.import_file(self.good_file())
        self.assertEqual(report.queues_created, ("12366-EN",))
        created = Queue.objects.get(organisation=self.tax, code="12366-EN")
        self.assertEqual(created.answer_within_s, 15)
        self.assertEqual(str(created.target_answer_rate), "0.950")

    def test_an_unknown_case_number_is_a_warning_and_the_call_stays_unlinked(
        self,
    ) -> None:
        report = self.import_file(self.good_file())
        self.assertEqual(report.cases_linked, 1)
        self.assertEqual(
            [(w.row, w.column) for w in report.warnings], [(4, "case_number")]
        )
        self.assertIn("NOPE-1", str(report.warnings[0]))
        self.assertIsNone(CallRecord.objects.get(call_id="T-3").case)

    def test_caller_numbers_are_kept_and_shown_masked(self) -> None:
        self.import_file(self.good_file())
        first = CallRecord.objects.get(call_id="T-1")
        self.assertEqual(first.caller_number, "13812345678")
        self.assertEqual(first.masked_caller, "138****5678")

    def test_the_import_is_audited(self) -> None:
        report = self.import_file(self.good_file())
        event = AuditEvent.objects.get(verb="contactcenter.calls_imported")
        self.assertEqual(event.actor, self.tax_admin)
        self.assertEqual(event.target_id, str(report.source.pk))
        self.assertEqual(event.data["imported"], 3)

    def test_the_technion_layout_imports_and_counts_what_it_leaves_out(self) -> None:
        report = self.import_file(technion_file(), mapping=technion_layout())
        self.assertEqual(report.imported, 5)
        self.assertEqual(report.source.skipped, 2)
        self.assertEqual(
            report.source.mapping, "Technion Anonymous Bank (tab-separated)"
        )
        self.assertEqual(sorted(report.queues_created), ["NW", "PS"])
        self.assertEqual(report.agents_unlinked, ("AVNI", "DORIT"))


class RefusalTest(CallImportTestCase):
    def test_the_same_file_again_is_refused_with_its_first_date(self) -> None:
        data = self.good_file()
        self.import_file(data)
        with self.assertRaises(CallsAlreadyImported) as raised:
            self.import_file(data, file_name="renamed.csv")
        message = raised.exception.message
        self.assertIn("12366-20261103.csv", message)
        self.assertRegex(message, r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
        self.assertEqual(CallRecord.objects.count(), 3)
        self.assertEqual(CallImport.objects.count(), 1)

    def test_a_bad_file_is_refused_whole_naming_each_row_and_column(self) -> None:
        data = standard_csv(
            "B-1,12366,2026-11-03 09:00:00,2026-11-03 09:00:08,2026-11-03 09:04:00,,0,,,,",
            "B-2,12366,3 Nov 2026 9am,,2026-11-03 09:04:00,,1,,,,",
            "B-3,12366,2026-11-03 09:10:00,,2026-11-03 09:09:00,,1,,,,",
            "B-4,12366,2026-11-03 09:20:00,,2026-11-03 09:21:00,,0,,,hung up,",
            "B-1,12366,2026-11-03 09:30:00,2026-11-03 09:30:05,2026-11-03 09:31:00,,0,,,,",
            "B-6,NEW-Q,2026-11-03 09:40:00,2026-11-03 09:40:05,2026-11-03 09:41:00,,0,,,,",
        )
        problems = self.problems_of(data)
        self.assertEqual(
            [(row, column) for row, column, _message in problems],
            [(3, "arrival"), (4, "end"), (5, "disposition"), (6, "call_id")],
        )
        self.assertIn("3 Nov 2026 9am", problems[0][2])
        self.assertIn("2026-11-03 09:09:00", problems[1][2])
        self.assertIn("hung up", problems[2][2])
        self.assertIn("row 2", problems[3][2])
        self.assert_nothing_written()

    def test_a_missing_column_is_named_and_nothing_is_read(self) -> None:
        data = standard_csv(
            "B-1,12366,2026-11-03 09:00:00,2026-11-03 09:04:00,0",
            header="call_id,queue,arrival,end,abandoned",
        )
        self.assertEqual(
            [(row, column) for row, column, _m in self.problems_of(data)],
            [(1, "answer")],
        )
        self.assert_nothing_written()

    def test_a_call_id_already_imported_from_another_file_is_a_problem(self) -> None:
        self.import_file(self.good_file())
        again = standard_csv(
            "T-9,12366,2026-11-04 09:00:00,,2026-11-04 09:00:30,,1,,,,",
            "T-2,12366,2026-11-04 09:01:00,,2026-11-04 09:01:50,,1,,,,",
        )
        problems = self.problems_of(again)
        self.assertEqual(
            [(row, column) for row, column, _m in problems], [(3, "call_id")]
        )
        self.assertIn("12366-20261103.csv", problems[0][2])
        self.assertEqual(CallRecord.objects.count(), 3)
        self.assertFalse(CallRecord.objects.filter(call_id="T-9").exists())

    def test_a_problem_with_a_caller_number_shows_it_masked(self) -> None:
        number = "0086-10-6234-5678-9012-3456-7890-12"
        data = standard_csv(
            f"B-1,12366,2026-11-03 09:00:00,,2026-11-03 09:00:30,,1,{number},,,"
        )
        ((row, column, message),) = self.problems_of(data)
        self.assertEqual((row, column), (2, "caller_number"))
        self.assertNotIn(number, message)
        self.assertIn("0-12”", message)  # the last four characters

    def test_a_file_in_another_encoding_is_refused_with_the_reason(self) -> None:
        data = standard_csv("B-1,热线,2026-11-03 09:00:00,,2026-11-03 09:00:30,,1,,,,")
        with self.assertRaises(CallsImportRejected) as raised:
            self.import_file(data.decode("utf-8").encode("gb18030"))
        self.assertIn("utf-8-sig", raised.exception.problems[0].message)
        self.assert_nothing_written()


class IsolationTest(CallImportTestCase):
    def test_another_organisation_imports_the_same_file_apart(self) -> None:
        data = self.good_file()
        self.import_file(data)
        report = self.import_file(data, organisation=self.uni, actor=self.uni_admin)
        self.assertEqual(report.imported, 3)
        uni_calls = CallRecord.objects.filter(organisation=self.uni)
        self.assertEqual(uni_calls.count(), 3)
        # The tax hall's case and member are not the university's.
        self.assertFalse(uni_calls.filter(case__isnull=False).exists())
        self.assertIsNone(uni_calls.get(call_id="T-1").agent)
        self.assertEqual(len(report.warnings), 2)
        self.assertEqual(
            set(
                Queue.objects.filter(organisation=self.uni).values_list(
                    "code", flat=True
                )
            ),
            {"12366", "12366-EN"},
        )


class CommandTest(CallImportTestCase):
    def run_command(self, data: bytes, *args: str) -> tuple[str, str]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "calls.txt"
            path.write_bytes(data)
            out, err = io.StringIO(), io.StringIO()
            call_command(
                "import_calls", "tax", str(path), *args, stdout=out, stderr=err
            )
        return out.getvalue(), err.getvalue()

    def test_the_command_imports_through_a_layout_with_a_progress_bar(self) -> None:
        out, err = self.run_command(technion_file(), "--layout", "technion")
        self.assertIn("5", out)
        self.assertIn("PHANTOM", out)
        self.assertIn("100% 7/7", err)
        self.assertEqual(CallRecord.objects.filter(organisation=self.tax).count(), 5)

    def test_an_unknown_layout_lists_the_layouts(self) -> None:
        with self.assertRaisesMessage(CommandError, "technion"):
            self.run_command(technion_file(), "--layout", "avaya")

    def test_a_bad_file_prints_its_problems_and_fails(self) -> None:
        data = standard_csv("B-1,12366,yesterday,,,,1,,,,")
        with self.assertRaises(CommandError):
            self.run_command(data)
        self.assertEqual(CallRecord.objects.count(), 0)
