"""Importing IVR and third-party results: row and column named, all or nothing, once."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from onestop.common.errors import ServiceError
from onestop.surveys.importing import (
    SurveyImportRejected,
    import_template,
    surveys_import,
)
from onestop.surveys.models import Channel, ImportBatch, Response
from onestop.surveys.testing import SurveyTestCase

HEADER = "external_id,answered_on,phone,department,Q1,Q2_1,Q2_2,Q2_3,Q3,Q4,Q5"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


class ImportTests(SurveyTestCase):
    def load(self, data: bytes, name: str = "ivr.csv"):  # type: ignore[no-untyped-def]
        return surveys_import(
            actor=self.uni_inspector,
            questionnaire=self.sat,
            channel=Channel.IVR,
            data=data,
            file_name=name,
        )

    def test_a_good_file_imports_every_row_with_department_and_date(self) -> None:
        result = self.load(
            csv_bytes(
                "IVR-1,2026-10-03,13800000001,U-FRONT,5,4,5,4,1,1;2,很好",
                "IVR-2,2026/10/04,,,3,3,2,4,3,电话,",
            )
        )
        self.assertEqual((result.imported, result.skipped), (2, 0))
        first = Response.objects.get(external_id="IVR-1")
        self.assertEqual(
            (first.channel, str(first.answered_on), first.department_id),
            (Channel.IVR, "2026-10-03", self.front.pk),
        )
        self.assertEqual(first.answers.get(question=self.q4).choices, [1, 2])
        self.assertEqual(
            Response.objects.get(external_id="IVR-2")
            .answers.get(question=self.q4)
            .choices,
            [1],
        )

    def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_written(
        self,
    ) -> None:
        with self.assertRaises(SurveyImportRejected) as raised:
            self.load(
                csv_bytes(
                    "IVR-1,2026-10-03,,,5,4,5,4,1,1,",
                    "IVR-2,not a date,,NOPE,9,4,5,4,1,1,",
                    "IVR-1,2026-10-03,,,5,4,5,,1,1,",
                )
            )
        found = {(p.row, p.column) for p in raised.exception.problems}
        self.assertEqual(
            found,
            {
                (3, "answered_on"),
                (3, "department"),
                (3, "Q1"),
                (4, "external_id"),
                (4, "Q2_3"),
            },
        )
        self.assertIn(
            "Q1", str(next(p for p in raised.exception.problems if p.column == "Q1"))
        )
        self.assertFalse(Response.objects.exists())
        self.assertFalse(ImportBatch.objects.exists())

    def test_an_unknown_column_is_refused_before_any_row(self) -> None:
        data = b"external_id,answered_on,Q99\nA,2026-10-01,1\n"
        with self.assertRaises(SurveyImportRejected) as raised:
            self.load(data)
        self.assertEqual(
            [(p.row, p.column) for p in raised.exception.problems], [(1, "Q99")]
        )

    def test_the_same_file_again_is_refused_and_known_ids_are_skipped(self) -> None:
        data = csv_bytes("IVR-1,2026-10-03,,,5,4,5,4,1,1,")
        self.load(data)
        with self.assertRaises(ServiceError) as raised:
            self.load(data)
        self.assertNotIsInstance(raised.exception, SurveyImportRejected)
        cumulative = csv_bytes(
            "IVR-1,2026-10-03,,,5,4,5,4,1,1,", "IVR-2,2026-10-05,,,4,4,5,4,1,1,"
        )
        result = self.load(cumulative, "ivr-october.csv")
        self.assertEqual((result.imported, result.skipped), (1, 1))
        self.assertEqual(Response.objects.count(), 2)

    def test_the_template_workbook_round_trips(self) -> None:
        book = load_workbook(io.BytesIO(import_template(self.sat)))
        header = [c.value for c in book.worksheets[0][1]]
        self.assertEqual(
            ",".join(header),
            HEADER.replace(
                ",phone,department", ",phone,department,case_number"
            ).replace("case_number,Q1", "case_number,Q1"),
        )
        filled = Workbook()
        filled.active.append(header)
        filled.active.append(
            ["X-1", "2026-10-06", "", "", "", 4, 4, 5, 3, "准时", "微信", "好"]
        )
        out = io.BytesIO()
        filled.save(out)
        result = self.load(out.getvalue(), "third.xlsx")
        self.assertEqual(result.imported, 1)
        self.assertEqual(
            Response.objects.get().answers.get(question=self.q3).value, 10.0
        )
