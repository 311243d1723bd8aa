"""The demo loader writes a believable month of inspections, once."""

from onestop.demo.inspection import inspection_demo_load
from onestop.inspection.models import Appeal, Inspection, InspectionStatus, Scorecard
from onestop.inspection.testing import InspectionTestCase


class DemoTests(InspectionTestCase):
    def test_loads_scores_and_an_appeal_and_does_nothing_the_second_time(self) -> None:
        self.card.delete()  # the demo organisation starts without scorecards
        for day in range(3, 8):
            self.done_case(f"2025-03-{day:02d} 10:00")
            self.done_case(f"2025-03-{day:02d} 11:00", clerk=self.tax_clerk2)
        scored = inspection_demo_load(self.tax)
        self.assertEqual(scored, 6)  # three per clerk drawn, all within the script
        self.assertEqual(Scorecard.objects.filter(organisation=self.tax).count(), 2)
        # Scripted: three in full, the others lose 5 or 3 of 80 points.
        totals = sorted(
            str(i.total) for i in Inspection.objects.filter(total__isnull=False)
        )
        self.assertEqual(
            totals, ["100.00", "100.00", "100.00", "93.75", "93.75", "96.25"]
        )
        self.assertEqual(
            Appeal.objects.get().inspection.status, InspectionStatus.APPEALED
        )
        before = Inspection.objects.count()
        self.assertEqual(inspection_demo_load(self.tax), 0)
        self.assertEqual(Inspection.objects.count(), before)
