"""A bad rating is verified, rectified within its working-day limit, answered and followed up.

Calendar facts used (国务院办公厅关于2026年部分节假日安排的通知): 10月1日至7日
放假调休, 10月10日（星期六）上班. Office hours 08:30–12:00, 13:30–17:30.
"""

from __future__ import annotations

from django.core import mail

from onestop.common.errors import ServiceError
from onestop.notifications.sms import LocmemBackend
from onestop.ratings.errors import RatingError
from onestop.ratings.models import (
    AppealDecision,
    Level,
    RatingSettings,
    Rectification,
    RectificationStatus,
)
from onestop.ratings.services import (
    appeal_decide,
    rectification_appeal,
    rectification_close,
    rectification_follow_up,
    rectification_rectify,
    rectification_reply,
    rectification_verify,
)
from onestop.ratings.states import Action, actions_for
from onestop.ratings.testing import RatingTestCase, at, local

S = RectificationStatus


class OpeningTests(RatingTestCase):
    def test_a_bad_rating_opens_a_rectification_due_five_working_days_later(
        self,
    ) -> None:
        mail.outbox.clear()
        case = self.on_the_spot("2026-09-28 14:00")
        # Monday 28 Sep 15:00. The day of the rating does not count; then 29 and
        # 30 Sep, (1–7 Oct off), 8 and 9 Oct and Saturday 10 Oct, a make-up working
        # day: the fifth working day closes at 17:30.
        rating = self.rate(case, Level.VERY_DISSATISFIED, "2026-09-28 15:00")
        rectification = rating.rectification
        self.assertEqual(local(rectification.due_at), "2026-10-10 17:30")
        self.assertEqual(rectification.limit_days, 5)
        self.assertEqual(rectification.status, S.VERIFYING)
        self.assertEqual(rectification.handler, self.tax_clerk)
        self.assertEqual(
            list(rectification.events.values_list("action", flat=True)), ["open"]
        )
        self.assertEqual([m.to for m in mail.outbox], [["tax_supervisor@example.cn"]])
        self.assertIn(case.number, mail.outbox[0].subject)
        self.assertIn("2026-10-10 17:30", mail.outbox[0].body)

    def test_the_limit_is_the_organisations_own(self) -> None:
        RatingSettings.objects.create(organisation=self.tax, rectification_days=3)
        rating = self.rate(
            self.on_the_spot("2026-09-28 14:00"), Level.DISSATISFIED, "2026-09-28 15:00"
        )
        # 29, 30 Sep, 8 Oct.
        self.assertEqual(local(rating.rectification.due_at), "2026-10-08 17:30")

    def test_good_and_middling_ratings_open_nothing(self) -> None:
        for level in (Level.BASICALLY_SATISFIED, Level.SATISFIED, Level.VERY_SATISFIED):
            with self.subTest(level=level):
                case = self.on_the_spot("2026-09-28 14:00")
                self.rate(case, level, "2026-09-28 15:00")
        self.assertFalse(Rectification.objects.exists())


class FlowTests(RatingTestCase):
    def setUp(self) -> None:
        self.case = self.on_the_spot("2026-09-28 14:00")
        rating = self.rate(self.case, Level.DISSATISFIED, "2026-09-28 15:00")
        self.rectification = rating.rectification

    def act(self, step: object, actor: object, when: str, **params: object) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.rectification = step(  # type: ignore[operator]
                actor=actor, rectification=self.rectification, now=at(when), **params
            )

    def test_verified_rectified_answered_followed_up_and_closed(self) -> None:
        LocmemBackend.outbox.clear()
        sup, clerk = self.tax_supervisor, self.tax_clerk
        self.act(rectification_verify, sup, "2026-09-29 09:00", valid=True)
        self.assertEqual(self.rectification.status, S.RECTIFYING)
        self.act(
            rectification_rectify,
            clerk,
            "2026-09-30 10:00",
            measures="窗口增设材料清单提示牌，复核一次性告知流程",
        )
        reply = "您反映的等候时间过长问题已整改，感谢监督。"
        self.act(rectification_reply, clerk, "2026-09-30 11:00", text=reply)
        self.assertEqual(self.rectification.status, S.REPLIED)
        self.act(
            rectification_follow_up,
            sup,
            "2026-10-08 10:00",
            note="电话回访，申请人表示认可",
            satisfied=True,
        )
        self.act(rectification_close, sup, "2026-10-08 10:30")
        r = self.rectification
        r.refresh_from_db()
        self.assertEqual((r.status, r.valid, r.satisfied_after), (S.CLOSED, True, True))
        self.assertEqual(local(r.replied_at), "2026-09-30 11:00")
        self.assertEqual(
            list(r.events.values_list("action", flat=True)),
            ["open", "verify", "rectify", "reply", "follow_up", "close"],
        )
        texts = [m["text"] for m in LocmemBackend.outbox if m["to"] == "13812345678"]
        self.assertEqual(len(texts), 1)
        self.assertIn(reply, texts[0])
        self.assertIn(self.case.number, texts[0])
        self.assertTrue(r.rating.counted)

    def test_the_rater_is_answered_only_after_the_measures_are_recorded(self) -> None:
        self.act(
            rectification_verify, self.tax_supervisor, "2026-09-29 09:00", valid=True
        )
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_reply, self.tax_clerk, "2026-09-29 10:00", text="已整改"
            )
        self.assertEqual(caught.exception.code, RatingError.MEASURES_MISSING)

    def test_only_a_supervisor_verifies_and_only_the_handler_or_one_rectifies(
        self,
    ) -> None:
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_verify, self.tax_clerk, "2026-09-29 09:00", valid=True
            )
        self.assertEqual(caught.exception.code, RatingError.NOT_YOURS)
        self.act(
            rectification_verify, self.tax_supervisor, "2026-09-29 09:00", valid=True
        )
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_rectify, self.outsider, "2026-09-29 10:00", measures="x"
            )
        self.assertEqual(caught.exception.code, RatingError.NOT_YOURS)
        self.assertEqual(
            actions_for(self.tax_clerk, self.rectification),
            [Action.APPEAL, Action.RECTIFY],
        )
        self.assertEqual(actions_for(self.outsider, self.rectification), [])

    def test_the_supervisor_may_hand_the_rectification_to_someone_else(self) -> None:
        self.act(
            rectification_verify,
            self.tax_supervisor,
            "2026-09-29 09:00",
            valid=True,
            handler=self.handler,
        )
        self.act(
            rectification_rectify, self.handler, "2026-09-29 10:00", measures="培训"
        )
        self.assertEqual(self.rectification.measures, "培训")

    def test_a_step_out_of_turn_is_refused_with_the_state_named(self) -> None:
        self.act(
            rectification_verify, self.tax_supervisor, "2026-09-29 09:00", valid=True
        )
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_verify,
                self.tax_supervisor,
                "2026-09-29 10:00",
                valid=False,
            )
        self.assertEqual(caught.exception.code, RatingError.NOT_ALLOWED_IN_STATE)


