"""Rate limits per client on Django's cache: a counter per scope, client and time window.

A fixed-window counter (as in Django REST framework's ``SimpleRateThrottle``
before it kept histories): the first attempt in a window creates the key with
the window as its timeout, later ones increment it. Cheap, and good enough
to stop guessing receipt numbers or flooding bookings; a client may get up to
twice ``limit`` across a window boundary, never more.

The client is known by its IP address, which is hashed before it goes into a
cache key: the cache holds no personal data. Behind reverse proxies, set
``ONESTOP_PROXY_COUNT`` to the number of proxies that append to
``X-Forwarded-For``; with the default 0 the header is ignored, since anyone
can send it.

With several web processes the cache must be shared (Redis, Memcached or the
database cache in ``CACHES``); the default local-memory cache counts per process.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the one the trusted proxies saw."""
    hops = getattr(settings, "ONESTOP_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0 and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, client: str, window: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}:{int(time.time()) // window}"


def hit(request: HttpRequest, scope: str, limit: int, window: int) -> bool:
    """Count one attempt by this client in ``scope``; False once it is over the limit.

    ``limit`` attempts are allowed per ``window`` seconds; the attempt that
    is refused is counted too, so hammering does not reopen the door early.
    """
    key = _key(scope, client_ip(request), window)
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
