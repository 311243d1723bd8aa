"""Schemes refuse inconsistent input, keep how weights were set, and version when used."""

from __future__ import annotations

from onestop.common.errors import ServiceError
from onestop.quality import services
from onestop.quality.models import (
    BindingKind,
    Scheme,
    Source,
    WeightJudgment,
    WeightMethod,
)
from onestop.quality.tests.base import QualityTestCase
from onestop.surveys.testing import build_satisfaction


class CoefficientTests(QualityTestCase):
    def test_inner_coefficients_not_summing_to_one_are_refused_naming_q_inner(
        self,
    ) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.scheme_create(
                actor=self.uni_admin,
                organisation=self.uni,
                purpose="yearly",
                name="年度评价",
                inner=(0.5, 0.3, 0.3),
                outer=(0.6, 0.4),
            )
        self.assertEqual(caught.exception.field, "inner")
        self.assertIn("Q内", caught.exception.message)
        self.assertIn("1.1", caught.exception.message)
        self.assertFalse(Scheme.objects.filter(purpose="yearly").exists())

    def test_outer_coefficients_not_summing_to_one_are_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.scheme_set_coefficients(
                actor=self.uni_admin,
                scheme=self.scheme,
                inner=(0.5, 0.3, 0.2),
                outer=(0.5, 0.4),
            )
        self.assertEqual(caught.exception.field, "outer")
        self.scheme.refresh_from_db()
        self.assertEqual(self.scheme.outer_customers, 0.6)

    def test_a_second_scheme_of_a_purpose_is_its_next_version(self) -> None:
        again = services.scheme_create(
            actor=self.uni_admin,
            organisation=self.uni,
            purpose="monthly",
            name="月度评价",
        )
        self.assertEqual(again.version, 2)


class FactorTests(QualityTestCase):
    def test_a_leaf_bound_to_an_unknown_question_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.CUSTOMERS,
                key="qa-x",
                name="不存在的题目",
                binding_kind=BindingKind.SURVEY_QUESTION,
                binding_ref="999999",
            )
        self.assertEqual(caught.exception.field, "binding_ref")
        self.assertIn("999999", caught.exception.message)
        self.assertFalse(self.scheme.factors.filter(key="qa-x").exists())

    def test_a_question_of_another_organisation_is_unknown_here(self) -> None:
        theirs = build_satisfaction(self.tax_admin, self.tax)
        question = theirs.questions.get(code="Q1")
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.CUSTOMERS,
                key="qa-x",
                name="别家的题目",
                binding_kind=BindingKind.SURVEY_QUESTION,
                binding_ref=str(question.pk),
            )
        self.assertEqual(caught.exception.code.code, "question_unknown")

    def test_a_text_question_cannot_be_scored(self) -> None:
        with self.assertRaises(ServiceError):
            services.factor_add(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.CUSTOMERS,
                key="qa-text",
                name="意见",
                binding_kind=BindingKind.SURVEY_QUESTION,
                binding_ref=str(self.q5.pk),
            )

    def test_an_unknown_case_metric_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.SELF,
                key="qb-x",
                name="办结",
                binding_kind=BindingKind.CASE_METRIC,
                binding_ref="speed",
            )
        self.assertEqual(caught.exception.field, "binding_ref")

    def test_a_duplicate_key_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.SELF,
                key="qb-check",
                name="再一次",
                binding_kind=BindingKind.MANUAL,
            )
        self.assertEqual(caught.exception.field, "key")


