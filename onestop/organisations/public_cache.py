"""The public pages' organisation, read once every few seconds instead of on every request.

Every public request (the catalogue, the status lookup, the hall display
polled each second by every screen) starts by finding its organisation by
slug. That row changes a few times a year, so it is kept in the cache for
``PUBLIC_TTL`` seconds. A save or delete in this process forgets it at once
(and again when the transaction commits); with a per-process cache (the
embedded run's local memory, or several gunicorn workers without Redis) a
change made in another process shows within ``PUBLIC_TTL``.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from onestop.organisations.models import Organisation

PUBLIC_TTL = 10  # seconds


def _key(slug: str) -> str:
    return f"public-organisation:{slug}"


def organisation_public_cached(slug: str) -> Organisation | None:
    """The active organisation with ``slug``, or None; unknown slugs are not cached."""
    key = _key(slug)
    organisation = cache.get(key)
    if organisation is None:
        organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
        if organisation is not None:
            cache.set(key, organisation, timeout=PUBLIC_TTL)
    return organisation


@receiver(post_save, sender=Organisation, dispatch_uid="public-organisation-saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="public-organisation-deleted")
def _forget(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    key = _key(instance.slug)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
