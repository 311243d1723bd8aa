"""Browser: a manager opens the weekly digest and sees the planted emerging topic.

Four weeks of labelled notes and a week in which students start asking about a
new promotion (青春流量包); the manager picks that week on the digest page and
finds the phrase named, with example notes, above the reasons week over week.
"""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_user, populate_two_organisations
from onestop.organisations.roles import roles_sync
from onestop.organisations.services import membership_grant
from onestop.topics.samples import PLANTED
from onestop.topics.testing import notes_populate


class DigestBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        self.manager = make_user("uni_manager", first_name="王经理")
        membership_grant(
            actor=None, organisation=self.uni, user=self.manager, roles=["manager"]
        )
        notes_populate(self.uni, per_week=60, planted=12)

    def test_manager_sees_the_planted_topic_in_the_weekly_digest(self) -> None:
        self.sign_in("uni_manager", PASSWORD)
        self.page.goto(self.url("/staff/topics/"))
        self.page.fill("#id_week", "2026-11-25")
        self.page.locator("form.week-form button[type=submit]").click()
        self.page.wait_for_url(lambda url: "week=2026-11-25" in url)
        emerging = self.page.locator(".emerging").first
        expect(emerging.locator(".phrase")).to_have_text(PLANTED)
        examples = emerging.locator(".examples li")
        expect(examples).to_have_count(3)
        for i in range(3):
            expect(examples.nth(i)).to_contain_text(PLANTED)
        expect(self.page.locator("h1")).to_contain_text("2026-11-23")
        expect(self.page.locator("svg[role=img]")).to_be_visible()
        with self.page.expect_download() as download:
            self.page.locator("a[href*='digest.xlsx']").click()
        self.assertEqual(
            download.value.suggested_filename, "hot-topics-2026-11-23.xlsx"
        )
