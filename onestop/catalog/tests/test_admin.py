"""Editing the catalogue in the admin: each save is a version; bad limits are refused whole."""

from __future__ import annotations

from typing import Any

from onestop.catalog.models import (
    ItemVersion,
    MaterialForm,
    Necessity,
    ServiceItem,
)
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase, make_item


def item_form(item: ServiceItem, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation": item.organisation_id,
        "code": item.code,
        "name": item.name,
        "category": item.category,
        "department": item.department_id,
        "window_type": item.window_type_id,
        "kind": item.kind,
        "statutory_limit_days": item.statutory_limit_days or "",
        "promised_limit_days": item.promised_limit_days or "",
        "legal_basis": item.legal_basis,
        "fee": item.fee,
        "is_published": "on",
    }
    for prefix, rows, fields in (
        (
            "materials",
            item.materials.all(),
            ["position", "name", "form", "copies", "necessity", "condition", "notes"],
        ),
        (
            "steps",
            item.steps.all(),
            ["position", "name", "department", "post", "limit_days", "description"],
        ),
        ("faqs", item.faqs.all(), ["position", "question", "answer"]),
    ):
        rows = list(rows)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-item"] = item.pk
            for field in fields:
                value = getattr(
                    row, f"{field}_id" if field in ("department", "post") else field
                )
                data[f"{prefix}-{index}-{field}"] = "" if value is None else value
    data.update(changes)
    return data


def new_material(item: ServiceItem, **fields: Any) -> dict[str, Any]:
    """Changes to ``item_form`` that add one material after the item's own."""
    index = item.materials.count()
    row = {
        "position": index + 1,
        "name": "授权委托书",
        "form": MaterialForm.ORIGINAL,
        "copies": 1,
        "necessity": Necessity.MANDATORY,
        "condition": "",
        "notes": "",
        **fields,
    }
    return {
        "materials-TOTAL_FORMS": index + 1,
        f"materials-{index}-id": "",
        f"materials-{index}-item": item.pk,
        **{f"materials-{index}-{name}": value for name, value in row.items()},
    }


class CatalogueAdminTests(OneStopTestCase):
    def setUp(self) -> None:
        self.item = make_item(self.tax, self.tax_structure, code="FP-01", promised=5)
        self.url = f"/admin/catalog/serviceitem/{self.item.pk}/change/"
        self.login(self.tax_admin)

    def test_changing_the_limit_records_a_new_version(self) -> None:
        response = self.client.post(
            self.url, item_form(self.item, promised_limit_days=4)
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[-2000:])
        self.item.refresh_from_db()
        self.assertEqual((self.item.promised_limit_days, self.item.version), (4, 2))
        self.assertEqual(
            ItemVersion.objects.get(item=self.item, number=2).snapshot[
                "promised_limit_days"
            ],
            4,
        )
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="admin.change", actor=self.tax_admin
            ).exists()
        )

    def test_saving_without_changes_records_no_version(self) -> None:
        self.client.post(self.url, item_form(self.item))
        self.assertEqual(self.item.versions.count(), 1)

    def test_promised_item_without_limit_is_refused_and_nothing_written(self) -> None:
        events = AuditEvent.objects.count()
        response = self.client.post(
            self.url,
            item_form(self.item, promised_limit_days="", name="改名"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "A promised item needs a promised time limit in working days."
        )
        self.item.refresh_from_db()
        self.assertEqual((self.item.name, self.item.version), ("发票领用", 1))
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_promise_longer_than_the_law_is_refused(self) -> None:
        response = self.client.post(
            self.url,
            item_form(self.item, promised_limit_days=25),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response,
            "The promised limit (25 days) is longer than the statutory limit (20 days).",
        )
        self.item.refresh_from_db()
        self.assertEqual(self.item.promised_limit_days, 5)

    def test_steps_longer_than_the_promise_are_refused(self) -> None:
        response = self.client.post(
            self.url,
            item_form(self.item, **{"steps-0-limit_days": 9}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response,
            "The internal steps take 9 working days, more than the promised 5.",
        )
        self.assertEqual(self.item.steps.get().limit_days, 3)

    def test_a_conditional_material_with_its_condition_is_added(self) -> None:
        changes = new_material(
            self.item, necessity=Necessity.CONDITIONAL, condition="委托他人办理的"
        )
        response = self.client.post(self.url, item_form(self.item, **changes))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.item.materials.count(), 3)
        self.item.refresh_from_db()
        self.assertEqual(self.item.version, 2)

    def test_a_conditional_material_without_its_condition_is_refused(self) -> None:
        changes = new_material(self.item, necessity=Necessity.CONDITIONAL)
        response = self.client.post(
            self.url, item_form(self.item, **changes), HTTP_ACCEPT_LANGUAGE="en"
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "A material required only when a condition applies needs that condition.",
        )
        self.assertEqual(self.item.materials.count(), 2)
        self.item.refresh_from_db()
        self.assertEqual(self.item.version, 1)

    def test_a_step_post_outside_the_steps_department_is_refused(self) -> None:
        # The item's one step is done by the back office; this post is at the front.
        front_post = self.tax_structure["post"]
        response = self.client.post(
            self.url,
            item_form(self.item, **{"steps-0-post": front_post.pk}),
            HTTP_ACCEPT_LANGUAGE="en",
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "The post 窗口受理岗 is not in the department T审核科."
        )
        self.assertIsNone(self.item.steps.get().post)
        self.item.refresh_from_db()
        self.assertEqual(self.item.version, 1)

    def test_messages_are_chinese_by_default(self) -> None:
        response = self.client.post(
            self.url, item_form(self.item, promised_limit_days=25)
        )
        self.assertContains(
            response, "承诺时限（25 个工作日）长于法定时限（20 个工作日）。"
        )

    def test_a_step_in_another_organisations_department_is_refused(self) -> None:
        foreign = self.uni_structure["back"]
        response = self.client.post(
            self.url, item_form(self.item, **{"steps-0-department": foreign.pk})
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.item.steps.get().department, self.tax_structure["back"])
        self.assertEqual(self.item.versions.count(), 1)

    def test_a_clerk_cannot_edit_the_catalogue(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.post(
            self.url, item_form(self.item, promised_limit_days=4)
        )
        self.assertIn(response.status_code, (302, 403))
        self.item.refresh_from_db()
        self.assertEqual(self.item.promised_limit_days, 5)
