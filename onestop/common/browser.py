"""Browser tests: Playwright driving Debian's Chromium against a live server.

The network here is closed and no browser is ever downloaded: Playwright
launches the system's ``/usr/bin/chromium`` with the flags that keep it from
reaching out. A missing Chromium fails the test with what to install — it
never skips.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

CHROMIUM = os.environ.get("ONESTOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.mark.browser
class BrowserTestCase(StaticLiveServerTestCase):
    """A live server and one Chromium for the class; a fresh browser context per test."""

    playwright: Any
    browser: Any

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if not os.access(CHROMIUM, os.X_OK):
            raise RuntimeError(
                f"Browser tests need Debian's Chromium at {CHROMIUM}: "
                "apt-get install chromium fonts-noto-cjk"
            )
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )

    @classmethod
    def tearDownClass(cls) -> None:
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self) -> None:
        super().setUp()
        self.context = self.browser.new_context(locale="zh-CN", accept_downloads=True)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()

    def tearDown(self) -> None:
        self.context.close()
        super().tearDown()

    def url(self, path: str) -> str:
        return f"{self.live_server_url}{path}"

    def sign_in(self, username: str, password: str) -> None:
        self.page.goto(self.url("/accounts/login/"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)
