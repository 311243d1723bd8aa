"""Reasons, notes, corrections and training, through the services."""

from __future__ import annotations

import time_machine

from onestop.common.errors import ServiceError
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.topics import services
from onestop.topics.errors import TopicError
from onestop.topics.models import ClassifierVersion, ContactNote, LabelSource, Reason
from onestop.topics.samples import PLANTED_PHRASINGS
from onestop.topics.testing import notes_populate, reasons_define


@time_machine.travel("2026-11-27 10:00 +0800", tick=False)
class ClassifierTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.reasons = notes_populate(cls.uni, planted=0)

    def test_classifier_beats_the_keyword_rules_on_held_out_notes(self) -> None:
        version = ClassifierVersion.objects.get(organisation=self.uni)
        self.assertEqual((version.trained_on, version.held_out), (192, 48))
        self.assertGreater(version.accuracy, version.rules_accuracy)
        self.assertGreaterEqual(version.accuracy, 0.9)

    def test_a_new_note_gets_the_classifiers_reason_and_the_rules_reason(self) -> None:
        note = services.note_record(
            organisation=self.uni,
            actor=self.uni_clerk,
            text="12号楼一直在滴水，天花板有水渍",
        )
        self.assertIsNone(note.rule_reason)
        self.assertEqual(note.reason, self.reasons["报修 › 水电"])
        self.assertEqual(note.reason_source, LabelSource.CLASSIFIER)
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="topics.note_record", target_id=str(note.pk)
            ).exists()
        )

    def test_corrections_retrain_and_change_the_prediction(self) -> None:
        offer = services.reason_create(
            organisation=self.uni,
            actor=self.uni_admin,
            name="流量套餐",
            parent=self.reasons["咨询"],
        )
        probe = services.note_record(
            organisation=self.uni,
            actor=None,
            text="青春流量包开通后扣费两次，希望给个答复",
        )
        self.assertNotEqual(probe.reason, offer)
        for i in range(12):
            note = services.note_record(
                organisation=self.uni,
                actor=None,
                text=PLANTED_PHRASINGS[i % 4].format(place=f"{i}号楼"),
            )
            services.note_label(
                note=note, actor=self.uni_clerk, reason=offer, retrain=i == 11
            )
        probe.refresh_from_db()
        self.assertEqual(probe.predicted_reason, offer)
        self.assertEqual(probe.reason, offer)
        self.assertEqual(
            ClassifierVersion.objects.filter(organisation=self.uni).count(), 2
        )

    def test_a_staff_label_survives_retraining(self) -> None:
        note = services.note_record(
            organisation=self.uni, actor=None, text="食堂饭菜太咸"
        )
        services.note_label(
            note=note, actor=self.uni_clerk, reason=self.reasons["投诉 › 服务态度"]
        )
        note.refresh_from_db()
        self.assertEqual(note.reason, self.reasons["投诉 › 服务态度"])
        self.assertEqual(note.reason_source, LabelSource.STAFF)


class RefusalTests(OneStopTestCase):
    def assertRefused(self, code: TopicError, field: str | None, call) -> None:
        before = (Reason.objects.count(), ContactNote.objects.count())
        with self.assertRaises(ServiceError) as caught:
            call()
        self.assertEqual((caught.exception.code, caught.exception.field), (code, field))
        self.assertEqual((Reason.objects.count(), ContactNote.objects.count()), before)

    def test_empty_and_overlong_notes_are_refused_naming_the_field(self) -> None:
        self.assertRefused(
            TopicError.TEXT_MISSING,
            "text",
            lambda: services.note_record(organisation=self.uni, actor=None, text="  "),
        )
        self.assertRefused(
            TopicError.TEXT_TOO_LONG,
            "text",
            lambda: services.note_record(
                organisation=self.uni, actor=None, text="长" * 1001
            ),
        )

    def test_reason_tree_refuses_duplicates_third_levels_and_foreign_parents(
        self,
    ) -> None:
        reasons = reasons_define(self.uni)
        tax_top = services.reason_create(organisation=self.tax, actor=None, name="咨询")
        for code, field, kwargs in (
            (
                TopicError.NAME_TAKEN,
                "name",
                {"name": "水电", "parent": reasons["报修"]},
            ),
            (
                TopicError.TOO_DEEP,
                "parent",
                {"name": "x", "parent": reasons["报修 › 水电"]},
            ),
            (TopicError.PARENT_UNKNOWN, "parent", {"name": "x", "parent": tax_top}),
            (TopicError.NAME_MISSING, "name", {"name": " "}),
        ):
            with self.subTest(code=code):
                self.assertRefused(
                    code,
                    field,
                    lambda kwargs=kwargs: services.reason_create(
                        organisation=self.uni, actor=None, **kwargs
                    ),
                )

    def test_another_organisations_reason_cannot_label_a_note(self) -> None:
        note = services.note_record(organisation=self.uni, actor=None, text="宿舍停电")
        foreign = services.reason_create(organisation=self.tax, actor=None, name="咨询")
        with self.assertRaises(ServiceError) as caught:
            services.note_label(note=note, actor=self.uni_clerk, reason=foreign)
        self.assertEqual(caught.exception.code, TopicError.REASON_UNKNOWN)
        note.refresh_from_db()
        self.assertIsNone(note.reason)

    def test_training_needs_two_labelled_reasons(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.classifier_train(organisation=self.uni, actor=None)
        self.assertEqual(caught.exception.code, TopicError.TOO_FEW_LABELS)
        self.assertFalse(ClassifierVersion.objects.exists())

    def test_without_a_classifier_the_rules_give_the_reason(self) -> None:
        reasons = reasons_define(self.uni)
        note = services.note_record(
            organisation=self.uni, actor=None, text="3号楼停电了"
        )
        self.assertEqual(note.reason, reasons["报修 › 水电"])
        self.assertEqual(note.reason_source, LabelSource.RULE)
