"""One case from the window to the pickup, with every deadline checked against the calendar.

Calendar facts used (国务院办公厅关于2026年部分节假日安排的通知): 10月1日至7日
放假调休, 9月20日（星期日）、10月10日（星期六）上班. Office hours 08:30–12:00,
13:30–17:30 (7.5 h a day).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from onestop.cases.models import CaseStatus, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.circulation.services import case_act
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake, case_supplement
from onestop.notifications.sms import LocmemBackend

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(SH).strftime("%Y-%m-%d %H:%M")


class WholeCaseTests(CaseTestCase):
    def test_notice_supplement_steps_suspension_extension_completion_and_pickup(
        self,
    ) -> None:
        LocmemBackend.outbox.clear()
        # Friday 25 September: the deregistration form is missing; the clearance is defective.
        case = case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=[
                MaterialCheck(position=1, received=False),
                MaterialCheck(position=2, received=True, form="original", count=1),
                MaterialCheck(
                    position=3,
                    received=True,
                    form="copy",
                    count=2,
                    defective=True,
                    defect_reason="未加盖公章",
                ),
            ],
            outcome=Outcome.NOTICE,
            now=at("2026-09-25 15:00"),
        )
        self.assertEqual(
            (case.status, case.notice_count), (CaseStatus.AWAITING_SUPPLEMENT, 1)
        )
        notice = case.documents.get()
        self.assertEqual(
            [o["name"] for o in notice.content["owed"]],
            ["注销税务登记申请表", "清税证明"],
        )
        self.assertEqual(notice.content["owed"][1]["reason"], "未加盖公章")
        self.assertTrue(case.number.startswith("TAX20260925"))

        # Monday 28 September 10:00: the supplement completes the file; accepted.
        case = case_supplement(
            actor=self.tax_clerk,
            case=case,
            expected_version=case.lock_version,
            checks=[
                MaterialCheck(position=1, received=True, form="original", count=1),
                MaterialCheck(position=3, received=True, form="copy", count=2),
            ],
            outcome=Outcome.ACCEPTED,
            now=at("2026-09-28 10:00"),
        )
        # 10 working days after 28 Sep: 29, 30 Sep, 8, 9, 10 (Sat, make-up), 12–16 Oct.
        self.assertEqual(local(case.due_at), "2026-10-16 17:30")
        self.assertEqual(
            local(case.current_step.due_at), "2026-10-08 17:30"
        )  # 审核: 3 days
        # Yellow at 20% of 75 h left: 15 h = two working days before the deadline.
        self.assertEqual(local(case.yellow_at), "2026-10-14 17:30")
        receipt = case.documents.get(kind="receipt")
        self.assertEqual(receipt.content["due_at"][:16], "2026-10-16T17:30")

        # 审核 approved on 30 Sep → 审批 (2 days): 8 and 9 Oct.
        case = case_act(
            actor=self.handler,
            case=case,
            action="approve",
            expected_version=case.lock_version,
            now=at("2026-09-30 11:00"),
        )
        self.assertEqual(case.current_step.name, "审批")
        self.assertEqual(local(case.current_step.due_at), "2026-10-09 17:30")

        # Expert review 8 Oct 09:00 – 12 Oct 09:00: 7 h + 7.5 h + 7.5 h (Sat) + 0.5 h = 22.5 h.
        case = case_act(
            actor=self.handler,
            case=case,
            action="suspend",
            reason="expert_review",
            note="委托第三方鉴定",
            expected_version=case.lock_version,
            now=at("2026-10-08 09:00"),
        )
        self.assertEqual((case.status, case.due_at), (CaseStatus.SUSPENDED, None))
        case = case_act(
            actor=self.handler,
            case=case,
            action="resume",
            expected_version=case.lock_version,
            now=at("2026-10-12 09:00"),
        )
        self.assertEqual(
            local(case.due_at), "2026-10-21 17:30"
        )  # 16 Oct + 3 working days
        self.assertEqual(
            local(case.current_step.due_at), "2026-10-13 17:30"
        )  # 9 Oct + 10 (Sat), 12, 13

        # Extension of 5 days: requested by the handler, approved by the supervisor.
        case = case_act(
            actor=self.handler,
            case=case,
            action="extend_request",
            days=5,
            reason="需补充调查",
            expected_version=case.lock_version,
            now=at("2026-10-13 09:00"),
        )
        case = case_act(
            actor=self.tax_supervisor,
            case=case,
            action="extend_approve",
            expected_version=case.lock_version,
            now=at("2026-10-13 10:00"),
        )
        self.assertEqual(
            local(case.due_at), "2026-10-28 17:30"
        )  # 22, 23, 26, 27, 28 Oct
        self.assertEqual(
            case.documents.get(kind="extension").content["extension"]["days"], 5
        )

        case = case_act(
            actor=self.handler,
            case=case,
            action="complete",
            expected_version=case.lock_version,
            now=at("2026-10-14 10:00"),
        )
        self.assertEqual(case.status, CaseStatus.COMPLETED)
        case = case_act(
            actor=self.tax_clerk,
            case=case,
            action="hand_over",
            way="window",
            collected_by="王会计（身份证末四位 0012）",
            expected_version=case.lock_version,
            now=at("2026-10-15 09:30"),
        )
        self.assertEqual(case.status, CaseStatus.DELIVERED)

        actions = list(case.events.values_list("action", flat=True))
        self.assertEqual(
            actions,
            [
                "intake",
                "supplement",
                "approve",
                "suspend",
                "resume",
                "extend_request",
                "extend_approve",
                "complete",
                "hand_over",
            ],
        )
        kinds = [
            n.kind for n in case.notifications.order_by("id") if n.channel == "sms"
        ]
        self.assertEqual(kinds, ["notice", "receipt", "extension", "completion"])

    def test_messages_leave_only_after_the_action_commits(self) -> None:
        LocmemBackend.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            case = case_intake(
                actor=self.tax_clerk,
                organisation=self.tax,
                item_code="DJ-ZX",
                channel="counter",
                applicant=APPLICANT,
                checks=[
                    MaterialCheck(position=p, received=True, form="original", count=2)
                    for p in (1, 2, 3)
                ],
                outcome=Outcome.ACCEPTED,
                now=at("2026-09-28 10:00"),
            )
            self.assertEqual(LocmemBackend.outbox, [])
        self.assertEqual(len(callbacks), 2)  # SMS and e-mail
        self.assertEqual(len(LocmemBackend.outbox), 1)
        self.assertEqual(LocmemBackend.outbox[0]["to"], "13812345678")
        self.assertIn(case.number, LocmemBackend.outbox[0]["text"])
        self.assertIn("2026-10-16 17:30", LocmemBackend.outbox[0]["text"])
        sms = case.notifications.get(channel="sms")
        self.assertEqual((sms.status, sms.recipient), ("sent", "138****5678"))


class CalendarEndTests(CaseTestCase):
    def test_a_deadline_beyond_the_holiday_data_is_refused_not_guessed(self) -> None:
        from django.utils import translation

        from onestop.cases.models import Case
        from onestop.common.errors import ServiceError

        with self.assertRaises(ServiceError) as caught:
            case_intake(
                actor=self.tax_clerk,
                organisation=self.tax,
                item_code="DJ-ZX",
                channel="counter",
                applicant=APPLICANT,
                checks=[
                    MaterialCheck(position=p, received=True, form="original", count=2)
                    for p in (1, 2, 3)
                ],
                outcome=Outcome.ACCEPTED,
                now=at("2026-12-24 10:00"),
            )
        with translation.override("en"):
            self.assertIn(
                "enter the State Council's holiday notice for 2027",
                caught.exception.message,
            )
        self.assertFalse(Case.objects.exists())
