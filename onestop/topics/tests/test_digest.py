"""The weekly digest (客户需求研究报告): rising reasons and emerging phrases."""

from __future__ import annotations

import io
from datetime import date

import time_machine
from openpyxl import load_workbook

from onestop.common.testing import OneStopTestCase
from onestop.topics import services
from onestop.topics.excel import write_digest
from onestop.topics.samples import PLANTED
from onestop.topics.selectors import week_digest
from onestop.topics.testing import DIGEST_WEEK, notes_populate


@time_machine.travel("2026-11-28 10:00 +0800", tick=False)
class DigestTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.reasons = notes_populate(cls.uni, per_week=60, planted=12)

    def test_a_week_of_notes_names_the_planted_emerging_topic_with_examples(
        self,
    ) -> None:
        digest = week_digest(self.uni, date(2026, 11, 26))
        self.assertEqual(digest.week, DIGEST_WEEK)
        self.assertEqual(digest.notes, 72)
        top = digest.phrases[0]
        self.assertEqual(top.phrase, PLANTED)
        self.assertEqual((top.this_week, top.before), (12, 0))
        self.assertEqual(len(top.examples), 3)
        self.assertTrue(all(PLANTED in note.text for note in top.examples))

    def test_a_previous_week_has_no_emerging_phrase(self) -> None:
        digest = week_digest(self.uni, date(2026, 11, 16))
        self.assertEqual(digest.notes, 60)
        self.assertNotIn(PLANTED, [p.phrase for p in digest.phrases])

    def test_a_reason_that_jumps_is_rising(self) -> None:
        for i in range(15):
            services.note_record(
                organisation=self.uni,
                actor=None,
                text=f"{i}号楼食堂的饭菜里吃出了头发",
            )
        digest = week_digest(self.uni, DIGEST_WEEK)
        rising = {row.label: row for row in digest.rising}
        self.assertIn("投诉 › 餐饮", rising)
        self.assertGreaterEqual(rising["投诉 › 餐饮"].this_week, 15)
        self.assertTrue(
            rising["投诉 › 餐饮"].this_week >= 1.5 * rising["投诉 › 餐饮"].baseline
        )

    def test_other_organisations_notes_are_not_counted(self) -> None:
        self.assertEqual(week_digest(self.tax, DIGEST_WEEK).notes, 0)

    def test_workbook_holds_reasons_and_the_emerging_phrase_with_masked_examples(
        self,
    ) -> None:
        services.note_record(
            organisation=self.uni,
            actor=None,
            text=f"{PLANTED}扣费了，联系电话13812345678",
        )
        book = load_workbook(
            io.BytesIO(write_digest(week_digest(self.uni, DIGEST_WEEK), self.uni))
        )
        phrases = book.worksheets[1]
        self.assertEqual(phrases.cell(2, 1).value, PLANTED)
        examples = "\n".join(str(row[4].value) for row in phrases.iter_rows(min_row=2))
        self.assertNotIn("13812345678", examples)
        reasons = [row[0].value for row in book.worksheets[0].iter_rows(min_row=2)]
        self.assertIn("报修 › 水电", reasons)
