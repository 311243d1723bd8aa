"""The public portal on a phone (390 px): apply with files, book a time, track a case.

Set ``ONESTOP_SCREENSHOT_DIR`` to keep a full-page screenshot of each page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import time, timedelta
from pathlib import Path

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.cases.models import Outcome
from onestop.cases.testing import APPLICANT, populate_case_fixture
from onestop.catalog.models import ServiceItem
from onestop.circulation.tests.test_concurrency import ALL_BROUGHT
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import populate_two_organisations
from onestop.intake.services import case_intake
from onestop.portal.models import OnlineApplication
from onestop.portal.testing import EXE, JPEG, PDF

PHONE = {"width": 390, "height": 844}
MEDIA = tempfile.mkdtemp(prefix="onestop-browser-media-")


@override_settings(
    MEDIA_ROOT=MEDIA,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)
class PortalOnAPhoneTests(BrowserTestCase):
    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        populate_two_organisations(self)
        populate_case_fixture(self)
        ServiceItem.objects.filter(pk=self.item.pk).update(online_available=True)
        self.page.set_viewport_size(PHONE)

    def shoot(self, name: str) -> None:
        folder = os.environ.get("ONESTOP_SCREENSHOT_DIR")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=f"{folder}/{name}.png", full_page=True)

    def assert_fits_the_phone(self) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, PHONE["width"], "the page scrolls sideways")

    def fill_applicant(self) -> None:
        self.page.check("#id_applicant_kind_1")
        self.page.fill("#id_applicant_name", APPLICANT.name)
        self.page.fill("#id_applicant_phone", APPLICANT.phone)
        self.page.fill("#id_contact_person", APPLICANT.contact_person)

    def test_applying_online_from_the_guide(self) -> None:
        self.page.goto(self.url("/o/tax/items/DJ-ZX/"))
        self.page.click("a[href='/o/tax/apply/DJ-ZX/']")
        self.assert_fits_the_phone()
        self.shoot("apply-form")
        self.fill_applicant()
        self.page.set_input_files(
            "#id_material_1",
            {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": PDF},
        )
        self.page.set_input_files(
            "#id_material_2",
            {"name": "身份证.exe", "mimeType": "image/jpeg", "buffer": EXE},
        )
        self.page.click("button.primary.wide")
        alert = self.page.locator(".error-list")
        alert.wait_for()
        self.assertIn("经办人身份证件", alert.inner_text())
        self.assertFalse(OnlineApplication.objects.exists())
        self.assert_fits_the_phone()
        self.shoot("apply-refused")

        self.page.set_input_files(
            "#id_material_1",
            {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": PDF},
        )
        self.page.set_input_files(
            "#id_material_2",
            {"name": "身份证.jpg", "mimeType": "image/jpeg", "buffer": JPEG},
        )
        self.page.click("button.primary.wide")
        self.page.locator("[data-reference]").wait_for()
        application = OnlineApplication.objects.get()
        self.assertEqual(
            self.page.inner_text("[data-reference]"), application.reference
        )
        self.assertEqual(application.uploads.count(), 2)
        self.assert_fits_the_phone()
        self.shoot("apply-done")

    def test_booking_a_time_and_cancelling_it(self) -> None:
        day = timezone.localdate() + timedelta(days=2)
        slot = AppointmentSlot.objects.create(
            organisation=self.tax,
            window_type=self.tax_structure["window_type"],
            day=day,
            start=time(9),
            end=time(10),
            capacity=3,
        )
        AppointmentSlot.objects.create(
            organisation=self.tax,
            window_type=self.tax_structure["window_type"],
            day=day,
            start=time(10),
            end=time(11),
            capacity=1,
            booked=1,
        )
        self.page.goto(self.url("/o/tax/appointments/"))
        self.page.click("nav.choice a")
        self.assert_fits_the_phone()
        self.shoot("book-slots")
        self.page.click(f"a[href='/o/tax/appointments/slots/{slot.pk}/']")
        self.page.fill("#id_name", "李雷")
        self.page.fill("#id_phone", "138 1234 5678")
        self.shoot("book-form")
        self.page.click("button.primary.wide")
        self.page.locator("[data-code]").wait_for()
        appointment = Appointment.objects.get()
        self.assertEqual(self.page.inner_text("[data-code]"), appointment.code)
        self.assert_fits_the_phone()
        self.shoot("book-done")

        self.page.on("dialog", lambda dialog: dialog.accept())
        self.page.click("form[action$='/cancel/'] button")
        self.page.wait_for_load_state()
        self.page.locator("form[action$='/cancel/']").wait_for(state="detached")
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, AppointmentStatus.CANCELLED)

    def test_tracking_a_case(self) -> None:
        case = case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=ALL_BROUGHT,
            outcome=Outcome.ACCEPTED,
        )
        self.page.goto(self.url("/o/tax/status/"))
        self.page.fill("#id_number", case.number)
        self.page.fill("#id_phone_last4", "0000")
        self.page.click("button.primary.wide")
        self.page.locator(".notice.error").wait_for()
        self.assertEqual(self.page.locator(".result").count(), 0)
        self.page.fill("#id_phone_last4", "5678")
        self.page.click("button.primary.wide")
        self.page.locator(".result").wait_for()
        result = self.page.inner_text(".result")
        self.assertIn(case.number, result)
        self.assertNotIn(APPLICANT.name, self.page.content())
        self.assertNotIn("/status/?", self.page.url)
        self.assert_fits_the_phone()
        self.shoot("status-found")


@override_settings(
    MEDIA_ROOT=MEDIA,
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)
class ClerkTakesInAnOnlineApplicationTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        populate_two_organisations(self)
        populate_case_fixture(self)
        ServiceItem.objects.filter(pk=self.item.pk).update(online_available=True)

    def test_from_the_online_queue_to_a_receipt(self) -> None:
        from onestop.common.testing import PASSWORD
        from onestop.portal.services import application_submit
        from onestop.portal.testing import jpeg, pdf, png
        from onestop.portal.uploads import Upload

        application = application_submit(
            organisation=self.tax,
            item_code="DJ-ZX",
            applicant=APPLICANT,
            uploads=[
                Upload(position=1, file=pdf()),
                Upload(position=2, file=jpeg()),
                Upload(position=3, file=png()),
            ],
        )
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.sign_in("tax_clerk", PASSWORD)
        self.page.goto(self.url("/staff/online-applications/"))
        self.shoot("staff-queue")
        self.page.click(f"tr[data-reference='{application.reference}'] a.button")
        self.page.locator(".online-application").wait_for()
        self.assertEqual(self.page.input_value("#id_applicant_name"), APPLICANT.name)
        self.assertEqual(self.page.locator(".upload-link").count(), 3)
        with self.context.expect_page() as opened:
            self.page.click(".upload-link >> nth=0")
        self.assertIn("/files/1/", opened.value.url)
        opened.value.close()
        self.shoot("staff-intake-prefilled")
        self.page.click("button[name=outcome][value=accepted]")
        self.page.wait_for_url(lambda url: "/documents/" in url)
        application.refresh_from_db()
        self.assertEqual(application.status, "processed")
        self.assertEqual(application.case.channel, "online")

    shoot = PortalOnAPhoneTests.shoot
