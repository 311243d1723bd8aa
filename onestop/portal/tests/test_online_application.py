"""Applying online: what is kept, what is refused, and that a refusal keeps nothing."""

from __future__ import annotations

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from onestop.cases.testing import APPLICANT
from onestop.catalog.models import ServiceItem
from onestop.common.models import AuditEvent
from onestop.common.testing import make_item
from onestop.portal import services
from onestop.portal.models import ApplicationStatus, OnlineApplication, UploadedMaterial
from onestop.portal.testing import (
    EXE,
    JPEG,
    PDF,
    PortalTestCase,
    application_post,
    files_in,
    jpeg,
    pdf,
    png,
)
from onestop.portal.uploads import Upload


class ApplyTestCase(PortalTestCase):
    def apply(self, data: dict, **extra: str):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("online_apply", args=["tax", "DJ-ZX"]), data, **extra
        )

    def assert_nothing_kept(self) -> None:
        self.assertFalse(OnlineApplication.objects.exists())
        self.assertFalse(UploadedMaterial.objects.exists())
        self.assertEqual(files_in(self.media), [])


class SubmittingTests(ApplyTestCase):
    def test_the_guide_links_to_the_online_form_only_when_the_item_is_online(
        self,
    ) -> None:
        guide = reverse("guide", args=["tax", "DJ-ZX"])
        form = reverse("online_apply", args=["tax", "DJ-ZX"])
        self.assertContains(self.client.get(guide), form)
        ServiceItem.objects.filter(pk=self.item.pk).update(online_available=False)
        self.assertNotContains(self.client.get(guide), form)
        self.assertEqual(self.client.get(form).status_code, 404)

    def test_the_form_asks_for_one_file_per_material_of_the_version(self) -> None:
        page = self.client.get(reverse("online_apply", args=["tax", "DJ-ZX"]))
        self.assertContains(page, 'name="material_1"')
        self.assertContains(page, 'name="material_3"')
        self.assertNotContains(page, 'name="material_4"')
        self.assertContains(page, "注销税务登记申请表")
        self.assertContains(page, "已办理清税的")  # the conditional one's condition
        self.assertContains(page, 'accept=".pdf,.jpg,.jpeg,.png')
        self.assertContains(page, "csrfmiddlewaretoken")

    def test_a_complete_application_is_kept_with_its_files_and_shows_a_reference(
        self,
    ) -> None:
        response = self.apply(application_post(material_3=png()))
        application = OnlineApplication.objects.get()
        self.assertRedirects(
            response,
            reverse("online_application", args=["tax", application.token]),
        )
        self.assertEqual(application.status, ApplicationStatus.SUBMITTED)
        self.assertEqual(application.organisation, self.tax)
        self.assertEqual(application.item_version, self.item.versions.get())
        self.assertRegex(application.reference, r"^W\d{8}[2-9A-Z]{6}$")
        uploads = list(application.uploads.order_by("position"))
        self.assertEqual(
            [(u.position, u.content_type, u.size) for u in uploads],
            [
                (1, "application/pdf", len(PDF)),
                (2, "image/jpeg", len(JPEG)),
                (3, "image/png", len(uploads[2].file.read())),
            ],
        )
        self.assertEqual(uploads[0].original_name, "申请表.pdf")
        self.assertEqual(uploads[0].material_name, "注销税务登记申请表")
        stored = files_in(self.media)
        self.assertEqual(len(stored), 3)
        # Stored under uploads/<random>/ with no trace of the applicant's file name.
        for path in stored:
            self.assertEqual(path.relative_to(self.media).parts[0], "uploads")
            self.assertNotIn("申请表", str(path))
        self.assertTrue(
            AuditEvent.objects.filter(verb="portal.application_submitted").exists()
        )

    def test_the_confirmation_shows_the_reference_but_no_personal_data(self) -> None:
        response = self.apply(application_post(), follow=True)
        application = OnlineApplication.objects.get()
        self.assertContains(response, application.reference)
        self.assertContains(response, "注销税务登记")
        for personal in ("长春市示例商贸", "13812345678", "5678", "91350100M000100Y43"):
            self.assertNotContains(response, personal)
        self.assertNotIn(application.reference, response.redirect_chain[0][0])
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_conditional_material_may_be_left_out(self) -> None:
        self.apply(application_post())
        self.assertEqual(OnlineApplication.objects.get().uploads.count(), 2)

    def test_csrf_is_checked_on_the_upload_form(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            reverse("online_apply", args=["tax", "DJ-ZX"]), application_post()
        )
        self.assertEqual(response.status_code, 403)
        self.assert_nothing_kept()

    def test_an_item_of_another_organisation_is_not_found(self) -> None:
        make_item(self.uni, self.uni_structure, code="U-ON", online_available=True)
        self.assertEqual(
            self.client.get(reverse("online_apply", args=["tax", "U-ON"])).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(reverse("online_apply", args=["uni", "U-ON"])).status_code,
            200,
        )

    def test_the_applicant_may_withdraw_until_the_window_takes_it_in(self) -> None:
        self.apply(application_post())
        application = OnlineApplication.objects.get()
        url = reverse("online_application_withdraw", args=["tax", application.token])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        application.refresh_from_db()
        self.assertEqual(application.status, ApplicationStatus.WITHDRAWN)

    def test_an_unknown_token_is_not_found(self) -> None:
        self.apply(application_post())
        token = OnlineApplication.objects.get().token
        self.assertEqual(
            self.client.get(
                reverse("online_application", args=["tax", "x" * 43])
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(
                reverse("online_application", args=["uni", token])
            ).status_code,
            404,
        )


class RefusalTests(ApplyTestCase):
    """Each refusal names the material, in the reader's language, and keeps nothing."""

    def test_a_renamed_program_is_refused_by_its_content(self) -> None:
        fake = SimpleUploadedFile("申请表.pdf", EXE, content_type="application/pdf")
        response = self.apply(
            application_post(material_1=fake), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "“注销税务登记申请表”: only PDF, JPG or PNG files are accepted, and "
            "“申请表.pdf” is not one of them.",
        )
        self.assertContains(response, "Nothing has been saved.")
        self.assert_nothing_kept()

    def test_the_refusal_is_in_chinese_by_default(self) -> None:
        fake = SimpleUploadedFile("setup.exe", EXE)
        response = self.apply(application_post(material_1=fake))
        self.assertContains(
            response,
            "“注销税务登记申请表”：只接受 PDF、JPG 或 PNG 文件，“setup.exe”不是。",
        )
        self.assertContains(response, "没有保存任何内容。")
        self.assert_nothing_kept()

    def test_a_right_content_with_a_wrong_name_is_refused(self) -> None:
        renamed = SimpleUploadedFile("申请表.docx", PDF)
        response = self.apply(
            application_post(material_1=renamed), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "“申请表.docx” is not one of them.")
        self.assert_nothing_kept()

    @override_settings(ONESTOP_UPLOAD_MAX_FILE_BYTES=1000)
    def test_a_file_over_the_limit_is_refused_naming_its_size(self) -> None:
        big = SimpleUploadedFile("身份证.jpg", JPEG + b"\x00" * 2000)
        response = self.apply(
            application_post(material_2=big), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(
            response,
            "“经办人身份证件”: the file is 2.0\xa0KB; each file may be at most "
            "1000\xa0bytes.",
        )
        self.assert_nothing_kept()

    @override_settings(ONESTOP_UPLOAD_MAX_FILE_BYTES=1000)
    def test_the_size_refusal_in_chinese(self) -> None:
        big = SimpleUploadedFile("身份证.jpg", JPEG + b"\x00" * 2000)
        response = self.apply(application_post(material_2=big))
        self.assertContains(response, "“经办人身份证件”：文件大小为 2.0\xa0KB")
        self.assert_nothing_kept()

    @override_settings(ONESTOP_UPLOAD_MAX_TOTAL_BYTES=300)
    def test_files_over_the_total_are_refused_together(self) -> None:
        data = application_post(
            material_1=SimpleUploadedFile("a.pdf", PDF + b" " * 150),
            material_2=SimpleUploadedFile("b.jpg", JPEG + b"\x00" * 150),
        )
        response = self.apply(data, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "The files together are")
        self.assertContains(response, "one application may hold at most 300\xa0bytes.")
        self.assert_nothing_kept()

    def test_a_missing_required_material_is_named(self) -> None:
        response = self.apply(
            application_post(material_2=None), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "“经办人身份证件” is required: upload it.")
        self.assert_nothing_kept()

    def test_an_empty_file_is_named(self) -> None:
        empty = SimpleUploadedFile("b.jpg", b"")
        response = self.apply(
            application_post(material_2=empty), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "“经办人身份证件”: the file is empty.")
        self.assert_nothing_kept()

    def test_a_bad_phone_is_refused_and_the_files_are_not_kept(self) -> None:
        response = self.apply(
            application_post(applicant_phone="12345"), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "Enter a mobile number of 11 digits")
        self.assert_nothing_kept()

    def test_every_problem_is_listed_at_once(self) -> None:
        data = application_post(
            material_1=SimpleUploadedFile("x.pdf", EXE), material_2=None
        )
        response = self.apply(data, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "“注销税务登记申请表”: only PDF")
        self.assertContains(response, "“经办人身份证件” is required")

    def test_a_file_store_failure_leaves_no_file_behind(self) -> None:
        # The second file is written, then its row fails: both files must go.
        real_save = services.UploadedMaterial.save
        calls = []

        def save_then_fail(row, *args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(row)
            if len(calls) == 2:
                raise OSError("database went away")
            return real_save(row, *args, **kwargs)

        with (
            mock.patch.object(services.UploadedMaterial, "save", save_then_fail),
            self.assertRaises(OSError),
        ):
            services.application_submit(
                organisation=self.tax,
                item_code="DJ-ZX",
                applicant=APPLICANT,
                uploads=[
                    Upload(position=1, file=pdf()),
                    Upload(position=2, file=jpeg()),
                ],
            )
        self.assert_nothing_kept()


class PrivacyOfFilesTests(ApplyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.apply(application_post())
        self.application = OnlineApplication.objects.get()
        self.file_url = reverse(
            "staff:online_application_file", args=[self.application.pk, 1]
        )

    def test_the_intake_clerk_sees_the_file_with_its_real_type(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.get(self.file_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertIn("inline", response["Content-Disposition"])
        self.assertIn(self.application.reference, response["Content-Disposition"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_the_public_and_other_organisations_cannot_reach_it(self) -> None:
        anonymous = self.client.get(self.file_url)
        self.assertEqual(anonymous.status_code, 302)
        self.assertIn(reverse("login"), anonymous["Location"])
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(self.file_url).status_code, 404)
        self.login(self.citizen)
        self.assertEqual(self.client.get(self.file_url).status_code, 403)

    def test_staff_without_intake_rights_cannot_reach_it(self) -> None:
        self.login(self.handler)  # back office: handles steps, does not take in
        self.assertEqual(self.client.get(self.file_url).status_code, 403)

    def test_the_stored_file_has_no_public_address(self) -> None:
        upload = self.application.uploads.first()
        with self.assertRaises(ValueError):
            upload.file.url  # noqa: B018
        path = upload.file.name
        self.assertEqual(self.client.get(f"/{path}").status_code, 404)
        self.assertEqual(self.client.get(f"/media/{path}").status_code, 404)
