"""Suite-wide rules: a skipped test is a failed run, and browser tests may touch the ORM."""

from __future__ import annotations

import os

import pytest

# Playwright's synchronous API runs an event loop in the test thread; the
# ORM calls a browser test makes between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _django_ready() -> bool:
    """False when the pure-science tests run alone with ``-p no:django``."""
    from django.conf import settings

    return bool(settings.configured)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    if not _django_ready():
        return
    # Text messages stay in memory during tests (LocmemBackend.outbox), like e-mail.
    settings.SMS_BACKEND = "onestop.notifications.sms.LocmemBackend"
    # The named users of every test class get passwords; PBKDF2's deliberate
    # slowness (~0.3 s a user) would be most of the suite's set-up time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        # "No test is skipped silently": make the run fail and say so.
        print(f"\n{skipped} test(s) were skipped; a skipped test fails the run.")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _default_language() -> object:
    """Each test starts in the default language, whatever the last request chose.

    LocaleMiddleware leaves the language of a request active in the thread; a
    test that asked for English must not make the next one English too.
    """
    if not _django_ready():
        yield
        return
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> object:
    """Each test starts with an empty cache: rate-limit counts and cached hall boards.

    The local-memory cache outlives a test's rolled-back database, and a
    frozen clock never expires what an earlier test stored.
    """
    if _django_ready():
        from django.core.cache import cache

        cache.clear()
    yield
