"""Leaves bound to QA inspection: scorecard items and whole scorecards."""

from __future__ import annotations

from datetime import date

import time_machine
from django.urls import reverse

from onestop.common.errors import ServiceError
from onestop.inspection.services import inspection_score
from onestop.inspection.testing import InspectionTestCase, at
from onestop.quality import services
from onestop.quality.models import BindingKind, Source


class InspectionLeafTests(InspectionTestCase):
    def scheme(self):  # type: ignore[no-untyped-def]
        scheme = services.scheme_create(
            actor=self.tax_admin,
            organisation=self.tax,
            purpose="monthly",
            name="办税服务质量",
            inner=(0.0, 1.0, 0.0),
            outer=(1.0, 0.0),
        )
        polite = self.items()[0]
        scheme, _ = services.factor_add(
            actor=self.tax_admin,
            scheme=scheme,
            source=Source.SELF,
            key="qb-polite",
            name="文明用语",
            binding_kind=BindingKind.QA_ITEM,
            binding_ref=str(polite.pk),
            weight=0.5,
        )
        scheme, _ = services.factor_add(
            actor=self.tax_admin,
            scheme=scheme,
            source=Source.SELF,
            key="qb-card",
            name="窗口服务质检",
            binding_kind=BindingKind.QA_SCORECARD,
            binding_ref=str(self.card.pk),
            weight=0.5,
        )
        scheme, _ = services.factor_add(
            actor=self.tax_admin,
            scheme=scheme,
            source=Source.CUSTOMERS,
            key="qa-rate",
            name="好差评",
            binding_kind=BindingKind.CASE_METRIC,
            binding_ref="good_rating_share",
            weight=1.0,
        )
        return scheme

    def test_an_unknown_scorecard_item_is_refused(self) -> None:
        scheme = self.scheme()
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.tax_admin,
                scheme=scheme,
                source=Source.SELF,
                key="qb-x",
                name="?",
                binding_kind=BindingKind.QA_ITEM,
                binding_ref="987654",
            )
        self.assertEqual(caught.exception.code.code, "qa_item_unknown")

    def test_another_organisations_scorecard_is_unknown_here(self) -> None:
        theirs = services.scheme_create(
            actor=self.uni_admin, organisation=self.uni, purpose="monthly", name="后勤"
        )
        with self.assertRaises(ServiceError) as caught:
            services.factor_add(
                actor=self.uni_admin,
                scheme=theirs,
                source=Source.SELF,
                key="qb-x",
                name="?",
                binding_kind=BindingKind.QA_SCORECARD,
                binding_ref=str(self.card.pk),
            )
        self.assertEqual(caught.exception.code.code, "scorecard_unknown")

    def test_item_and_scorecard_scores_feed_q_self_and_drill_to_the_results(
        self,
    ) -> None:
        scheme = self.scheme()
        case = self.done_case("2026-10-12 10:00")
        with time_machine.travel(at("2026-10-13 10:00"), tick=False):
            inspection_score(
                actor=self.tax_inspector,
                inspection=self.inspection_of(case),
                marks=self.marks(cut="未一次性告知"),
            )
        with time_machine.travel(at("2026-11-02 10:00"), tick=False):
            run = services.evaluation_compute(
                actor=self.tax_admin, scheme=scheme, month=date(2026, 10, 1)
            )
        whole = run.result["scopes"]["all"]
        # The item: 5 of 10 points; the scorecard's total: 80.
        self.assertAlmostEqual(whole["leaves"]["qb-polite"]["score"], 50.0)
        self.assertAlmostEqual(whole["leaves"]["qb-card"]["score"], 80.0)
        self.assertAlmostEqual(whole["q_inner"], 65.0)
        self.assertIn(str(self.tax_structure["front"].pk), run.result["scopes"])
        self.login(self.tax_admin)
        page = self.client.get(reverse("staff:quality_run", args=[run.pk]))
        item_url = reverse("staff:inspection_item_results", args=[self.items()[0].pk])
        self.assertContains(page, f"{item_url}?start=2026-10-01&amp;end=2026-10-31")
