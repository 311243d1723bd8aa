"""Plans, runs, checks, objections and sign-off on the hand-checked May (tests/plans.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from onestop.assessment.errors import AssessmentError
from onestop.assessment.models import (
    ManualCheck,
    ObjectionStatus,
    PlanStatus,
    Score,
    SubjectKind,
)
from onestop.assessment.services import (
    objection_raise,
    objection_resolve,
    plan_run,
    plan_set_weights,
    plan_sign,
)
from onestop.assessment.testing import at, make_case, make_rating, make_rectification
from onestop.assessment.tests.fixtures import populate_may
from onestop.assessment.tests.plans import (
    define,
    populate_indicators,
    populate_plan,
    record_onsite,
)
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.testing import OneStopTestCase

D = Decimal


class AssessmentCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_may(cls)
        populate_indicators(cls)
        populate_plan(cls)

    def totals(self, run, kind=SubjectKind.PERSON) -> dict[int, Decimal]:
        return dict(
            run.scores.filter(subject_kind=kind).values_list("subject_id", "total")
        )

    def run(self, note: str = ""):
        return plan_run(actor=self.uni_supervisor, plan=self.plan, note=note)


class RunTests(AssessmentCase):
    def test_a_month_of_recorded_work_gives_exactly_the_written_scores(self) -> None:
        record_onsite(self)
        run = self.run()
        self.assertEqual(
            self.totals(run),
            {self.uni_clerk.pk: D("73.00"), self.uni_technician.pk: D("81.25")},
        )
        clerk = run.scores.get(subject_kind="person", subject_id=self.uni_clerk.pk)
        points = dict(clerk.lines.values_list("indicator_name", "points"))
        self.assertEqual(
            points,
            {"按时办结率": D(30), "一次性告知率": D(0), "评价均分": D(10),
             "有效投诉": D(15), "现场检查": D(18)},
        )  # fmt: skip
        self.assertEqual(
            self.totals(run, SubjectKind.POST),
            {self.post_front.pk: D(75), self.post_back.pk: D("37.50")},
        )

    def test_ranks_put_the_higher_total_first(self) -> None:
        record_onsite(self)
        run = self.run()
        ranks = dict(
            run.scores.filter(subject_kind="person").values_list("subject_id", "rank")
        )
        self.assertEqual(ranks, {self.uni_technician.pk: 1, self.uni_clerk.pk: 2})

    def test_each_line_says_how_its_points_came_about(self) -> None:
        record_onsite(self)
        run = self.run()
        tech = run.scores.get(subject_kind="person", subject_id=self.uni_technician.pk)
        lines = {line.indicator_name: line for line in tech.lines.all()}
        on_time = lines["按时办结率"]
        self.assertEqual(
            on_time.template % on_time.params,
            "(75 − 60) ÷ (100 − 60) × 30 = 11.25 points.",
        )
        one_time = lines["一次性告知率"]
        self.assertEqual(
            one_time.template % one_time.params,
            "No records in the period: full 10 points.",
        )

    def test_a_rerun_is_a_new_version_and_the_old_one_stays(self) -> None:
        record_onsite(self)
        first = self.run()
        record_onsite(self, day=21)
        second = self.run(note="补录现场检查")
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(self.totals(first)[self.uni_clerk.pk], D(73))
        self.assertEqual(self.totals(second)[self.uni_clerk.pk], D(71))

    def test_a_plan_without_items_cannot_run(self) -> None:
        from onestop.assessment.services import plan_create

        empty = plan_create(actor=self.uni_supervisor, organisation=self.uni, name="空",
                            start=date(2025, 6, 1), end=date(2025, 6, 30))  # fmt: skip
        with self.assertRaises(ServiceError) as caught:
            plan_run(actor=self.uni_supervisor, plan=empty)
        self.assertEqual(caught.exception.code, AssessmentError.NO_ITEMS)


class SignOffTests(AssessmentCase):
    def test_a_signed_period_stays_unchanged_after_later_edits(self) -> None:
        record_onsite(self)
        run = self.run()
        plan_sign(actor=self.uni_supervisor, plan=self.plan)
        # A further valid complaint about the clerk is recorded for May after signing.
        case = make_case(
            self.item, clerk=self.uni_clerk, received_at=at("2025-05-02 09:00")
        )
        rating = make_rating(case, staff=self.uni_clerk, level=1,
                             rated_at=at("2025-05-28 10:00"))  # fmt: skip
        make_rectification(rating, handler=self.uni_supervisor, due_at=at("2025-06-04 17:30"),
                           valid=True, verified_at=at("2025-05-29 10:00"))  # fmt: skip
        for attempt in (
            lambda: plan_run(actor=self.uni_supervisor, plan=self.plan),
            lambda: record_onsite(self),
            lambda: plan_set_weights(actor=self.uni_supervisor, plan=self.plan,
                                     subject_kind="post", weights={self.on_time.pk: D(1)}),
        ):  # fmt: skip
            with self.subTest(attempt=attempt):
                with self.assertRaises(ServiceError) as caught:
                    attempt()
                self.assertEqual(caught.exception.code, AssessmentError.PLAN_SIGNED)
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.status, PlanStatus.SIGNED)
        self.assertEqual(self.plan.signed_run, run)
        self.assertEqual(self.plan.runs.count(), 1)
        self.assertEqual(self.totals(run)[self.uni_clerk.pk], D(73))

    def test_signing_needs_a_run_that_counts_the_latest_checks(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            plan_sign(actor=self.uni_supervisor, plan=self.plan)
        self.assertEqual(caught.exception.code, AssessmentError.NOTHING_TO_SIGN)
        self.run()
        record_onsite(self)
        with self.assertRaises(ServiceError) as caught:
            plan_sign(actor=self.uni_supervisor, plan=self.plan)
        self.assertEqual(caught.exception.code, AssessmentError.STALE_RUN)

    def test_an_open_objection_blocks_signing(self) -> None:
        record_onsite(self)
        run = self.run()
        score = Score.objects.get(
            run=run, subject_kind="person", subject_id=self.uni_clerk.pk
        )
        line = score.lines.get(source="manual")
        objection_raise(actor=self.uni_clerk, line=line, reason="当时在查询政策")
        with self.assertRaises(ServiceError) as caught:
            plan_sign(actor=self.uni_supervisor, plan=self.plan)
        self.assertEqual(caught.exception.code, AssessmentError.OPEN_OBJECTIONS)


class ObjectionTests(AssessmentCase):
    def setUp(self) -> None:
        self.check = record_onsite(self)
        self.first = self.run()
        self.line = Score.objects.get(
            run=self.first, subject_kind="person", subject_id=self.uni_clerk.pk
        ).lines.get(source="manual")

    def test_an_upheld_objection_withdraws_the_check_and_the_rerun_restores_points(
        self,
    ) -> None:
        objection = objection_raise(
            actor=self.uni_clerk, line=self.line, reason="在查政策"
        )
        objection_resolve(actor=self.uni_supervisor, objection=objection,
                          action="uphold", answer="核实录像，确为查询政策，撤销扣分")  # fmt: skip
        self.check.refresh_from_db()
        self.assertIsNotNone(self.check.voided_at)
        second = self.run(note="复核后重算")
        self.assertEqual(self.totals(second)[self.uni_clerk.pk], D(75))
        plan_sign(actor=self.uni_supervisor, plan=self.plan)
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.signed_run, second)

    def test_a_rejected_objection_keeps_the_check(self) -> None:
        objection = objection_raise(
            actor=self.uni_clerk, line=self.line, reason="不认可"
        )
        objection_resolve(actor=self.uni_supervisor, objection=objection,
                          action="reject", answer="录像清楚，维持扣分")  # fmt: skip
        objection.refresh_from_db()
        self.assertEqual(objection.status, ObjectionStatus.REJECTED)
        self.assertEqual(ManualCheck.objects.filter(voided_at__isnull=True).count(), 1)
        with self.assertRaises(ServiceError) as caught:
            objection_resolve(actor=self.uni_supervisor, objection=objection,
                              action="uphold", answer="改判")  # fmt: skip
        self.assertEqual(caught.exception.code, AssessmentError.NOT_OPEN)

    def test_nobody_objects_to_another_persons_score(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            objection_raise(
                actor=self.uni_technician, line=self.line, reason="替他申诉"
            )
        self.assertEqual(caught.exception.code, AssessmentError.NOT_YOUR_SCORE)

    def test_an_objection_goes_to_the_latest_version(self) -> None:
        self.run()
        with self.assertRaises(ServiceError) as caught:
            objection_raise(actor=self.uni_clerk, line=self.line, reason="不认可")
        self.assertEqual(caught.exception.code, AssessmentError.NOT_LATEST_RUN)


class DefinitionTests(AssessmentCase):
    def refused(self, **kw) -> list[str]:
        params = {"code": "X-1", "name": "测试", "rule": {"kind": "linear", "worst": 0, "best": 1},
                  "metric": "on_time_rate"} | kw  # fmt: skip
        try:
            define(
                self,
                params.pop("code"),
                params.pop("name"),
                params.pop("rule"),
                **params,
            )
        except ServiceError as error:
            return [error.field]
        except ServiceErrors as errors:
            return [e.field for e in errors.errors]
        return []

    def test_faulty_definitions_are_refused_naming_the_field(self) -> None:
        bad_steps = {"kind": "steps", "steps": [{"limit": 3, "share": 0.5},
                                                {"limit": 4, "share": 0.2}]}  # fmt: skip
        table = [
            ({"metric": "happiness"}, ["metric_key"]),
            ({"rule": bad_steps}, ["rule.steps[1].limit"]),
            ({"rule": {"kind": "linear", "worst": 5, "best": 5}}, ["rule.best"]),
            ({"rule": {"kind": "linear", "worst": 100, "best": 60}}, ["direction"]),
            ({"code": "ZB-01"}, ["code"]),
        ]
        for change, fields in table:
            with self.subTest(change=change):
                self.assertEqual(self.refused(**change), fields)

    def test_weights_that_do_not_sum_to_one_are_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            plan_set_weights(
                actor=self.uni_supervisor, plan=self.plan, subject_kind="department",
                weights={self.on_time.pk: D("0.5"), self.rating.pk: D("0.4")},
            )  # fmt: skip
        self.assertEqual(caught.exception.field, "weights")
        self.assertIn("0.9", caught.exception.message)
        self.assertFalse(self.plan.items.filter(subject_kind="department").exists())

    def test_a_new_version_leaves_the_plan_on_the_old_definition(self) -> None:
        from onestop.assessment.services import IndicatorDefinition, indicator_define

        indicator_define(
            actor=self.uni_supervisor, organisation=self.uni, indicator=self.on_time.indicator,
            definition=IndicatorDefinition(code="ZB-01", name="按时办结率", definition="新",
                                           source="metric", metric_key="on_time_rate",
                                           direction="higher",
                                           rule={"kind": "linear", "worst": 90, "best": 100}),
        )  # fmt: skip
        self.assertEqual(self.on_time.indicator.versions.count(), 2)
        used = self.plan.items.filter(
            indicator_version__indicator=self.on_time.indicator
        )
        self.assertEqual({item.indicator_version.number for item in used}, {1})
