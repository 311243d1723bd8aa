"""The organisations: the demo's two, and copies of them under other names."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.auth import get_user_model

from onestop.demo import loading
from onestop.demo.people import PEOPLE
from onestop.organisations.services import membership_grant
from onestop.posts.models import PostAssignment

# Which organisations and how much of the traffic each has. The first is
# measured. The demo's two come from load_demo; the others are copies of
# them under other names, codes and people.
ORGANISATIONS = (
    ("tax", 0.35),
    ("uni", 0.30),
    ("tax-west", 0.20),
    ("uni-south", 0.15),
)
# copy: (the demo organisation it copies, code, name, short name)
COPIES = {
    "tax-west": ("tax", "TXW", "城西区税务局办税服务厅", "城西办税厅"),
    "uni-south": ("uni", "HQS", "南方学院后勤服务中心", "南院后勤"),
}


def organisations_load() -> None:
    """The demo, then copies of its organisations under other names."""
    loading.demo_load()
    platform = get_user_model().objects.get(username="platform")
    bases = {spec.slug: spec for spec in loading.ORGANISATIONS}
    for slug, (base_slug, code, name, short_name) in COPIES.items():
        # The demo loader's own steps, on a renamed copy of the specification.
        spec = replace(
            bases[base_slug],
            slug=slug,
            code=code,
            name=name,
            short_name=short_name,
            duty_log=(),
            handovers=(),
        )
        loaded = loading._structure_load(spec)
        for item_spec in spec.items:
            loading._item_load(loaded, item_spec, actor=platform)
        loading._calendar_load(loaded.organisation, spec)
        _people_copy(slug, base_slug, loaded, platform)


def _people_copy(slug: str, base_slug: str, loaded: Any, platform: Any) -> None:
    """The base organisation's people, as new users ``<slug>.<username>``."""
    for person in PEOPLE:
        for member in person.memberships:
            if member.organisation != base_slug:
                continue
            user = get_user_model().objects.create_user(
                username=f"{slug}.{person.username}",
                first_name=person.first_name,
                last_name=person.last_name,
            )
            membership = membership_grant(
                actor=platform,
                organisation=loaded.organisation,
                user=user,
                roles=member.roles,
                staff_number=member.staff_number,
            )
            for posting in member.posts:
                PostAssignment.objects.create(
                    post=loaded.posts[posting.post],
                    membership=membership,
                    is_lead=posting.is_lead,
                    since=posting.since,
                )
