"""The rate-limit helper: counts per scope and client, forgets after the window, keeps no IP."""

from __future__ import annotations

import time_machine
from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, override_settings

from onestop.common.ratelimit import client_ip, hit

START = "2026-09-29 09:00:00 +0800"


@time_machine.travel(START, tick=False)
class HitTests(SimpleTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.factory = RequestFactory()

    def request(self, ip: str = "203.0.113.7", forwarded: str = ""):  # type: ignore[no-untyped-def]
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return self.factory.post("/", REMOTE_ADDR=ip, **extra)

    def test_allows_the_limit_then_refuses(self) -> None:
        results = [hit(self.request(), "lookup", 3, 60) for _ in range(5)]
        self.assertEqual(results, [True, True, True, False, False])

    def test_scopes_and_clients_are_counted_apart(self) -> None:
        for _ in range(3):
            hit(self.request(), "lookup", 3, 60)
        self.assertFalse(hit(self.request(), "lookup", 3, 60))
        self.assertTrue(hit(self.request(), "booking", 3, 60))
        self.assertTrue(hit(self.request("198.51.100.1"), "lookup", 3, 60))

    def test_the_count_starts_again_in_the_next_window(self) -> None:
        for _ in range(4):
            hit(self.request(), "lookup", 3, 60)
        with time_machine.travel("2026-09-29 09:01:00 +0800", tick=False):
            self.assertTrue(hit(self.request(), "lookup", 3, 60))

    def test_the_cache_key_holds_no_address(self) -> None:
        hit(self.request("203.0.113.7"), "lookup", 3, 60)
        keys = list(cache._cache.keys())  # type: ignore[attr-defined]
        self.assertTrue(keys)
        self.assertFalse(any("203.0.113.7" in key for key in keys))

    def test_forwarded_for_is_ignored_unless_proxies_are_declared(self) -> None:
        spoofed = self.request("203.0.113.7", forwarded="1.2.3.4")
        self.assertEqual(client_ip(spoofed), "203.0.113.7")
        with override_settings(ONESTOP_PROXY_COUNT=1):
            behind = self.request("10.0.0.2", forwarded="1.2.3.4, 198.51.100.5")
            self.assertEqual(client_ip(behind), "198.51.100.5")
