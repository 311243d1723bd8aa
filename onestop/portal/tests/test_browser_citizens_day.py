"""Browser: a citizen's day at the tax hall, from the guide to the status lookup.

Finds the guide → books an appointment → checks in at the kiosk → is called on
the hall display (the number appears within 2 s) → the clerk takes the request
in at the window and completes it on the spot → the citizen rates it 不满意 →
the rectification runs to its reply → the citizen looks the case up by receipt
number. Screenshots of the display and the big screen go to var/screenshots/.
"""

from __future__ import annotations

from datetime import date, time

import time_machine
from django.conf import settings
from playwright.sync_api import expect

from onestop.appointments.models import AppointmentSlot
from onestop.cases.models import Case, CaseStatus
from onestop.cases.testing import populate_case_fixture
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_item, populate_two_organisations
from onestop.notifications.sms import LocmemBackend
from onestop.organisations.roles import roles_sync
from onestop.queueing.testing import populate_hall
from onestop.ratings.links import rating_path
from onestop.ratings.models import Rectification, RectificationStatus

SCREENSHOTS = settings.VAR_DIR / "screenshots"
PHONE = "13987654321"


class CitizensDayTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_hall(self)
        populate_case_fixture(self)  # the tax hall's supervisor
        self.tax.commitments = "一次性告知需补正的全部材料\n即办事项当场办结"
        self.tax.save(update_fields=["commitments"])
        make_item(
            self.tax, self.tax_structure, code="FP-LY", name="发票领用", promised=None
        )
        AppointmentSlot.objects.create(
            organisation=self.tax,
            window_type=self.general,
            day=date(2026, 9, 28),
            start=time(9, 0),
            end=time(10, 0),
            capacity=5,
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.hall = self.browser.new_context(
            locale="zh-CN", viewport={"width": 1920, "height": 1080}
        )
        self.addCleanup(self.hall.close)
        LocmemBackend.outbox.clear()

    def staff(self, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username, PASSWORD)

    def act(self, action: str, **fields: str) -> None:
        form = self.page.locator(f"form[data-action={action}]")
        form.locator("summary").click()
        for name, value in fields.items():
            radio = form.locator(f"input[type=radio][name={action}-{name}]")
            if radio.count():
                form.locator(f"input[name={action}-{name}][value={value}]").check()
            else:
                form.locator(f"[name={action}-{name}]").fill(value)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def test_a_citizens_day(self) -> None:
        citizen = self.browser.new_context(
            locale="zh-CN", viewport={"width": 390, "height": 844}
        )
        self.addCleanup(citizen.close)
        phone = citizen.new_page()
        with time_machine.travel("2026-09-25 20:00 +0800", tick=False) as clock:
            code = self.book_from_the_guide(phone)

            clock.move_to("2026-09-28 09:05 +0800")
            number = self.check_in_at_the_kiosk(code)
            display = self.hall.new_page()
            display.goto(self.url("/o/tax/display/"))
            self.call_at_window_two(number, display)

            case = self.complete_on_the_spot()
            self.assertEqual(case.status, CaseStatus.DELIVERED)

            clock.move_to("2026-09-28 09:30 +0800")
            phone.goto(self.url(rating_path(case)))
            phone.click("button[name=level][value='2']")  # 不满意
            phone.wait_for_selector("[data-rated='2']")

            clock.move_to("2026-09-28 14:00 +0800")
            self.rectify_to_the_reply(case)
            self.big_screen()

            clock.move_to("2026-09-29 10:00 +0800")
            self.look_up(phone, case)

    def book_from_the_guide(self, phone) -> str:
        phone.goto(self.url("/o/tax/?q=发票"))
        phone.click("text=发票领用")
        expect(phone.locator("h1")).to_have_text("发票领用")
        phone.click("nav >> text=在线预约")
        phone.click("text=综合服务")
        phone.click("a.slot >> nth=0")
        phone.fill("input[name=name]", "李纳税")
        phone.fill("input[name=phone]", PHONE)
        phone.click("main button[type=submit]")
        return phone.locator("[data-code]").inner_text().strip()

    def check_in_at_the_kiosk(self, code: str) -> str:
        kiosk = self.hall.new_page()
        kiosk.goto(self.url("/o/tax/kiosk/"))
        kiosk.fill("input[name=code]", code)
        kiosk.click("button.check-in-button")
        number = kiosk.locator("#ticket-number").inner_text().strip()
        self.assertTrue(number.startswith("A"))
        return number

    def call_at_window_two(self, number: str, display) -> None:
        self.staff("tax_clerk")
        self.page.goto(self.url("/staff/window/"))
        self.page.click("a[data-window='2']")
        self.page.click("button[data-action=call]")
        expect(display.locator("#latest-number")).to_have_text(number, timeout=2_000)
        expect(display.locator("#latest-window")).to_contain_text("2")
        display.screenshot(path=str(SCREENSHOTS / "citizens-day-display.png"))

    def complete_on_the_spot(self) -> Case:
        page = self.page
        page.click("button[data-action=start]")
        page.fill("#q", "发票领用")
        page.click("form.search button[type=submit]")
        page.click(".item-list a >> text=发票领用")
        page.fill("#id_applicant_name", "李纳税")
        page.fill("#id_applicant_phone", PHONE)
        for index in (0, 1):
            page.check(f"#id_m-{index}-received")
        page.click("button[value=on_the_spot]")
        expect(page.locator("main")).to_contain_text("办结单")
        case = Case.objects.get()
        ticket = case.tickets.get()  # the called number is linked to the case it became
        self.assertIsNotNone(ticket.appointment_id)
        return case

    def rectify_to_the_reply(self, case: Case) -> None:
        rectification = Rectification.objects.get(rating__case=case)
        self.staff("tax_supervisor")
        self.page.goto(self.url(f"/staff/ratings/rectifications/{rectification.pk}/"))
        self.act("verify", valid="yes")
        self.staff("tax_clerk")  # the clerk rated handles it by default
        self.page.goto(self.url(f"/staff/ratings/rectifications/{rectification.pk}/"))
        self.act("rectify", measures="增开发票窗口，高峰期引导分流")
        self.act("reply", text="已增开窗口，感谢您的意见。")
        rectification.refresh_from_db()
        self.assertEqual(rectification.status, RectificationStatus.REPLIED)
        self.assertTrue(any("感谢您的意见" in m["text"] for m in LocmemBackend.outbox))

    def look_up(self, phone, case: Case) -> None:
        phone.goto(self.url("/o/tax/status/"))
        phone.fill("input[name=number]", case.number)
        phone.fill("input[name=phone_last4]", PHONE[-4:])
        phone.click("main button[type=submit]")
        text = phone.locator("main").inner_text()
        self.assertIn(case.number, text)
        self.assertIn("已送达", text)
        self.assertNotIn("李纳税", text)
        self.assertNotIn(PHONE, text)

    def big_screen(self) -> None:
        screen = self.hall.new_page()
        screen.goto(self.url("/o/tax/screen/"))
        expect(screen.locator(".screen-commitments")).to_contain_text("一次性告知")
        expect(screen.locator("[data-figure=taken] strong")).to_have_text("1")
        screen.screenshot(path=str(SCREENSHOTS / "citizens-day-big-screen.png"))
