"""The five gaps: each with a finding, or a plain statement that data are missing."""

from __future__ import annotations

from datetime import date

from onestop.catalog.models import ItemKind, ServiceItem
from onestop.common.testing import OneStopTestCase, make_item
from onestop.quality import gaps

START, END = date(2026, 10, 1), date(2026, 10, 31)


class GapTests(OneStopTestCase):
    def test_without_any_data_every_gap_says_so(self) -> None:
        found = gaps.diagnose(organisation=self.uni, start=START, end=END)
        self.assertEqual([g.number for g in found], [1, 2, 3, 4, 5])
        for gap in found:
            self.assertFalse(gap.has_data, gap.title)
            self.assertTrue(gap.finding.startswith("无数据"), gap.finding)
            self.assertIsNone(gap.chart)

    def test_gap_2_counts_items_whose_time_limit_is_not_quantified(self) -> None:
        make_item(self.uni, self.uni_structure, code="U-1", name="宿舍调换", promised=5)
        loose = make_item(
            self.uni, self.uni_structure, code="U-2", name="车辆通行证", promised=3
        )
        ServiceItem.objects.filter(pk=loose.pk).update(
            promised_limit_days=None, kind=ItemKind.PROMISED
        )
        loose.steps.all().delete()
        gap = gaps.gap_2(self.uni, None)
        self.assertTrue(gap.has_data)
        self.assertIn("2 项标准未量化", gap.finding)
        self.assertIn("<svg", gap.chart)

    def test_gap_4_lists_the_public_commitments(self) -> None:
        self.uni.commitments = "维修2小时内响应\n一次性告知"
        self.uni.save(update_fields=["commitments"])
        gap = gaps.gap_4(self.uni, START, END, None)
        self.assertEqual(
            [value for _label, value in gap.rows], ["维修2小时内响应", "一次性告知"]
        )
        self.assertFalse(gap.has_data)
