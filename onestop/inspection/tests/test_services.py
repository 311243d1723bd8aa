"""Sampling, scoring, calibration, appeals and the figures handed to quality."""

from datetime import date
from decimal import Decimal as D

import time_machine

from onestop.common.errors import ServiceError
from onestop.common.models import AuditEvent
from onestop.inspection import scores
from onestop.inspection.errors import InspectionError
from onestop.inspection.models import (
    Inspection,
    InspectionStatus,
    ItemResult,
    SampleMethod,
    SamplingRun,
    TargetKind,
)
from onestop.inspection.services import (
    Decision,
    MarkInput,
    RuleDraft,
    VisitInput,
    appeal_decide,
    appeal_file,
    calibration_start,
    inspection_assign,
    inspection_score,
    inspections_finalise,
    mystery_visit_create,
    rule_save,
    sample_run,
    scorecard_create,
    scorecard_new_version,
    scorecard_update,
)
from onestop.inspection.testing import (
    MYSTERY_CARD,
    SERVICE_CARD,
    InspectionTestCase,
    at,
)

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


class SamplingTests(InspectionTestCase):
    def setUp(self) -> None:
        for day in range(3, 10):
            self.done_case(f"2025-03-{day:02d} 10:00")
            self.done_case(f"2025-03-{day:02d} 11:00", clerk=self.tax_clerk2)
        self.done_case("2025-04-02 10:00")  # outside the period
        self.rule = rule_save(
            actor=self.tax_admin,
            organisation=self.tax,
            draft=RuleDraft(
                name="每人每月5件",
                scorecard=self.card,
                target_kind=TargetKind.CASE,
                method=SampleMethod.PER_STAFF,
                per_staff=5,
            ),
        )

    def draw(self, **extra):
        return sample_run(
            actor=self.tax_admin,
            rule=self.rule,
            start=MARCH[0],
            end=MARCH[1],
            inspectors=[self.tax_inspector, self.tax_inspector2],
            now=at("2025-04-01 09:00"),
            **extra,
        )

    def test_draws_five_cases_per_clerk_of_the_month_and_records_who_and_where(
        self,
    ) -> None:
        run = self.draw()
        self.assertEqual((run.population, run.drawn), (14, 10))
        drawn = Inspection.objects.filter(run=run)
        per_clerk = {
            u: drawn.filter(inspected_user=u).count()
            for u in (self.tax_clerk, self.tax_clerk2)
        }
        self.assertEqual(per_clerk, {self.tax_clerk: 5, self.tax_clerk2: 5})
        # tax_clerk2 sits on the front post; tax_clerk has no post: the item's department.
        self.assertEqual(
            set(drawn.values_list("department_id", flat=True)),
            {self.tax_structure["front"].pk},
        )
        self.assertEqual(
            sorted(set(drawn.values_list("inspector_id", flat=True))),
            sorted([self.tax_inspector.pk, self.tax_inspector2.pk]),
        )
        self.card.refresh_from_db()
        self.assertTrue(self.card.is_frozen)

    def test_the_same_period_cannot_be_drawn_twice_and_the_seed_reproduces_it(
        self,
    ) -> None:
        run = self.draw()
        first = sorted(
            Inspection.objects.filter(run=run).values_list("case_id", flat=True)
        )
        with self.assertRaises(ServiceError) as caught:
            self.draw()
        self.assertEqual(caught.exception.code, InspectionError.ALREADY_DRAWN)
        # Removing the run and drawing again gives the same cases.
        Inspection.objects.filter(run=run).delete()
        run.delete()
        again = self.draw()
        self.assertEqual(
            sorted(
                Inspection.objects.filter(run=again).values_list("case_id", flat=True)
            ),
            first,
        )

    def test_a_clerk_cannot_be_named_inspector(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            sample_run(
                actor=self.tax_admin,
                rule=self.rule,
                start=MARCH[0],
                end=MARCH[1],
                inspectors=[self.tax_clerk],
            )
        self.assertEqual(caught.exception.field, "inspectors")
        self.assertFalse(SamplingRun.objects.exists())

    def test_a_used_scorecard_refuses_changes_and_moves_to_a_new_version(self) -> None:
        self.draw()
        with self.assertRaises(ServiceError) as caught:
            scorecard_update(
                actor=self.tax_admin, scorecard=self.card, draft=SERVICE_CARD
            )
        self.assertEqual(caught.exception.code, InspectionError.SCORECARD_FROZEN)
        new = scorecard_new_version(
            actor=self.tax_admin, scorecard=self.card, draft=SERVICE_CARD
        )
        self.card.refresh_from_db()
        self.assertEqual(
            (new.version, new.is_current, self.card.is_current), (2, True, False)
        )
        self.assertEqual(new.items.count(), 3)


class ScoringTests(InspectionTestCase):
    def setUp(self) -> None:
        self.case = self.done_case("2025-03-03 10:00")
        self.inspection = self.inspection_of(self.case)

    @time_machine.travel(at("2025-03-10 10:00"), tick=False)
    def test_scoring_stores_item_points_and_the_total(self) -> None:
        scored = inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection,
            marks=self.marks(cut="未一次性告知"),
            comment="未告知需补正材料",
        )
        self.assertEqual(scored.status, InspectionStatus.SCORED)
        self.assertEqual(scored.total, D("80.00"))
        self.assertEqual(scored.scored_on, date(2025, 3, 10))
        # Three working days: Tue, Wed, Thu, closing at the end of office hours.
        self.assertEqual(scored.appeal_due_at.date(), date(2025, 3, 13))
        first = ItemResult.objects.get(inspection=scored, item=self.items()[0])
        self.assertEqual((first.earned, first.possible), (D(5), D(10)))
        self.assertEqual(first.deductions.get().reason.name, "未一次性告知")

    def test_only_the_assigned_inspector_scores_and_bad_points_name_the_item(
        self,
    ) -> None:
        with self.assertRaises(ServiceError) as caught:
            inspection_score(
                actor=self.tax_inspector2,
                inspection=self.inspection,
                marks=self.marks(),
            )
        self.assertEqual(caught.exception.code, InspectionError.NOT_YOUR_INSPECTION)
        with self.assertRaises(ServiceError) as caught:
            inspection_score(
                actor=self.tax_inspector,
                inspection=self.inspection,
                marks=self.marks(points="12"),
            )
        self.assertEqual(caught.exception.field, f"item_{self.items()[0].pk}")
        self.assertIn("使用文明用语", caught.exception.message)
        self.assertFalse(ItemResult.objects.exists())
        self.inspection.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.ASSIGNED)

    def test_nobody_is_assigned_their_own_work(self) -> None:
        # An inspector who once stood in at the window is the staff member here.
        own = self.inspection_of(self.done_case("2025-03-04 10:00"))
        Inspection.objects.filter(pk=own.pk).update(inspected_user=self.tax_inspector2)
        with self.assertRaises(ServiceError) as caught:
            inspection_assign(
                actor=self.tax_admin, inspection=own, inspector=self.tax_inspector2
            )
        self.assertEqual(caught.exception.code, InspectionError.OWN_WORK)

    def test_mystery_visit_needs_its_time_and_window(self) -> None:
        card = scorecard_create(
            actor=self.tax_admin, organisation=self.tax, draft=MYSTERY_CARD
        )
        visit = mystery_visit_create(
            actor=self.tax_inspector, organisation=self.tax, scorecard=card
        )
        marks = [
            MarkInput(i.pk, passed=p)
            for i, p in zip(self.items(card), (True, False), strict=True)
        ]
        with self.assertRaises(ServiceError) as caught:
            inspection_score(actor=self.tax_inspector, inspection=visit, marks=marks)
        self.assertEqual(caught.exception.code, InspectionError.VISIT_MISSING)
        window = self.tax_structure["window"]
        scored = inspection_score(
            actor=self.tax_inspector,
            inspection=visit,
            marks=marks,
            visit=VisitInput(at("2025-03-05 14:20"), window, "未佩戴工牌，照片存档"),
        )
        self.assertEqual(
            (scored.total, scored.department_id), (D("50.00"), window.department_id)
        )


