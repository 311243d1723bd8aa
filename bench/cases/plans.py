"""What the generator needs to know of each organisation, read from the database."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from onestop.catalog.models import ServiceItem
from onestop.common.names import person_name
from onestop.organisations.models import Membership, Organisation
from onestop.posts.models import Department, Post, PostAssignment

from .organisations import ORGANISATIONS
from .population import IMMEDIATE_SHARE


@dataclass
class StepPlan:
    name: str
    department_id: int
    post_id: int | None
    limit_days: int
    people: list[int]


@dataclass
class ItemPlan:
    id: int
    version_id: int
    version: int
    code: str
    name: str
    kind: str
    limit_days: int | None
    legal_basis: str
    materials: list[dict[str, Any]]
    steps: list[StepPlan]


@dataclass
class OrgPlan:
    id: int
    slug: str
    code: str
    name: str
    address: str
    phone: str
    weight: float
    items: list[ItemPlan]
    cum_weights: list[float]
    clerks: list[int]
    supervisors: list[int]
    handlers: list[int]
    names: dict[int, str] = field(default_factory=dict)


@dataclass
class _Staffing:
    """Who works where in one organisation, as user ids."""

    on_post: dict[int, list[int]]  # post id -> people on it
    in_department: dict[int, list[int]]  # department id -> people on its posts
    department_ids: dict[str, int]  # department code -> id
    posts: dict[str, Post]  # post code -> post
    supervisors: list[int]


def organisation_plans(rng: random.Random) -> list[OrgPlan]:
    """One plan per organisation loaded, in the order of ``ORGANISATIONS``."""
    plans = []
    for slug, weight in ORGANISATIONS:
        org = Organisation.objects.filter(slug=slug).first()
        if org is not None:
            plans.append(_organisation_plan(org, weight, rng))
    return plans


def _organisation_plan(org: Organisation, weight: float, rng: random.Random) -> OrgPlan:
    members = Membership.objects.filter(organisation=org, is_active=True)
    staffing = _staffing(org, members)
    items = _item_plans(org, staffing)
    cum_weights = _popularity(items, rng)
    clerks = _holding(members, "intake_case")
    handlers = _holding(members, "handle_case")
    named = _people_on_posts(staffing) | set(clerks) | set(handlers)
    return OrgPlan(
        org.pk,
        org.slug,
        org.code,
        org.name,
        org.address,
        org.phone,
        weight,
        items,
        cum_weights,
        clerks,
        staffing.supervisors,
        handlers,
        _names(named),
    )


def _holding(members: QuerySet[Membership], codename: str) -> list[int]:
    """The users among ``members`` with a role granting the permission ``codename``."""
    users = members.filter(roles__permissions__codename=codename)
    return sorted(set(users.values_list("user_id", flat=True)))


def _staffing(org: Organisation, members: QuerySet[Membership]) -> _Staffing:
    on_post: dict[int, list[int]] = defaultdict(list)
    for post_id, user_id in PostAssignment.objects.filter(
        membership__in=members
    ).values_list("post_id", "membership__user_id"):
        on_post[post_id].append(user_id)
    posts = {p.code: p for p in Post.objects.filter(organisation=org)}
    in_department: dict[int, list[int]] = defaultdict(list)
    for post in posts.values():
        in_department[post.department_id].extend(on_post.get(post.pk, []))
    return _Staffing(
        on_post,
        in_department,
        dict(Department.objects.filter(organisation=org).values_list("code", "id")),
        posts,
        _holding(members, "approve_extension"),
    )


def _item_plans(org: Organisation, staffing: _Staffing) -> list[ItemPlan]:
    """The published items that have a version."""
    plans = []
    for item in ServiceItem.objects.filter(organisation=org, is_published=True):
        plan = _item_plan(item, staffing)
        if plan is not None:
            plans.append(plan)
    return plans


def _item_plan(item: ServiceItem, staffing: _Staffing) -> ItemPlan | None:
    """The item as its latest version describes it."""
    version = item.versions.order_by("-number").first()
    if version is None:
        return None
    snap = version.snapshot
    return ItemPlan(
        item.pk,
        version.pk,
        version.number,
        item.code,
        snap["name"],
        item.kind,
        snap["promised_limit_days"],
        snap["legal_basis"],
        snap["materials"],
        [_step_plan(step, staffing) for step in snap["steps"]],
    )


def _step_plan(step: dict[str, Any], staffing: _Staffing) -> StepPlan:
    """A step, worked by the people on its post, else its department, else supervisors."""
    post = staffing.posts.get(step["post"]) if step["post"] else None
    department_id = staffing.department_ids[step["department"]]
    people = (
        staffing.on_post.get(post.pk, [])
        if post
        else staffing.in_department[department_id]
    ) or staffing.supervisors
    return StepPlan(
        step["name"],
        department_id,
        post.pk if post else None,
        step["limit_days"],
        people,
    )


def _popularity(items: list[ItemPlan], rng: random.Random) -> list[float]:
    """Shuffle ``items`` and give their cumulative weights.

    Popularity falls off with rank (Zipf-like), in a seeded random order;
    items done on the spot count a quarter, so that most cases are promised
    ones with a back-office history (see README).
    """
    rng.shuffle(items)
    cum, total = [], 0.0
    for rank, plan in enumerate(items, start=1):
        total += (1 if plan.steps else IMMEDIATE_SHARE) / rank**0.9
        cum.append(total)
    return cum


def _people_on_posts(staffing: _Staffing) -> set[int]:
    on_posts = {u for ids in staffing.on_post.values() for u in ids}
    return on_posts | set(staffing.supervisors)


def _names(user_ids: set[int]) -> dict[int, str]:
    """How documents name the staff who issued them."""
    users = get_user_model().objects.filter(pk__in=user_ids)
    return {u.pk: person_name(u) for u in users}
