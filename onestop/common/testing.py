"""Test base with named people in two organisations.

After healthchecks' ``hc/test.py``: tests read as stories about people —
the university's clerk, its administrator, the tax hall's clerk, a citizen
who belongs to no organisation — rather than about ``user1``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import TestCase

from onestop.catalog.models import ItemKind, MaterialForm, ServiceItem
from onestop.catalog.services import item_record_version
from onestop.organisations.models import Organisation, OrganisationKind
from onestop.organisations.services import membership_grant
from onestop.posts.models import Department, Post, Window, WindowType

PASSWORD = "correct-horse-battery"


def make_user(username: str, *, staff: bool = False, **extra: Any) -> Any:
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=staff, **extra
    )
    return user


def make_organisation(*, slug: str, code: str, name: str, kind: str) -> Organisation:
    return Organisation.objects.create(
        slug=slug, code=code, name=name, short_name=name[:10], kind=kind
    )


def make_structure(organisation: Organisation, prefix: str) -> dict[str, Any]:
    front = Department.objects.create(
        organisation=organisation, code=f"{prefix}-FRONT", name=f"{prefix}综合服务部"
    )
    back = Department.objects.create(
        organisation=organisation,
        code=f"{prefix}-BACK",
        name=f"{prefix}审核科",
        is_back_office=True,
    )
    general = WindowType.objects.create(
        organisation=organisation, code="GEN", name="综合服务"
    )
    window = Window.objects.create(
        organisation=organisation,
        number="1",
        window_type=general,
        department=front,
        is_all_round=True,
    )
    post = Post.objects.create(
        organisation=organisation,
        department=front,
        code=f"{prefix}-P1",
        name="窗口受理岗",
        duties="受理申请\n一次性告知",
    )
    post.windows.add(window)
    return {
        "front": front,
        "back": back,
        "window_type": general,
        "window": window,
        "post": post,
    }


def make_item(
    organisation: Organisation,
    structure: dict[str, Any],
    *,
    code: str = "T-001",
    name: str = "发票领用",
    promised: int | None = 5,
    materials: tuple[str, ...] = ("经办人身份证件", "发票领用簿"),
    **fields: Any,
) -> ServiceItem:
    item = ServiceItem.objects.create(
        organisation=organisation,
        code=code,
        name=name,
        category=fields.pop("category", "发票办理"),
        department=structure["front"],
        window_type=structure["window_type"],
        kind=ItemKind.PROMISED if promised else ItemKind.IMMEDIATE,
        statutory_limit_days=fields.pop("statutory", 20 if promised else None),
        promised_limit_days=promised,
        legal_basis=fields.pop("legal_basis", "《中华人民共和国发票管理办法》第十五条"),
        **fields,
    )
    for position, material in enumerate(materials, start=1):
        item.materials.create(
            name=material, form=MaterialForm.ORIGINAL, copies=1, position=position
        )
    if promised:
        item.steps.create(
            name="审核",
            department=structure["back"],
            limit_days=min(promised, 3),
            position=1,
        )
    item.faqs.create(
        question="可以委托他人办理吗？", answer="可以，需携带委托书。", position=1
    )
    item_record_version(item=item, actor=None, note="test")
    item.refresh_from_db()
    return item


def populate_two_organisations(target: Any) -> None:
    """Give ``target`` (a test class or case) the two organisations and their people."""
    target.uni = make_organisation(
        slug="uni",
        code="HQ",
        name="北方大学后勤服务中心",
        kind=OrganisationKind.LOGISTICS,
    )
    target.tax = make_organisation(
        slug="tax",
        code="TAX",
        name="城东税务局办税服务厅",
        kind=OrganisationKind.SERVICE_HALL,
    )
    target.uni_structure = make_structure(target.uni, "U")
    target.tax_structure = make_structure(target.tax, "T")
    for username, organisation, roles, staff in (
        ("uni_admin", target.uni, ["administrator"], True),
        ("uni_clerk", target.uni, ["clerk"], False),
        ("uni_supervisor", target.uni, ["supervisor"], False),
        ("uni_inspector", target.uni, ["inspector"], False),
        ("uni_technician", target.uni, ["technician"], False),
        ("tax_admin", target.tax, ["administrator"], True),
        ("tax_clerk", target.tax, ["clerk"], False),
    ):
        user = make_user(username, staff=staff, first_name=username)
        membership_grant(actor=None, organisation=organisation, user=user, roles=roles)
        setattr(target, username, user)
    target.citizen = make_user("citizen")


class OneStopTestCase(TestCase):
    """Two organisations — a university's logistics centre and a tax hall — and their people."""

    uni: Organisation
    tax: Organisation

    @classmethod
    def setUpTestData(cls) -> None:
        populate_two_organisations(cls)

    def login(self, user: Any) -> None:
        self.client.force_login(user)
