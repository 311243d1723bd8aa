"""Browser: a number taken at the kiosk, called at a window, on the hall display within 2 s.

Three screens at once, as in the hall: the display on a 1920×1080 screen, the
kiosk, and the window clerk's panel. Screenshots of the display, the big
screen and the kiosk are saved under ``var/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from playwright.sync_api import expect

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.organisations.roles import roles_sync
from onestop.queueing import services
from onestop.queueing.testing import populate_hall

SCREENSHOTS = settings.VAR_DIR / "screenshots"
HALL_SCREEN = {"width": 1920, "height": 1080}


class HallInTheBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_hall(self)
        self.tax.commitments = (
            "窗口受理、内部流转、全程服务、限时办结\n"
            "一次性告知需补正的全部材料\n"
            "即办事项当场办结，承诺件按期办结"
        )
        self.tax.save(update_fields=["commitments"])
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.hall = self.browser.new_context(locale="zh-CN", viewport=HALL_SCREEN)
        self.hall.set_default_timeout(15_000)

    def tearDown(self) -> None:
        self.hall.close()
        super().tearDown()

    def earlier_calls(self) -> None:
        """A morning's work so far, so the display has a history to show."""
        window = self.window_invoices
        for _ in range(2):
            ticket = services.ticket_take(organisation=self.tax, category=self.cat_b)
            services.ticket_call_next(window=window, staff=self.tax_clerk)
            services.ticket_skip(ticket=ticket, window=window, staff=self.tax_clerk)
        services.ticket_take(organisation=self.tax, category=self.cat_b)

    def test_a_number_called_at_a_window_shows_on_the_display_within_two_seconds(
        self,
    ) -> None:
        self.earlier_calls()
        display = self.hall.new_page()
        display.goto(self.url("/o/tax/display/"))
        expect(display.locator("#latest-number")).to_have_text("B002")

        kiosk = self.hall.new_page()
        kiosk.goto(self.url("/o/tax/kiosk/"))
        kiosk.screenshot(path=str(SCREENSHOTS / "hall-kiosk.png"))
        kiosk.click("button[data-category=A]")
        number = kiosk.locator("#ticket-number").inner_text().strip()
        self.assertEqual(number, "A001")
        self.assertEqual(
            kiosk.locator("#ticket-ahead").get_attribute("data-ahead"), "0"
        )
        # The display learns of the new number waiting without being reloaded.
        waiting_a = display.locator("#waiting li[data-category=A] .waiting-count")
        expect(waiting_a).to_have_text("1", timeout=2_000)

        self.sign_in("tax_clerk", PASSWORD)
        self.page.goto(self.url("/staff/window/"))
        self.page.click("a[data-window='2']")
        self.page.click("button[data-action=call]")
        self.page.wait_for_load_state()
        called_at = time.monotonic()
        expect(self.page.locator(".queue-current")).to_have_attribute(
            "data-ticket", number
        )
        self.page.screenshot(path=str(SCREENSHOTS / "hall-window.png"), full_page=True)

        expect(display.locator("#latest-number")).to_have_text(number, timeout=2_000)
        self.assertLess(time.monotonic() - called_at, 2.0)
        expect(display.locator("#latest-window")).to_contain_text("2")
        expect(waiting_a).to_have_text("0", timeout=2_000)
        self.assertIn("B002", display.locator("#recent").inner_text())
        display.screenshot(path=str(SCREENSHOTS / "hall-display.png"))

        # Called again: the display takes it up as a new call (and flashes it).
        self.page.click("button[data-action=recall]")
        expect(display.locator("#latest")).to_have_attribute(
            "data-key", re.compile(rf"^{number}@.*#1$"), timeout=2_000
        )

        screen = self.hall.new_page()
        screen.goto(self.url("/o/tax/screen/"))
        expect(screen.locator("[data-figure=taken] strong")).to_have_text("4")
        expect(screen.locator(".screen-commitments")).to_contain_text("一次性告知")
        screen.screenshot(path=str(SCREENSHOTS / "hall-big-screen.png"))
