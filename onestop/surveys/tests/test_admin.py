"""The surveys admin: read only, within the organisation, phones masked."""

from __future__ import annotations

from django.urls import reverse

from onestop.surveys.models import Channel, Invitation
from onestop.surveys.testing import SurveyTestCase, at


class SurveyAdminTests(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.response = self.respond(phone="13812345678")
        self.invitation = Invitation.objects.create(
            organisation=self.uni,
            questionnaire=self.sat,
            token="tok-admin",
            channel=Channel.PHONE,
            respondent_phone="13912345678",
            created_at=at("2026-10-09 09:00"),
        )

    def test_lists_show_phones_masked(self) -> None:
        self.login(self.uni_admin)
        for name, raw, masked in (
            ("admin:surveys_response_changelist", "13812345678", "138****5678"),
            ("admin:surveys_invitation_changelist", "13912345678", "139****5678"),
            (
                "admin:surveys_response_change",
                "13812345678",
                "138****5678",
            ),
        ):
            with self.subTest(name):
                args = [self.response.pk] if name.endswith("_change") else []
                page = self.client.get(reverse(name, args=args))
                self.assertContains(page, masked)
                self.assertNotContains(page, raw)

    def test_nothing_can_be_added_changed_or_deleted(self) -> None:
        self.login(self.uni_admin)
        self.assertEqual(
            self.client.get(reverse("admin:surveys_questionnaire_add")).status_code,
            403,
        )
        url = reverse("admin:surveys_questionnaire_change", args=[self.sat.pk])
        self.assertContains(self.client.get(url), "维修服务满意度回访")
        self.client.post(url, {"title": "改名"})
        self.sat.refresh_from_db()
        self.assertEqual(self.sat.title, "维修服务满意度回访")
        self.assertEqual(
            self.client.post(
                reverse("admin:surveys_questionnaire_delete", args=[self.sat.pk]),
                {"post": "yes"},
            ).status_code,
            403,
        )

    def test_another_organisations_admin_sees_none_of_it(self) -> None:
        self.login(self.tax_admin)
        listing = self.client.get(reverse("admin:surveys_questionnaire_changelist"))
        self.assertNotContains(listing, "维修服务满意度回访")
        page = self.client.get(
            reverse("admin:surveys_response_change", args=[self.response.pk])
        )
        self.assertNotEqual(page.status_code, 200)
