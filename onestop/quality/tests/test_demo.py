"""The demo loader builds a weighted, computed scheme once."""

from __future__ import annotations

import time_machine

from onestop.common.testing import OneStopTestCase
from onestop.demo.quality import quality_demo_load
from onestop.quality.models import EvaluationRun, ManualScore, Scheme, WeightMethod


class DemoTests(OneStopTestCase):
    @time_machine.travel("2026-11-30 08:30 +08:00", tick=False)
    def test_the_demo_scheme_is_built_weighted_and_computed_once(self) -> None:
        scheme = quality_demo_load(self.uni)
        assert scheme is not None
        methods = set(scheme.judgments.values_list("method", flat=True))
        self.assertLessEqual({WeightMethod.AHP, WeightMethod.EXPERT}, methods)
        runs = EvaluationRun.objects.filter(scheme=scheme)
        self.assertEqual(sorted(r.month.month for r in runs), [10, 11])
        october = runs.get(month__month=10).result["scopes"]["all"]
        # No cases or answers in the test database: Q内 rests on the manual scores.
        self.assertIsNotNone(october["q_inner"])
        self.assertIsNone(quality_demo_load(self.uni))
        self.assertEqual(Scheme.objects.filter(organisation=self.uni).count(), 1)
        self.assertEqual(ManualScore.objects.filter(organisation=self.uni).count(), 6)