@time_machine.travel(at("2025-03-10 10:00"), tick=False)
class AppealTests(InspectionTestCase):
    def setUp(self) -> None:
        self.inspection = inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection_of(self.done_case("2025-03-03 10:00")),
            marks=self.marks(cut="未一次性告知"),
        )

    def test_upheld_appeal_corrects_the_score_and_is_audited(self) -> None:
        appeal = appeal_file(
            actor=self.tax_clerk,
            inspection=self.inspection,
            reason="已一次性告知，有回执",
        )
        appeal_decide(
            actor=self.tax_supervisor,
            appeal=appeal,
            decision=Decision(True, "回执属实", self.marks()),
        )
        self.inspection.refresh_from_db()
        appeal.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.UPHELD)
        self.assertEqual(
            (appeal.total_before, appeal.total_after), (D("80.00"), D("100.00"))
        )
        event = AuditEvent.objects.get(verb="inspection.appeal_upheld")
        self.assertEqual(
            (event.data["before"], event.data["after"]), ("80.00", "100.00")
        )

    def test_rejected_appeal_keeps_the_score_and_shows_the_reason(self) -> None:
        appeal = appeal_file(
            actor=self.tax_clerk, inspection=self.inspection, reason="不同意"
        )
        appeal_decide(
            actor=self.tax_supervisor,
            appeal=appeal,
            decision=Decision(False, "录音可证"),
        )
        self.inspection.refresh_from_db()
        self.assertEqual(
            (self.inspection.status, self.inspection.total),
            (InspectionStatus.REJECTED, D("80.00")),
        )
        self.assertEqual(self.inspection.appeal.decision, "录音可证")

    def test_only_the_staff_member_appeals_and_only_in_time(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            appeal_file(actor=self.tax_clerk2, inspection=self.inspection, reason="x")
        self.assertEqual(caught.exception.code, InspectionError.NOT_YOUR_WORK)
        with (
            time_machine.travel(at("2025-03-14 09:00"), tick=False),
            self.assertRaises(ServiceError) as caught,
        ):
            appeal_file(actor=self.tax_clerk, inspection=self.inspection, reason="x")
        self.assertEqual(caught.exception.code, InspectionError.APPEAL_LATE)

    def test_the_inspector_cannot_decide_an_appeal_of_their_inspection(self) -> None:
        appeal = appeal_file(
            actor=self.tax_clerk, inspection=self.inspection, reason="x"
        )
        with self.assertRaises(ServiceError) as caught:
            appeal_decide(
                actor=self.tax_inspector, appeal=appeal, decision=Decision(False, "y")
            )
        self.assertEqual(caught.exception.code, InspectionError.DECIDE_OWN)

    def test_finalising_waits_for_the_appeal_period(self) -> None:
        self.assertEqual(inspections_finalise(now=at("2025-03-12 10:00")), 0)
        self.assertEqual(inspections_finalise(now=at("2025-03-14 10:00")), 1)
        self.inspection.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.FINAL)


