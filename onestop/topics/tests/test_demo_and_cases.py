"""The demo loader, and notes taken from cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.demo.topics import topics_demo_load
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake
from onestop.topics.models import ContactNote, NoteSource
from onestop.topics.selectors import week_digest
from onestop.topics.services import case_note_take, reason_create
from onestop.topics.sweep import notes_sweep

SH = ZoneInfo("Asia/Shanghai")


def accepted_case(test: CaseTestCase, now: datetime) -> Case:
    """A tax hall case of 注销税务登记 accepted at ``now`` with every material."""
    return case_intake(
        actor=test.tax_clerk,
        organisation=test.tax,
        item_code="DJ-ZX",
        channel="counter",
        applicant=APPLICANT,
        checks=[
            MaterialCheck(position=p, received=True, form="original", count=2)
            for p in (1, 2, 3)
        ],
        outcome=Outcome.ACCEPTED,
        now=now,
    )


class CaseNoteTests(CaseTestCase):
    def test_a_case_becomes_a_note_linked_to_it_in_its_organisation(self) -> None:
        case = accepted_case(self, datetime(2026, 9, 28, 10, tzinfo=SH))
        note = case_note_take(case=case, actor=self.tax_clerk)
        self.assertEqual((note.case, note.organisation), (case, self.tax))
        self.assertEqual(note.source, NoteSource.CASE)
        self.assertTrue(note.text.startswith("注销税务登记"))
        self.assertEqual(note.noted_at, case.received_at)


@time_machine.travel("2026-11-30 09:00 +0800", tick=False)
class DemoTests(CaseTestCase):
    def test_demo_loads_once_and_last_weeks_digest_names_the_new_topic(self) -> None:
        loaded = topics_demo_load(self.tax)
        self.assertEqual(loaded, 4 * 80 + 80 + 14)
        self.assertEqual(topics_demo_load(self.tax), 0)
        self.assertEqual(
            ContactNote.objects.filter(organisation=self.tax).count(), loaded
        )
        digest = week_digest(self.tax, date(2026, 11, 23))
        self.assertEqual(digest.phrases[0].phrase, "新办纳税人套餐")
        self.assertEqual(week_digest(self.uni, date(2026, 11, 23)).notes, 0)

    def test_university_demo_names_its_promotion(self) -> None:
        topics_demo_load(self.uni)
        digest = week_digest(self.uni, date(2026, 11, 23))
        self.assertEqual(digest.phrases[0].phrase, "青春流量包")


class CasesButtonTests(CaseTestCase):
    def test_the_button_takes_in_own_recent_cases_once(self) -> None:
        now = datetime(2026, 9, 28, 10, tzinfo=SH)
        with time_machine.travel(now, tick=False):
            case = accepted_case(self, now)
            url = reverse("staff:topics_notes_from_cases")
            self.login(self.uni_admin)
            self.client.post(url)
            self.assertFalse(ContactNote.objects.exists())
            self.login(self.tax_admin)
            self.client.post(url)
            self.client.post(url)
        self.assertEqual(
            list(ContactNote.objects.values_list("case", flat=True)), [case.pk]
        )


class NotesSweepTests(CaseTestCase):
    def test_the_sweep_gives_new_cases_a_reason_once_where_reasons_are_defined(
        self,
    ) -> None:
        now = datetime(2026, 9, 28, 10, tzinfo=SH)
        closing = reason_create(
            organisation=self.tax, actor=None, name="注销", keywords="注销"
        )
        case = accepted_case(self, now)
        report = notes_sweep(now=now + timedelta(hours=1))
        self.assertEqual(str(report), "1 cases taken in as notes")
        self.assertEqual(ContactNote.objects.get(case=case).reason, closing)
        self.assertEqual(notes_sweep(now=now + timedelta(hours=2)).taken, 0)
        # Eight days on, the sweep no longer looks back that far.
        ContactNote.objects.all().delete()
        self.assertEqual(notes_sweep(now=now + timedelta(days=8)).taken, 0)

    def test_an_organisation_without_reasons_is_left_alone(self) -> None:
        now = datetime(2026, 9, 28, 10, tzinfo=SH)
        accepted_case(self, now)
        self.assertEqual(notes_sweep(now=now).taken, 0)
        self.assertFalse(ContactNote.objects.exists())
