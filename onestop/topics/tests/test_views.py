"""The topics pages: what each role may open, and organisation isolation on every one."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from onestop.common.testing import OneStopTestCase
from onestop.topics import services
from onestop.topics.models import ClassifierVersion, ContactNote, LabelSource, Reason
from onestop.topics.samples import PLANTED
from onestop.topics.testing import notes_populate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@time_machine.travel("2026-11-27 10:00 +0800", tick=False)
class PageTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.reasons = notes_populate(cls.uni, per_week=40, planted=10)
        cls.note = ContactNote.objects.filter(organisation=cls.uni).first()
        cls.tax_note = services.note_record(
            organisation=cls.tax, actor=None, text="发票领用需要带什么材料"
        )

    def test_digest_names_the_emerging_topic(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:topics_digest") + "?week=2026-11-25")
        self.assertContains(response, f'data-phrase="{PLANTED}"')
        self.assertContains(response, "<svg")

    def test_digest_defaults_to_the_last_full_week(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:topics_digest"))
        self.assertEqual(response.context["digest"].week.isoformat(), "2026-11-16")
        self.assertNotContains(response, f'data-phrase="{PLANTED}"')

    def test_digest_of_another_organisation_shows_none_of_its_notes(self) -> None:
        self.login(self.tax_admin)
        response = self.client.get(reverse("staff:topics_digest") + "?week=2026-11-25")
        self.assertNotContains(response, PLANTED)
        self.assertEqual(response.context["digest"].notes, 1)

    def test_digest_workbook_downloads(self) -> None:
        self.login(self.uni_admin)
        response = self.client.get(
            reverse("staff:topics_digest_excel") + "?week=2026-11-25"
        )
        self.assertEqual(response["Content-Type"], XLSX)
        self.assertIn("hot-topics-2026-11-23.xlsx", response["Content-Disposition"])

    def test_a_technician_may_not_open_the_pages(self) -> None:
        self.login(self.uni_technician)
        for name in (
            "topics_digest",
            "topics_notes",
            "topics_reasons",
            "topics_classifier",
        ):
            with self.subTest(name=name):
                self.assertEqual(
                    self.client.get(reverse(f"staff:{name}")).status_code, 403
                )

    def test_a_clerk_writes_a_note_and_it_gets_a_reason(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.post(
            reverse("staff:topics_notes"),
            {"text": "3号楼停电了，插座都没电，电话13912345678", "case_number": ""},
        )
        note = ContactNote.objects.latest("id")
        self.assertRedirects(response, reverse("staff:topics_note", args=[note.pk]))
        self.assertEqual(note.rule_reason, self.reasons["报修 › 水电"])
        self.assertIsNotNone(note.predicted_reason)
        page = self.client.get(reverse("staff:topics_note", args=[note.pk]))
        self.assertContains(page, "139****5678")
        self.assertNotContains(page, "13912345678")

    def test_an_empty_note_or_unknown_case_is_refused_naming_the_field(self) -> None:
        self.login(self.uni_clerk)
        before = ContactNote.objects.count()
        response = self.client.post(
            reverse("staff:topics_notes"), {"text": "宿舍停电", "case_number": "NOPE-1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["case_number"])
        self.assertEqual(ContactNote.objects.count(), before)

    def test_correcting_a_note_on_the_page_labels_it_and_retrains(self) -> None:
        self.login(self.uni_clerk)
        url = reverse("staff:topics_note", args=[self.note.pk])
        reason = self.reasons["投诉 › 服务态度"]
        response = self.client.post(url, {"reason": reason.pk})
        self.assertRedirects(response, reverse("staff:topics_notes"))
        self.note.refresh_from_db()
        self.assertEqual(
            (self.note.reason, self.note.reason_source), (reason, LabelSource.STAFF)
        )
        self.assertEqual(
            ClassifierVersion.objects.filter(organisation=self.uni).count(), 2
        )

    def test_another_organisations_note_is_not_found(self) -> None:
        self.login(self.tax_admin)
        url = reverse("staff:topics_note", args=[self.note.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        tax_reason = services.reason_create(
            organisation=self.tax, actor=None, name="咨询"
        )
        self.assertEqual(
            self.client.post(url, {"reason": tax_reason.pk}).status_code, 404
        )

    def test_a_uni_reason_cannot_label_a_tax_note(self) -> None:
        self.login(self.tax_admin)
        url = reverse("staff:topics_note", args=[self.tax_note.pk])
        response = self.client.post(url, {"reason": self.reasons["报修 › 水电"].pk})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["reason"])
        self.tax_note.refresh_from_db()
        self.assertIsNone(self.tax_note.reason)

    def test_note_list_shows_only_own_notes(self) -> None:
        self.login(self.tax_admin)
        response = self.client.get(reverse("staff:topics_notes") + "?show=all")
        self.assertEqual(list(response.context["page"]), [self.tax_note])

    def test_reason_tree_page_adds_a_reason_and_lists_only_own(self) -> None:
        self.login(self.tax_admin)
        response = self.client.post(
            reverse("staff:topics_reasons"),
            {"name": "咨询", "keywords": "发票 申报", "priority": 10},
        )
        self.assertRedirects(response, reverse("staff:topics_reasons"))
        page = self.client.get(reverse("staff:topics_reasons"))
        self.assertContains(page, "发票 申报")
        self.assertNotContains(page, "门窗家具")
        self.assertTrue(
            Reason.objects.filter(organisation=self.tax, name="咨询").exists()
        )

    def test_reason_form_refuses_another_organisations_parent(self) -> None:
        self.login(self.tax_admin)
        response = self.client.post(
            reverse("staff:topics_reasons"),
            {"name": "x", "parent": self.reasons["报修"].pk, "priority": 10},
        )
        self.assertTrue(response.context["form"].errors["parent"])
        self.assertFalse(Reason.objects.filter(organisation=self.tax).exists())

    def test_classifier_page_shows_accuracy_of_own_versions_only(self) -> None:
        self.login(self.uni_admin)
        response = self.client.get(reverse("staff:topics_classifier"))
        self.assertEqual(len(response.context["versions"]), 1)
        self.login(self.tax_admin)
        response = self.client.get(reverse("staff:topics_classifier"))
        self.assertContains(response, '<td colspan="6">')

    def test_training_without_labels_shows_the_reason(self) -> None:
        self.login(self.tax_admin)
        response = self.client.post(
            reverse("staff:topics_classifier_train"), follow=True
        )
        self.assertFalse(
            ClassifierVersion.objects.filter(organisation=self.tax).exists()
        )
        self.assertEqual(len(list(response.context["messages"])), 1)

    def test_a_clerk_may_not_train_or_define_reasons(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(
            self.client.post(reverse("staff:topics_classifier_train")).status_code, 403
        )
        self.assertEqual(
            self.client.get(reverse("staff:topics_reasons")).status_code, 403
        )
