"""Every change to an item makes a new version; a version never changes."""

from __future__ import annotations

from onestop.catalog.models import ItemVersion
from onestop.catalog.services import item_record_version
from onestop.catalog.versions import ItemSpec
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase, make_item


class VersionTests(OneStopTestCase):
    def setUp(self) -> None:
        self.item = make_item(self.tax, self.tax_structure, code="FP-01", promised=5)

    def test_first_save_is_version_one(self) -> None:
        self.assertEqual(self.item.version, 1)
        self.assertEqual(self.item.versions.count(), 1)

    def test_saving_unchanged_content_adds_no_version(self) -> None:
        self.assertIsNone(item_record_version(item=self.item, actor=self.tax_admin))
        self.assertEqual(self.item.versions.count(), 1)

    def test_a_changed_limit_makes_a_new_version_and_keeps_the_old(self) -> None:
        self.item.promised_limit_days = 3
        self.item.save()
        version = item_record_version(
            item=self.item, actor=self.tax_admin, note="缩短承诺时限"
        )
        assert version is not None
        self.assertEqual(version.number, 2)
        old = ItemSpec.of(self.item.versions.get(number=1))
        new = ItemSpec.of(version)
        self.assertEqual((old.promised_limit_days, new.promised_limit_days), (5, 3))
        self.item.refresh_from_db()
        self.assertEqual(self.item.version, 2)
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="catalog.item_versioned",
                target_id=str(self.item.pk),
                data__version=2,
            ).exists()
        )

    def test_a_changed_material_makes_a_new_version(self) -> None:
        self.item.materials.create(
            name="授权委托书",
            form="original",
            necessity="conditional",
            condition="委托办理时",
        )
        version = item_record_version(item=self.item, actor=None)
        assert version is not None
        names = [m.name for m in ItemSpec.of(version).materials]
        self.assertIn("授权委托书", names)
        self.assertNotIn(
            "授权委托书",
            [m.name for m in ItemSpec.of(self.item.versions.get(number=1)).materials],
        )

    def test_a_stored_version_cannot_be_edited_through_the_item(self) -> None:
        first = ItemVersion.objects.get(item=self.item, number=1)
        self.item.name = "改名"
        self.item.save()
        item_record_version(item=self.item, actor=None)
        first.refresh_from_db()
        self.assertEqual(first.snapshot["name"], "发票领用")