@time_machine.travel(at("2025-03-10 10:00"), tick=False)
class ScoresTests(InspectionTestCase):
    """The contract of docs/quality.md."""

    def setUp(self) -> None:
        self.first = inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection_of(self.done_case("2025-03-03 10:00")),
            marks=self.marks(cut="未一次性告知"),  # 80: item 1 5/10
        )
        self.second = inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection_of(self.done_case("2025-03-04 10:00")),
            marks=self.marks(safe=False),  # critical: 0, item 1 10/10
        )

    def figures(self, **extra):
        return dict(organisation=self.tax, start=MARCH[0], end=MARCH[1], **extra)

    def test_item_scores_are_points_earned_over_points_possible(self) -> None:
        polite, progress, privacy = self.items()
        found = scores.item_scores(**self.figures(item_ids=[polite.pk, privacy.pk]))
        self.assertEqual(found[polite.pk].score, 75.0)
        self.assertEqual(found[polite.pk].count, 2)
        self.assertEqual(found[privacy.pk].score, 50.0)
        self.assertNotIn(progress.pk, found)

    def test_scorecard_scores_count_a_critical_failure_as_zero(self) -> None:
        found = scores.scorecard_scores(**self.figures(scorecard_ids=[self.card.pk]))
        self.assertEqual(
            (found[self.card.pk].score, found[self.card.pk].count), (40.0, 2)
        )
        by_staff = scores.staff_scores(**self.figures())
        self.assertEqual(by_staff[self.tax_clerk.pk].score, 40.0)

    def test_calibration_copies_are_not_counted_twice(self) -> None:
        round_ = calibration_start(
            actor=self.tax_admin,
            inspection=self.first,
            name="三月校准",
            inspectors=[self.tax_inspector, self.tax_inspector2],
        )
        copy = round_.copies.get()
        inspection_score(
            actor=self.tax_inspector2, inspection=copy, marks=self.marks(points="2")
        )
        found = scores.scorecard_scores(**self.figures(scorecard_ids=[self.card.pk]))
        self.assertEqual(found[self.card.pk].count, 2)

    def test_upheld_appeal_changes_the_figures(self) -> None:
        appeal = appeal_file(
            actor=self.tax_clerk, inspection=self.first, reason="有回执"
        )
        appeal_decide(
            actor=self.tax_supervisor,
            appeal=appeal,
            decision=Decision(True, "属实", self.marks()),
        )
        found = scores.scorecard_scores(**self.figures(scorecard_ids=[self.card.pk]))
        self.assertEqual(found[self.card.pk].score, 50.0)

    def test_by_department_and_department_filter(self) -> None:
        front = self.tax_structure["front"].pk
        polite = self.items()[0].pk
        by_dept = scores.item_scores_by_department(**self.figures(item_ids=[polite]))
        self.assertEqual(by_dept[(front, polite)].score, 75.0)
        cards = scores.scorecard_scores_by_department(
            **self.figures(scorecard_ids=[self.card.pk])
        )
        self.assertEqual(cards[(front, self.card.pk)].count, 2)
        other = self.tax_structure["back"].pk
        self.assertEqual(
            scores.item_scores(**self.figures(item_ids=[polite], department_id=other)),
            {},
        )

    def test_another_organisation_and_another_period_see_nothing(self) -> None:
        polite = self.items()[0].pk
        self.assertEqual(
            scores.item_scores(
                organisation=self.uni, start=MARCH[0], end=MARCH[1], item_ids=[polite]
            ),
            {},
        )
        self.assertEqual(
            scores.scorecard_scores(
                organisation=self.tax,
                start=date(2025, 4, 1),
                end=date(2025, 4, 30),
                scorecard_ids=[self.card.pk],
            ),
            {},
        )
