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


class CaseTestCase(OneStopTestCase):
    """The tax hall's deregistration item (注销税务登记): 审核 3 days, then 审批 2 days."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s = cls.tax_structure
        cls.review_post = Post.objects.create(
            organisation=cls.tax,
            department=s["back"],
            code="T-REVIEW",
            name="后台审核岗",
            duties="审核",
        )
        cls.item = cls._deregistration_item(s)
        cls.handler = cls._on_post("tax_handler", ["back_office"], cls.review_post)
        cls.tax_supervisor = cls._on_post("tax_supervisor", ["supervisor"], None)
        cls.outsider = cls._on_post("tax_other_handler", ["back_office"], None)

    @classmethod
    def _deregistration_item(cls, s: dict[str, Any]) -> ServiceItem:
        item = ServiceItem.objects.create(
            organisation=cls.tax,
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
            position=1,
            name="审核",
            department=s["back"],
            post=cls.review_post,
            limit_days=3,
        )
        item.steps.create(position=2, name="审批", department=s["back"], limit_days=2)
        item_record_version(item=item, actor=None)
        return item

    @classmethod
    def _on_post(cls, username: str, roles: list[str], post: Post | None) -> Any:
        user = make_user(username, email=f"{username}@example.cn")
        membership_grant(actor=None, organisation=cls.tax, user=user, roles=roles)
        if post is not None:
            PostAssignment.objects.create(
                post=post, membership=Membership.objects.get(user=user)
            )
        return user
