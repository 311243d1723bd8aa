"""Reading call detail files through the two built-in layouts and a spec of one's own.

The Technion sample reproduces, one row each, the quirks the README of the
"Anonymous Bank" data documents: PHANTOM rows, a negative ``vru_time``, a
call running past midnight, ``NO_SERVER`` on a served call, a hang-up
before the queue, a hang-up in the queue with a stray service time, and a
priority-2 customer.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from onestop.contactcenter.cdr.read import read_calls
from onestop.contactcenter.cdr.rows import CallRow
from onestop.contactcenter.cdr.spec import Layout
from onestop.contactcenter.cdr.validate import spec_problems
from onestop.contactcenter.layouts import (
    STANDARD_SPEC,
    TECHNION_SPEC,
    standard_layout,
    technion_layout,
)
from onestop.contactcenter.models import CallMapping, Disposition
from onestop.contactcenter.tests.samples import (
    JERUSALEM,
    SH,
    at,
    standard_csv,
    technion_file,
)
from onestop.organisations.models import Organisation


def il(text: str) -> object:
    return at(text, JERUSALEM)


class TechnionLayoutTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # English, so the reasons read as written in the layout.
        with translation.override("en"):
            cls.parsed = read_calls(technion_file(), technion_layout())
        cls.calls = {row.call_id: row for row in cls.parsed.rows}

    def test_the_sample_reads_without_a_problem(self) -> None:
        self.assertEqual(self.parsed.problems, [])

    def test_phantom_and_negative_voice_menu_rows_are_left_out_and_counted(
        self,
    ) -> None:
        self.assertEqual(
            {str(reason): count for reason, count in self.parsed.skipped.items()},
            {
                "PHANTOM rows (virtual calls, to be ignored)": 1,
                "negative time in the voice menu (clock skew)": 1,
            },
        )
        self.assertEqual(len(self.parsed.rows), 5)

    def test_the_call_id_is_date_line_and_call_id(self) -> None:
        self.assertEqual(
            list(self.calls),
            [
                "990201-AA0101-34540",
                "990201-AA0101-34542",
                "990201-AA0101-34543",
                "990201-AA0101-35244",
                "990201-AA0102-31056",
            ],
        )

    def test_a_queued_served_priority_call(self) -> None:
        self.assertEqual(
            self.calls["990201-AA0101-34540"],
            CallRow(
                row=2,
                call_id="990201-AA0101-34540",
                queue="PS",
                arrived_at=il("1999-02-01 08:09:16"),
                queued_at=il("1999-02-01 08:09:22"),
                answered_at=il("1999-02-01 08:09:26"),
                ended_at=il("1999-02-01 08:12:00"),
                wait_s=5,
                talk_s=154,
                abandoned=False,
                disposition=Disposition.ANSWERED,
                agent_name="DORIT",
                caller_number="",
                customer_ref="23317894",
                customer_tier="VIP",
                case_number="",
            ),
        )

    def test_a_call_past_midnight_ends_on_the_next_day(self) -> None:
        call = self.calls["990201-AA0102-31056"]
        self.assertEqual(call.arrived_at, il("1999-02-01 23:58:10"))
        self.assertEqual(call.queued_at, il("1999-02-01 23:58:20"))
        self.assertEqual(call.answered_at, il("1999-02-02 00:00:29"))
        self.assertEqual(call.ended_at, il("1999-02-02 00:03:00"))
        self.assertEqual((call.wait_s, call.talk_s), (130, 151))

    def test_no_server_on_a_served_call_means_no_agent(self) -> None:
        call = self.calls["990201-AA0101-34542"]
        self.assertEqual(call.disposition, Disposition.ANSWERED)
        self.assertEqual(call.agent_name, "")
        self.assertIsNone(call.queued_at)
        self.assertEqual((call.wait_s, call.talk_s), (0, 5))
        self.assertEqual(call.customer_tier, "")  # priority 1 is a regular customer

    def test_a_hang_up_before_the_queue_is_a_voice_menu_abandonment(self) -> None:
        call = self.calls["990201-AA0101-34543"]
        self.assertEqual(call.disposition, Disposition.ABANDONED_IVR)
        self.assertTrue(call.abandoned)
        self.assertIsNone(call.queued_at)
        self.assertEqual(call.ended_at, il("1999-02-01 10:05:12"))

    def test_a_hang_up_in_the_queue_is_abandoned_whatever_the_service_columns_say(
        self,
    ) -> None:
        call = self.calls["990201-AA0101-35244"]
        self.assertEqual(call.disposition, Disposition.ABANDONED)
        self.assertTrue(call.abandoned)
        self.assertIsNone(call.answered_at)
        self.assertEqual(call.ended_at, il("1999-02-01 10:52:14"))
        self.assertEqual((call.wait_s, call.talk_s), (44, 0))

    def test_an_unknown_outcome_is_a_problem_at_its_row_and_column(self) -> None:
        row = (
            "AA0101\t1\t0\t0\tPS\t990201\t8:00:00\t8:00:05\t5\t0:00:00\t0:00:00\t0"
            "\tBUSY\t0:00:00\t0:00:00\t0\tNO_SERVER"
        )
        parsed = read_calls(technion_file(row), technion_layout())
        self.assertEqual([(p.row, p.column) for p in parsed.problems], [(2, "outcome")])
        self.assertIn("BUSY", parsed.problems[0].message)


class StandardLayoutTest(SimpleTestCase):
    def setUp(self) -> None:
        translation.activate("en")  # messages as written in the code

    def read(self, *rows: str) -> object:
        return read_calls(standard_csv(*rows), standard_layout())

    def test_times_with_and_without_an_offset_and_the_derived_durations(self) -> None:
        parsed = self.read(
            "C1,HOT,2026-11-03T09:00:00+08:00,2026-11-03T09:00:12+08:00,"
            "2026-11-03T09:03:12+08:00,zhang,否,13812345678,VIP,answered,",
            "C2,HOT,2026-11-03 09:05:00,,2026-11-03 09:05:40,,是,13912345678,,,",
            "C3,HOT,2026/11/3 9:06,2026/11/3 9:06:30,2026/11/3 9:10,li,0,,,,Z-1",
        )
        self.assertEqual(parsed.problems, [])
        first, second, third = parsed.rows
        self.assertEqual(first.arrived_at, at("2026-11-03 09:00:00"))
        self.assertEqual((first.wait_s, first.talk_s), (12, 180))
        self.assertEqual(first.caller_number, "13812345678")
        self.assertEqual(
            (second.disposition, second.abandoned, second.wait_s, second.talk_s),
            (Disposition.ABANDONED, True, 40, 0),
        )
        self.assertEqual(third.arrived_at.tzinfo, SH)
        self.assertEqual(third.disposition, Disposition.ANSWERED)
        self.assertEqual(
            (third.wait_s, third.talk_s, third.case_number), (30, 210, "Z-1")
        )

    def test_a_disposition_may_be_written_as_its_label(self) -> None:
        parsed = self.read(
            "C1,HOT,2026-11-03 09:00:00,,2026-11-03 09:01:00,,yes,,,"
            "Caller gave up in the queue,"
        )
        self.assertEqual(parsed.problems, [])
        self.assertEqual(parsed.rows[0].disposition, Disposition.ABANDONED)

    def test_an_empty_file_and_a_header_alone_are_refused_in_words(self) -> None:
        self.assertEqual(
            [str(p) for p in read_calls(b"", standard_layout()).problems],
            ["The file is empty."],
        )
        self.assertEqual(
            [str(p) for p in self.read().problems], ["The file holds no calls."]
        )

    def test_the_optional_columns_may_be_missing(self) -> None:
        parsed = read_calls(
            standard_csv(
                "C1,HOT,2026-11-03 09:00:00,2026-11-03 09:00:05,2026-11-03 09:01:00,0",
                header="call_id,queue,arrival,answer,end,abandoned",
            ),
            standard_layout(),
        )
        self.assertEqual(parsed.problems, [])
        self.assertEqual(parsed.rows[0].agent_name, "")


class SpecTest(TestCase):
    def test_the_built_in_specs_are_valid(self) -> None:
        self.assertEqual(spec_problems(STANDARD_SPEC), [])
        self.assertEqual(spec_problems(TECHNION_SPEC), [])

    def test_a_bad_spec_is_explained(self) -> None:
        problems = spec_problems(
            {"call_id": "id", "queue": {"rule": "guess"}, "colour": "c"}
        )
        text = " ".join(problems)
        self.assertIn("colour", text)  # not a field
        self.assertIn("guess", text)  # no such rule
        self.assertIn("arrival", text)  # required, missing

    def test_a_layout_of_ones_own_reads_its_separator_encoding_and_header_row(
        self,
    ) -> None:
        spec = {
            "call_id": "流水号",
            "queue": "技能组",
            "arrival": {"column": "来电时间", "format": "%Y%m%d%H%M%S"},
            "answered": {"column": "接听时间", "format": "%Y%m%d%H%M%S"},
            "ended": {"column": "挂机时间", "format": "%Y%m%d%H%M%S"},
            "agent": "坐席",
        }
        organisation = Organisation.objects.create(
            slug="h", code="HL", name="热线", short_name="热线", kind="hotline"
        )
        mapping = CallMapping(
            organisation=organisation,
            name="某交换机导出",
            delimiter=";",
            encoding="gb18030",
            header_row=2,
            spec=spec,
        )
        mapping.full_clean()
        text = (
            "话单导出 2026年11月3日\n"
            "流水号;技能组;来电时间;接听时间;挂机时间;坐席\n"
            "A1;12345;20261103090000;20261103090010;20261103090110;张三\n"
        )
        from onestop.contactcenter.layouts import layout_of_mapping

        parsed = read_calls(text.encode("gb18030"), layout_of_mapping(mapping))
        self.assertEqual(parsed.problems, [])
        (call,) = parsed.rows
        self.assertEqual((call.row, call.agent_name, call.wait_s), (3, "张三", 10))

    def test_a_mapping_with_a_bad_spec_is_refused_by_its_form(self) -> None:
        organisation = Organisation.objects.create(
            slug="h", code="HL", name="热线", short_name="热线", kind="hotline"
        )
        mapping = CallMapping(
            organisation=organisation, name="坏", spec={"call_id": "id"}
        )
        with self.assertRaises(ValidationError) as raised:
            mapping.full_clean()
        self.assertIn("spec", raised.exception.message_dict)

    def test_a_layout_with_a_bad_spec_reads_nothing_and_says_why(self) -> None:
        layout = Layout(key="x", name="x", spec={"queue": "q"})
        parsed = read_calls(b"q\nA\n", layout)
        self.assertEqual(parsed.rows, [])
        self.assertTrue(parsed.problems)
