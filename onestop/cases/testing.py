"""A case-ready organisation for tests: an item with two back-office steps and its people."""

from __future__ import annotations

from typing import Any

from onestop.catalog.models import ItemKind, MaterialForm, Necessity, ServiceItem
from onestop.catalog.services import item_record_version
from onestop.common.testing import OneStopTestCase, make_user
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.organisations.models import Membership
from onestop.organisations.services import membership_grant
from onestop.posts.models import Post, PostAssignment

APPLICANT = Applicant(
    kind="organisation",
    name="长春市示例商贸有限公司",
    phone="13812345678",
    id_number="91350100M000100Y43",
    email="finance@example.cn",
    contact_person="王会计",
)


def all_received(count: int = 3) -> list[MaterialCheck]:
    return [
        MaterialCheck(position=p, received=True, form="original", count=1)
        for p in range(1, count + 1)
    ]


def populate_case_fixture(target: Any) -> None:
    """The tax hall's deregistration item (注销税务登记): 审核 3 days, then 审批 2 days."""
    s = target.tax_structure
    target.review_post = Post.objects.create(
        organisation=target.tax,
        department=s["back"],
        code="T-REVIEW",
        name="后台审核岗",
        duties="审核",
    )
    target.item = _deregistration_item(target.tax, s, target.review_post)
    target.handler = _on_post(
        target.tax, "tax_handler", ["back_office"], target.review_post
    )
    target.tax_supervisor = _on_post(target.tax, "tax_supervisor", ["supervisor"], None)
    target.outsider = _on_post(target.tax, "tax_other_handler", ["back_office"], None)


def _deregistration_item(tax: Any, s: dict[str, Any], review_post: Post) -> ServiceItem:
    item = ServiceItem.objects.create(
        organisation=tax,
        code="DJ-ZX",
        name="注销税务登记",
        category="税务登记",
        department=s["back"],
        window_type=s["window_type"],
        kind=ItemKind.PROMISED,
        statutory_limit_days=20,
        promised_limit_days=10,
        legal_basis="《中华人民共和国税收征收管理法》第十六条",
    )
    item.materials.create(
        position=1, name="注销税务登记申请表", form=MaterialForm.ORIGINAL, copies=1
    )
    item.materials.create(
        position=2, name="经办人身份证件", form=MaterialForm.ORIGINAL, copies=1
    )
    item.materials.create(
        position=3,
        name="清税证明",
        form=MaterialForm.COPY,
        copies=2,
        necessity=Necessity.CONDITIONAL,
        condition="已办理清税的",
    )
    item.steps.create(
        position=1, name="审核", department=s["back"], post=review_post, limit_days=3
    )
    item.steps.create(position=2, name="审批", department=s["back"], limit_days=2)
    item_record_version(item=item, actor=None)
    return item


def _on_post(
    organisation: Any, username: str, roles: list[str], post: Post | None
) -> Any:
    user = make_user(username, email=f"{username}@example.cn")
    membership_grant(actor=None, organisation=organisation, user=user, roles=roles)
    if post is not None:
        membership = Membership.objects.get(user=user, organisation=organisation)
        PostAssignment.objects.create(post=post, membership=membership)
    return user


class CaseTestCase(OneStopTestCase):
    """The two organisations, plus the tax hall's deregistration item and its back office."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_case_fixture(cls)
