"""Q内 and Q外 of a month, per organisation and department, from the sources' data."""

from __future__ import annotations

from onestop.common.errors import ServiceError
from onestop.common.scores import SourceScore
from onestop.quality import scoring, services
from onestop.quality.models import EvaluationRun
from onestop.quality.tests.base import QualityTestCase


class ComputeTests(QualityTestCase):
    def test_the_month_is_computed_from_the_answers_and_the_manual_scores(self) -> None:
        self.october()
        run = self.compute()
        whole = run.result["scopes"]["all"]
        # Q1: 5, 4, 1 → mean 3.33 → 58.33; grid rows 5, 4, 3 → 75 and 4, 4, 2 → 58.33.
        self.assertAlmostEqual(whole["leaves"]["qa-overall"]["score"], 175 / 3)
        self.assertEqual(whole["leaves"]["qa-overall"]["count"], 3)
        self.assertAlmostEqual(whole["nodes"]["qa-aspects"], (75 + 175 / 3) / 2)
        qa = 0.6 * 175 / 3 + 0.4 * (75 + 175 / 3) / 2
        self.assertAlmostEqual(whole["sources"]["qa"], qa)
        self.assertAlmostEqual(whole["q_inner"], 0.5 * qa + 0.3 * 90 + 0.2 * 80)
        self.assertAlmostEqual(whole["q_outer"], 0.6 * qa + 0.4 * 80)

    def test_each_department_is_scored_on_its_own_answers(self) -> None:
        self.october()
        run = self.compute()
        front = run.result["scopes"][str(self.front.pk)]
        # Front office: Q1 5, 4 → 87.5; rows 87.5 and 75; manual scores of the whole organisation.
        self.assertAlmostEqual(front["sources"]["qa"], 0.6 * 87.5 + 0.4 * 81.25)
        self.assertAlmostEqual(front["q_inner"], 0.5 * 85 + 0.3 * 90 + 0.2 * 80)
        self.assertEqual(front["label"], self.front.name)

    def test_a_source_without_data_is_left_out_and_said_so(self) -> None:
        self.respond(
            "2026-10-10 10:00", department=self.front, overall=5, grid=(5, 4, 3)
        )
        run = self.compute()
        whole = run.result["scopes"]["all"]
        self.assertIsNone(whole["sources"]["qb"])
        self.assertEqual(whole["inner_left_out"], ["qb", "qc"])
        self.assertAlmostEqual(whole["q_inner"], whole["sources"]["qa"])
        self.assertIn("qb-check", whole["missing"])

    def test_recomputing_adds_a_visible_new_run(self) -> None:
        self.october()
        first = self.compute()
        self.respond(
            "2026-10-20 10:00", department=self.back, overall=1, grid=(1, 2, 1)
        )
        second = self.compute()
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(EvaluationRun.objects.filter(scheme=self.scheme).count(), 2)
        self.assertLess(
            second.result["scopes"]["all"]["q_inner"],
            first.result["scopes"]["all"]["q_inner"],
        )

    def test_weights_that_do_not_sum_to_one_stop_the_computation(self) -> None:
        services.factor_add(
            actor=self.uni_admin,
            scheme=self.scheme,
            source="qb",
            key="qb-more",
            name="另一项",
            binding_kind="manual",
            weight=0.5,
        )
        with self.assertRaises(ServiceError) as caught:
            self.compute()
        self.assertEqual(caught.exception.code.code, "unweighted")
        self.assertFalse(EvaluationRun.objects.exists())

    def test_a_month_not_yet_begun_is_refused(self) -> None:
        from datetime import date

        import time_machine

        with (
            time_machine.travel("2026-09-15 09:00 +08:00", tick=False),
            self.assertRaises(ServiceError) as caught,
        ):
            services.evaluation_compute(
                actor=self.uni_inspector,
                scheme=self.scheme,
                month=date(2026, 10, 1),
            )
        self.assertEqual(caught.exception.field, "month")


class PruningTests(QualityTestCase):
    def test_an_empty_leaf_leaves_its_siblings_weights_rescaled(self) -> None:
        roots = scoring.trees(self.scheme.factors.all())
        result = scoring.score_source(
            roots["qa"],
            {
                "qa-overall": SourceScore(80.0, 10),
                "qa-row-0": SourceScore(60.0, 10),
                "qa-row-1": SourceScore(None, 0),
            },
        )
        self.assertAlmostEqual(result.nodes["qa-aspects"], 60.0)
        self.assertAlmostEqual(result.score, 0.6 * 80 + 0.4 * 60)
        self.assertEqual(result.missing, ["qa-row-1"])
        self.assertIsNone(result.nodes["qa-row-1"])