class WeightTests(QualityTestCase):
    def test_weights_not_summing_to_one_at_a_level_are_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.weights_set_direct(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.CUSTOMERS,
                parent_key="qa-aspects",
                weights=[0.5, 0.6],
            )
        self.assertEqual(caught.exception.field, "weights")
        self.assertIn("各方面评价", caught.exception.message)
        self.assertEqual(
            sorted(
                self.scheme.factors.filter(parent__key="qa-aspects").values_list(
                    "weight", flat=True
                )
            ),
            [0.5, 0.5],
        )

    def test_ahp_gives_the_eigenvector_weights_and_keeps_the_matrix(self) -> None:
        scheme, judgment = services.weights_set_ahp(
            actor=self.uni_admin,
            scheme=self.scheme,
            source=Source.CUSTOMERS,
            parent_key="",
            matrix=[[1, 3], [1 / 3, 1]],
        )
        weights = dict(
            scheme.factors.filter(parent=None, source="qa").values_list("key", "weight")
        )
        self.assertAlmostEqual(weights["qa-overall"], 0.75)
        self.assertAlmostEqual(weights["qa-aspects"], 0.25)
        self.assertEqual(judgment.method, WeightMethod.AHP)
        self.assertEqual(judgment.matrix[0][1], 3.0)

    def test_an_inconsistent_matrix_is_refused_without_a_reason(self) -> None:
        scheme, _ = services.factor_add(
            actor=self.uni_admin,
            scheme=self.scheme,
            source=Source.CUSTOMERS,
            key="qa-third",
            name="第三",
            binding_kind=BindingKind.MANUAL,
        )
        # 1 ≫ 2 ≫ 3 but 3 ≫ 1: a circle of preferences.
        matrix = [[1, 5, 1 / 5], [1 / 5, 1, 5], [5, 1 / 5, 1]]
        with self.assertRaises(ServiceError) as caught:
            services.weights_set_ahp(
                actor=self.uni_admin,
                scheme=scheme,
                source=Source.CUSTOMERS,
                parent_key="",
                matrix=matrix,
            )
        self.assertEqual(caught.exception.field, "override_reason")
        self.assertIn("0.1", caught.exception.message)
        self.assertFalse(
            WeightJudgment.objects.filter(method=WeightMethod.AHP).exists()
        )
        _scheme, judgment = services.weights_set_ahp(
            actor=self.uni_admin,
            scheme=scheme,
            source=Source.CUSTOMERS,
            parent_key="",
            matrix=matrix,
            override_reason="专家组讨论后确认三者循环依存",
        )
        self.assertGreater(judgment.consistency_ratio, 0.1)
        self.assertEqual(judgment.override_reason, "专家组讨论后确认三者循环依存")

    def test_a_matrix_cell_that_is_not_a_judgment_names_its_cell(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.parse_judgment("12", 0, 2)
        self.assertEqual(caught.exception.field, "m_0_2")
        self.assertAlmostEqual(float(services.parse_judgment("1/3", 0, 1)), 1 / 3)

    def test_the_expert_method_keeps_each_expert_and_uses_the_mean(self) -> None:
        experts = services.parse_experts("张教授: 0.7 0.3\n李处长：0.5, 0.5")
        scheme, judgment = services.weights_set_expert(
            actor=self.uni_admin,
            scheme=self.scheme,
            source=Source.CUSTOMERS,
            parent_key="",
            experts=experts,
        )
        self.assertEqual(
            judgment.experts,
            [
                {"name": "张教授", "weights": [0.7, 0.3]},
                {"name": "李处长", "weights": [0.5, 0.5]},
            ],
        )
        self.assertAlmostEqual(scheme.factors.get(key="qa-overall").weight, 0.6)

    def test_an_expert_line_with_the_wrong_count_names_the_line(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.weights_set_expert(
                actor=self.uni_admin,
                scheme=self.scheme,
                source=Source.CUSTOMERS,
                parent_key="",
                experts=[("甲", [0.5, 0.5]), ("乙", [0.2, 0.3, 0.5])],
            )
        self.assertEqual(caught.exception.field, "experts")
        self.assertIn("2", caught.exception.message)

    def test_entropy_weights_come_from_the_departments_figures(self) -> None:
        self.october()
        from datetime import date

        _scheme, judgment = services.weights_set_entropy(
            actor=self.uni_admin,
            scheme=self.scheme,
            source=Source.CUSTOMERS,
            parent_key="qa-aspects",
            start=date(2026, 10, 1),
            end=date(2026, 10, 31),
        )
        weights = judgment.weights
        self.assertAlmostEqual(sum(weights), 1.0)
        # Row 1 (维修质量) differs more between the departments than row 0.
        self.assertGreater(weights[1], weights[0])
        self.assertEqual(judgment.method, WeightMethod.ENTROPY)

    def test_borrowed_weights_are_copied_from_an_earlier_scheme(self) -> None:
        copy = services.scheme_create(
            actor=self.uni_admin,
            organisation=self.uni,
            purpose="special",
            name="专项",
            based_on=self.scheme,
        )
        self.assertEqual(copy.factors.count(), self.scheme.factors.count())
        self.assertEqual(copy.factors.get(key="qa-overall").weight, 0.6)
        self.assertTrue(copy.judgments.filter(method=WeightMethod.BORROWED).exists())


class VersionTests(QualityTestCase):
    def test_a_computed_scheme_is_frozen_and_an_edit_makes_the_next_version(
        self,
    ) -> None:
        self.october()
        run = self.compute()
        self.scheme.refresh_from_db()
        self.assertTrue(self.scheme.is_frozen)
        changed = services.scheme_set_coefficients(
            actor=self.uni_admin,
            scheme=self.scheme,
            inner=(0.4, 0.4, 0.2),
            outer=(0.5, 0.5),
        )
        self.assertEqual(changed.version, 2)
        self.assertEqual(changed.factors.count(), self.scheme.factors.count())
        self.scheme.refresh_from_db()
        self.assertEqual(self.scheme.inner_customers, 0.5)
        self.assertEqual(run.scheme_id, self.scheme.pk)
