"""A three-source scheme over the university's satisfaction survey, for the tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import time_machine

from onestop.quality import services
from onestop.quality.models import BindingKind, Scheme, Source
from onestop.surveys.testing import SurveyTestCase

# October's answers are in; the month may be computed.
NOVEMBER = "2026-11-05 09:00 +08:00"
OCTOBER = date(2026, 10, 1)


def build_scheme(actor: Any, organisation: Any, q1: Any, rows: list[Any]) -> Scheme:
    """Qa: 总体满意度 (Q1) and a group of the grid's rows; Qb: a self-check
    (manual); Qc: an industry ranking (manual). a, b, c = 0.5, 0.3, 0.2;
    a′, b′ = 0.6, 0.4."""
    scheme = services.scheme_create(
        actor=actor,
        organisation=organisation,
        purpose="monthly",
        name="后勤服务质量月度评价",
    )
    add = services.factor_add
    scheme, _ = add(
        actor=actor,
        scheme=scheme,
        source=Source.CUSTOMERS,
        key="qa-overall",
        name="总体满意度",
        binding_kind=BindingKind.SURVEY_QUESTION,
        binding_ref=str(q1.pk),
    )
    scheme, _ = add(
        actor=actor,
        scheme=scheme,
        source=Source.CUSTOMERS,
        key="qa-aspects",
        name="各方面评价",
        binding_kind=BindingKind.GROUP,
    )
    for index, row in enumerate(rows[:2]):
        scheme, _ = add(
            actor=actor,
            scheme=scheme,
            source=Source.CUSTOMERS,
            key=f"qa-row-{index}",
            name=row.text,
            binding_kind=BindingKind.SURVEY_QUESTION,
            binding_ref=str(row.pk),
            parent_key="qa-aspects",
        )
    scheme, _ = add(
        actor=actor,
        scheme=scheme,
        source=Source.SELF,
        key="qb-check",
        name="部门自查",
        binding_kind=BindingKind.MANUAL,
    )
    scheme, _ = add(
        actor=actor,
        scheme=scheme,
        source=Source.INDUSTRY,
        key="qc-rank",
        name="行业评比",
        binding_kind=BindingKind.MANUAL,
    )
    for source, parent, weights in (
        (Source.CUSTOMERS, "", [0.6, 0.4]),
        (Source.CUSTOMERS, "qa-aspects", [0.5, 0.5]),
        (Source.SELF, "", [1.0]),
        (Source.INDUSTRY, "", [1.0]),
    ):
        scheme, _ = services.weights_set_direct(
            actor=actor,
            scheme=scheme,
            source=source,
            parent_key=parent,
            weights=weights,
        )
    return scheme


class QualityTestCase(SurveyTestCase):
    """The survey test data, a scheme, and October's answers and manual scores."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.scheme = build_scheme(cls.uni_inspector, cls.uni, cls.q1, cls.rows)

    def october(self) -> None:
        """Two answers in the front office, one in the back office; the manual scores."""
        self.respond(
            "2026-10-10 10:00", department=self.front, overall=5, grid=(5, 4, 3)
        )
        self.respond(
            "2026-10-11 10:00", department=self.front, overall=4, grid=(4, 4, 3)
        )
        self.respond(
            "2026-10-12 10:00", department=self.back, overall=1, grid=(3, 2, 3)
        )
        for key, score in (("qb-check", 90.0), ("qc-rank", 80.0)):
            services.manual_score_set(
                actor=self.uni_inspector,
                scheme=self.scheme,
                factor_key=key,
                month=OCTOBER,
                score=score,
                evidence="2026年10月专项检查报告",
            )

    def compute(self, scheme: Scheme | None = None) -> Any:
        with time_machine.travel(NOVEMBER, tick=False):
            return services.evaluation_compute(
                actor=self.uni_inspector, scheme=scheme or self.scheme, month=OCTOBER
            )
