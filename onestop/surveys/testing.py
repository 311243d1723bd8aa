"""A published questionnaire of the university for tests, and quick responses."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from onestop.common.testing import OneStopTestCase
from onestop.surveys.models import Channel, Kind, Question, Questionnaire, Response
from onestop.surveys.services import (
    QuestionFields,
    QuestionnaireFields,
    Respondent,
    question_add,
    questionnaire_create,
    questionnaire_publish,
    response_record,
    section_add,
)

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def build_satisfaction(
    actor: Any, organisation: Any, *, publish: bool = True
) -> Questionnaire:
    """SAT: Q1 overall (5 points), Q2 a grid of three items (5 points), Q3 a
    single choice with points, Q4 multiple choice, Q5 text (optional)."""
    questionnaire = questionnaire_create(
        actor=actor,
        organisation=organisation,
        fields=QuestionnaireFields(
            code="SAT", title="维修服务满意度回访", min_seconds=20, straightline_items=3
        ),
    )
    section = section_add(actor=actor, questionnaire=questionnaire, title="服务评价")
    for fields in (
        QuestionFields(
            kind=Kind.LIKERT5,
            text="总体满意度",
            low_label="很不满意",
            high_label="很满意",
        ),
        QuestionFields(
            kind=Kind.MATRIX5, text="各方面", lines=["响应速度", "维修质量", "服务态度"]
        ),
        QuestionFields(
            kind=Kind.SINGLE,
            text="是否按约定时间上门",
            lines=["准时 | 10", "迟到半小时内 | 5", "迟到更久 | 0"],
        ),
        QuestionFields(
            kind=Kind.MULTIPLE,
            text="您通过哪些渠道报修",
            lines=["电话", "微信", "现场"],
        ),
        QuestionFields(kind=Kind.TEXT, text="意见建议", required=False),
    ):
        question_add(actor=actor, section=section, fields=fields)
    if publish:
        questionnaire = questionnaire_publish(actor=actor, questionnaire=questionnaire)
    return questionnaire


class SurveyTestCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sat = build_satisfaction(cls.uni_inspector, cls.uni)
        q = {question.code: question for question in cls.sat.questions.all()}
        cls.q1, cls.grid, cls.q3, cls.q4, cls.q5 = (
            q["Q1"],
            q["Q2"],
            q["Q3"],
            q["Q4"],
            q["Q5"],
        )
        cls.rows = list(cls.grid.rows.order_by("position"))
        cls.front = cls.uni_structure["front"]
        cls.back = cls.uni_structure["back"]

    def answers(
        self, overall: int = 4, grid: tuple[int, int, int] = (4, 5, 3), **extra: Any
    ) -> dict[int, Any]:
        return {
            self.q1.pk: overall,
            **{row.pk: value for row, value in zip(self.rows, grid, strict=True)},
            self.q3.pk: 1,
            self.q4.pk: [1, 2],
            **extra,
        }

    def respond(
        self,
        when: str = "2026-10-10 10:00",
        *,
        questionnaire: Questionnaire | None = None,
        department: Any = None,
        phone: str = "",
        seconds: int = 120,
        channel: str = Channel.LINK,
        **kwargs: Any,
    ) -> Response:
        now = at(when)
        return response_record(
            questionnaire=questionnaire or self.sat,
            respondent=Respondent(
                channel=channel,
                department_id=department.pk if department else None,
                phone=phone,
            ),
            answers=self.answers(**kwargs),
            now=now,
            started_at=now - timedelta(seconds=seconds),
        )

    def question(self, code: str) -> Question:
        return self.sat.questions.get(code=code)