class InvalidAndAppealTests(RatingTestCase):
    def setUp(self) -> None:
        rating = self.rate(
            self.on_the_spot("2026-09-28 14:00"),
            Level.VERY_DISSATISFIED,
            "2026-09-28 15:00",
        )
        self.rectification = rating.rectification

    def act(self, step: object, actor: object, when: str, **params: object) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.rectification = step(  # type: ignore[operator]
                actor=actor, rectification=self.rectification, now=at(when), **params
            )

    def test_found_invalid_with_a_reason_the_rating_stops_counting(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_verify,
                self.tax_supervisor,
                "2026-09-29 09:00",
                valid=False,
            )
        self.assertEqual(caught.exception.code, RatingError.REASON_MISSING)
        self.act(
            rectification_verify,
            self.tax_supervisor,
            "2026-09-29 09:00",
            valid=False,
            reason="评价内容与本事项无关（针对停车收费）",
        )
        r = self.rectification
        self.assertEqual((r.status, r.valid), (S.INVALID, False))
        self.assertFalse(r.rating.counted)
        self.assertEqual(actions_for(self.tax_supervisor, r), [])

    def test_an_upheld_appeal_makes_the_rating_invalid(self) -> None:
        self.act(
            rectification_verify, self.tax_supervisor, "2026-09-29 09:00", valid=True
        )
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_appeal, self.tax_supervisor, "2026-09-29 10:00", text="x"
            )
        self.assertEqual(caught.exception.code, RatingError.NOT_YOURS)
        mail.outbox.clear()
        self.act(
            rectification_appeal,
            self.tax_clerk,
            "2026-09-29 10:00",
            text="申请人材料不全，已一次性告知，非服务问题",
        )
        self.assertEqual([m.to for m in mail.outbox], [["tax_supervisor@example.cn"]])
        self.act(
            rectification_rectify, self.tax_clerk, "2026-09-29 11:00", measures="x"
        )
        with self.assertRaises(ServiceError) as caught:
            self.act(rectification_reply, self.tax_clerk, "2026-09-29 11:00", text="x")
        self.assertEqual(caught.exception.code, RatingError.APPEAL_PENDING)
        self.act(
            appeal_decide,
            self.tax_supervisor,
            "2026-09-30 09:00",
            decision=AppealDecision.UPHELD,
            note="经调阅录像，窗口服务规范",
        )
        r = self.rectification
        self.assertEqual((r.status, r.valid), (S.INVALID, False))
        self.assertEqual(r.appeal_decided_by, self.tax_supervisor)
        self.assertFalse(r.rating.counted)

    def test_a_rejected_appeal_leaves_the_rectification_running_and_is_final(
        self,
    ) -> None:
        self.act(
            rectification_verify, self.tax_supervisor, "2026-09-29 09:00", valid=True
        )
        self.act(
            rectification_appeal, self.tax_clerk, "2026-09-29 10:00", text="不认可"
        )
        self.act(
            appeal_decide,
            self.tax_supervisor,
            "2026-09-30 09:00",
            decision=AppealDecision.REJECTED,
            note="等候超时属实",
        )
        self.assertEqual(self.rectification.status, S.RECTIFYING)
        self.assertTrue(self.rectification.rating.counted)
        with self.assertRaises(ServiceError) as caught:
            self.act(
                rectification_appeal,
                self.tax_clerk,
                "2026-09-30 10:00",
                text="再次申诉",
            )
        self.assertEqual(caught.exception.code, RatingError.ALREADY_APPEALED)
