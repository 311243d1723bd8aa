"""Browser: the staff top bar opens a domain by keyboard, by mouse, and on a phone."""

from __future__ import annotations

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations

PHONE = {"width": 390, "height": 844}
HALL = "nav details[data-domain=hall]"
CASEWORK = "nav details[data-domain=casework]"


class StaffNavigationTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        populate_two_organisations(self)
        self.sign_in("uni_clerk", PASSWORD)

    def test_a_domain_opens_from_the_keyboard_and_its_link_follows(self) -> None:
        page = self.page
        intake = page.locator(f"{HALL} a[href='/staff/intake/']")
        self.assertFalse(intake.is_visible())
        page.focus(f"{HALL} > summary")
        page.keyboard.press("Enter")
        self.assertTrue(intake.is_visible())
        page.keyboard.press("Tab")
        self.assertEqual(page.evaluate("document.activeElement.accessKey"), "i")
        # Opening another domain closes the first: one list open at a time.
        page.click(f"{CASEWORK} > summary")
        self.assertFalse(intake.is_visible())
        with page.expect_navigation():
            page.click(f"{CASEWORK} a[href='/staff/work/']")
        self.assertTrue(page.url.endswith("/staff/work/"))

    def test_on_a_phone_an_open_domain_lists_its_pages_within_the_screen(self) -> None:
        page = self.page
        page.set_viewport_size(PHONE)
        page.click(f"{HALL} > summary")
        link = page.locator(f"{HALL} a[href='/staff/appointments/']")
        box = link.bounding_box()
        assert box is not None
        self.assertLessEqual(box["x"] + box["width"], PHONE["width"])
        with page.expect_navigation():
            link.click()
        self.assertTrue(page.url.endswith("/staff/appointments/"))
