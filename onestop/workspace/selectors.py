"""Cross-domain reads for the staff home page."""

from __future__ import annotations

from typing import Any

from onestop.catalog.models import ServiceItem
from onestop.organisations.models import Membership, Organisation
from onestop.posts.models import Department, MaterialHandover, Post, Window


def organisation_overview(*, organisation: Organisation) -> dict[str, Any]:
    """Counts that tell a newcomer what the organisation consists of."""
    items = ServiceItem.objects.filter(organisation=organisation)
    return {
        "items": items.count(),
        "published_items": items.filter(is_published=True).count(),
        "departments": Department.objects.filter(organisation=organisation).count(),
        "windows": Window.objects.filter(
            organisation=organisation, is_active=True
        ).count(),
        "posts": Post.objects.filter(organisation=organisation).count(),
        "people": Membership.objects.filter(
            organisation=organisation, is_active=True
        ).count(),
        "pending_handovers": MaterialHandover.objects.filter(
            organisation=organisation, received_at__isnull=True
        ).count(),
    }
