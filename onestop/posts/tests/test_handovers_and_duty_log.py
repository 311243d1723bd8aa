"""The material hand-over register and the duty log."""

from __future__ import annotations

import time_machine
from django.urls import reverse
from django.utils import translation

from onestop.common.errors import ServiceError
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.posts.models import DutyLogEntry, MaterialHandover
from onestop.posts.services import duty_log_write, handover_confirm, handover_register


class HandoverTests(OneStopTestCase):
    def register(self, **overrides: object) -> MaterialHandover:
        s = self.uni_structure
        arguments = dict(
            actor=self.uni_clerk,
            organisation=self.uni,
            reference="HQ20261130001",
            materials="维修申请表\n现场照片",
            copies=2,
            from_department=s["front"],
            to_user=self.uni_supervisor,
            to_department=s["back"],
        )
        arguments.update(overrides)
        return handover_register(**arguments)  # type: ignore[arg-type]

    @time_machine.travel("2026-11-30 09:15 +0800", tick=False)
    def test_a_hand_over_is_entered_with_its_time_and_audited(self) -> None:
        handover = self.register()
        self.assertEqual(
            handover.handed_over_at.isoformat(), "2026-11-30T01:15:00+00:00"
        )
        self.assertIsNone(handover.received_at)
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="posts.handover_registered", target_id=str(handover.pk)
            ).exists()
        )

    def test_the_receiver_confirms(self) -> None:
        handover = self.register()
        with time_machine.travel("2026-11-30 10:00 +0800", tick=False):
            confirmed = handover_confirm(actor=self.uni_supervisor, handover=handover)
        self.assertEqual(confirmed.received_at.isoformat(), "2026-11-30T02:00:00+00:00")

    def test_someone_else_may_not_confirm(self) -> None:
        handover = self.register()
        with self.assertRaises(ServiceError) as caught, translation.override("en"):
            handover_confirm(actor=self.uni_inspector, handover=handover)
        self.assertEqual(caught.exception.code.code, "not_the_receiver")
        handover.refresh_from_db()
        self.assertIsNone(handover.received_at)

    def test_confirming_twice_is_refused(self) -> None:
        handover = self.register()
        handover_confirm(actor=self.uni_supervisor, handover=handover)
        with self.assertRaises(ServiceError):
            handover_confirm(actor=self.uni_supervisor, handover=handover)

    def test_receiver_from_another_organisation_is_refused_and_nothing_written(
        self,
    ) -> None:
        with self.assertRaises(ServiceError) as caught:
            self.register(to_user=self.tax_clerk)
        self.assertEqual(caught.exception.field, "to_user")
        with translation.override("en"):
            self.assertEqual(
                "tax_clerk is not a member of this organisation.",
                caught.exception.message,
            )
        with translation.override("zh-hans"):
            self.assertEqual("tax_clerk 不是本单位人员。", caught.exception.message)
        self.assertFalse(MaterialHandover.objects.exists())

    def test_zero_copies_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            self.register(copies=0)
        self.assertEqual(caught.exception.field, "copies")
        self.assertFalse(MaterialHandover.objects.exists())

    def test_register_page_enters_and_confirms(self) -> None:
        self.login(self.uni_clerk)
        s = self.uni_structure
        response = self.client.post(
            reverse("staff:handovers"),
            {
                "reference": "HQ-1",
                "materials": "档案袋",
                "copies": 1,
                "from_department": s["front"].pk,
                "to_user": self.uni_supervisor.pk,
                "to_department": s["back"].pk,
                "due_at": "",
                "remarks": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        handover = MaterialHandover.objects.get(reference="HQ-1")
        self.assertEqual(handover.from_user, self.uni_clerk)
        self.login(self.uni_supervisor)
        self.client.post(reverse("staff:handover_confirm", args=[handover.pk]))
        handover.refresh_from_db()
        self.assertIsNotNone(handover.received_at)

    def test_register_page_refuses_a_blank_form_naming_the_fields(self) -> None:
        self.login(self.uni_clerk)
        with translation.override("en"):
            response = self.client.post(
                reverse("staff:handovers"),
                {"reference": "", "copies": ""},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            set(response.context["form"].errors),
            {
                "reference",
                "materials",
                "copies",
                "from_department",
                "to_user",
                "to_department",
            },
        )
        self.assertFalse(MaterialHandover.objects.exists())


class DutyLogTests(OneStopTestCase):
    def test_clerk_sees_own_entries_supervisor_sees_all(self) -> None:
        duty_log_write(
            actor=self.uni_clerk,
            organisation=self.uni,
            day="2026-11-30",
            shift="morning",
            summary="受理 12 件",
        )
        duty_log_write(
            actor=self.uni_technician,
            organisation=self.uni,
            day="2026-11-30",
            shift="day",
            summary="空调维修 3 处",
        )
        self.login(self.uni_clerk)
        page = self.client.get(reverse("staff:duty_log")).content.decode()
        self.assertIn("受理 12 件", page)
        self.assertNotIn("空调维修 3 处", page)
        self.login(self.uni_supervisor)
        page = self.client.get(reverse("staff:duty_log")).content.decode()
        self.assertIn("空调维修 3 处", page)

    def test_writing_through_the_page(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.post(
            reverse("staff:duty_log"),
            {
                "date": "2026-11-30",
                "shift": "day",
                "post": self.uni_structure["post"].pk,
                "summary": "大厅秩序良好",
                "incidents": "",
                "handover_notes": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(DutyLogEntry.objects.get().author, self.uni_clerk)

    def test_a_post_of_another_organisation_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            duty_log_write(
                actor=self.uni_clerk,
                organisation=self.uni,
                day="2026-11-30",
                shift="day",
                summary="x",
                post=self.tax_structure["post"],
            )
        self.assertEqual(caught.exception.field, "post")
        self.assertFalse(DutyLogEntry.objects.exists())


class PostsOverviewTests(OneStopTestCase):
    def test_one_post_many_people_and_one_person_many_posts(self) -> None:
        from onestop.organisations.models import Membership
        from onestop.posts.models import Post, PostAssignment

        post = self.uni_structure["post"]
        second = Post.objects.create(
            organisation=self.uni,
            department=self.uni_structure["back"],
            code="U-P2",
            name="后台审核岗",
            duties="审核材料",
        )
        clerk = Membership.objects.get(user=self.uni_clerk, organisation=self.uni)
        supervisor = Membership.objects.get(
            user=self.uni_supervisor, organisation=self.uni
        )
        PostAssignment.objects.create(post=post, membership=clerk, is_lead=True)
        PostAssignment.objects.create(post=post, membership=supervisor)
        PostAssignment.objects.create(post=second, membership=clerk)
        self.login(self.uni_clerk)
        with self.assertNumQueries(9):  # constant: no query per post or person
            response = self.client.get(reverse("staff:people"))
        self.assertContains(response, "uni_clerk", count=3)  # two posts + the header
        self.assertContains(response, "uni_supervisor")


class HandoverTimeTests(OneStopTestCase):
    def test_a_paper_confirmation_keeps_its_time_but_not_before_the_hand_over(
        self,
    ) -> None:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        shanghai = ZoneInfo("Asia/Shanghai")
        s = self.uni_structure
        handover = handover_register(
            actor=self.uni_clerk,
            organisation=self.uni,
            reference="HQ-9",
            materials="卷宗",
            copies=1,
            from_department=s["front"],
            to_user=self.uni_supervisor,
            to_department=s["back"],
            handed_over_at=datetime(2026, 11, 30, 9, 0, tzinfo=shanghai),
        )
        with self.assertRaises(ServiceError) as caught:
            handover_confirm(
                actor=self.uni_supervisor,
                handover=handover,
                at=datetime(2026, 11, 30, 8, 0, tzinfo=shanghai),
            )
        self.assertEqual(caught.exception.field, "received_at")
        confirmed = handover_confirm(
            actor=self.uni_supervisor,
            handover=handover,
            at=datetime(2026, 11, 30, 9, 40, tzinfo=shanghai),
        )
        self.assertEqual(
            confirmed.received_at, datetime(2026, 11, 30, 9, 40, tzinfo=shanghai)
        )
