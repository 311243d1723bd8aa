"""``manage.py load_demo``: two believable organisations, loadable again and again."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import time_machine
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings

from onestop.appointments.models import Appointment, AppointmentSlot
from onestop.cases.models import Case, CaseEvent, CaseStatus, CaseStep, DocumentKind
from onestop.cases.selectors import case_colour
from onestop.catalog.models import ItemKind, ItemVersion, ServiceItem
from onestop.catalog.rules import time_limit_problems
from onestop.circulation.services import STEP_ACTIONS
from onestop.common.identity import credit_code_problem, resident_id_problem
from onestop.common.models import AuditEvent
from onestop.demo.cases import FIRST_DAY, LAST_DAY, SCRIPTS, SWEEP_AT, TZ
from onestop.demo.cases.specs import credit_code, resident_id
from onestop.demo.hall import BOOKING_DAYS, HALLS, hall_open
from onestop.demo.loading import ORGANISATIONS, item_problems
from onestop.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from onestop.organisations.hours import parse_office_hours
from onestop.organisations.models import (
    CalendarException,
    CalendarExceptionKind,
    Membership,
    Organisation,
)
from onestop.organisations.selectors import work_calendar_for
from onestop.portal.models import ApplicationStatus, OnlineApplication
from onestop.posts.models import DutyLogEntry, MaterialHandover, Post, PostAssignment
from onestop.queueing.models import QueueCategory, Ticket, TicketStatus
from onestop.queueing.selectors import display_board
from onestop.ratings.models import (
    BAD_LEVELS,
    Level,
    Rating,
    Rectification,
    RectificationStatus,
)
from onestop.ratings.services import RATEABLE_STATUSES


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


def local(text: str) -> datetime:
    """``"2026-11-30 10:00"`` in Beijing time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


FEATURE_MODELS = (
    "queueing.QueueCategory",
    "appointments.AppointmentSlot",
    "appointments.Appointment",
    "queueing.Ticket",
    "ratings.Rating",
    "ratings.Rectification",
    "ratings.RectificationEvent",
    "portal.OnlineApplication",
    "portal.UploadedMaterial",
)


class DemoTestCase(TestCase):
    """The demo loaded once per class; its uploads go to a folder of the class's own."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.media = tempfile.mkdtemp(prefix="onestop-demo-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=cls.media)
        media.enable()
        cls.addClassCleanup(media.disable)
        super().setUpClass()


# Hashing sixteen passwords at full strength would dominate the run.
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class LoadDemoTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo("--quiet")
        cls.uni = Organisation.objects.get(slug="uni")
        cls.tax = Organisation.objects.get(slug="tax")

    def test_loads_two_organisations_each_with_at_least_fifteen_published_items(
        self,
    ) -> None:
        self.assertEqual(self.uni.name, "北方大学后勤服务中心")
        self.assertEqual(self.tax.name, "城东区税务局办税服务厅")
        for organisation in (self.uni, self.tax):
            with self.subTest(organisation=organisation.slug):
                published = ServiceItem.objects.filter(
                    organisation=organisation, is_published=True
                )
                self.assertGreaterEqual(published.count(), 15)

    def test_every_item_has_materials_and_a_recorded_version(self) -> None:
        for item in ServiceItem.objects.all():
            with self.subTest(item=item.code):
                self.assertGreaterEqual(item.materials.count(), 1)
                self.assertEqual(item.versions.count(), 1)
                self.assertEqual(item.version, 1)
                self.assertEqual(item.versions.get().snapshot["name"], item.name)

    def test_every_item_keeps_the_catalogue_time_limit_rules(self) -> None:
        for item in ServiceItem.objects.prefetch_related("steps"):
            with self.subTest(item=item.code):
                problems = time_limit_problems(
                    kind=item.kind,
                    statutory=item.statutory_limit_days,
                    promised=item.promised_limit_days,
                    step_days=[step.limit_days for step in item.steps.all()],
                )
                self.assertEqual([p.message for p in problems], [])

    def test_the_data_itself_passes_the_rules_before_any_loading(self) -> None:
        for spec in (
            item for organisation in ORGANISATIONS for item in organisation.items
        ):
            with self.subTest(item=spec.code):
                self.assertEqual(item_problems(spec), [])

    def test_both_kinds_of_item_are_present_and_promised_ones_have_steps(self) -> None:
        for organisation in (self.uni, self.tax):
            items = ServiceItem.objects.filter(organisation=organisation)
            promised = items.filter(kind=ItemKind.PROMISED)
            with self.subTest(organisation=organisation.slug):
                self.assertTrue(items.filter(kind=ItemKind.IMMEDIATE).exists())
                self.assertTrue(promised.exists())
                self.assertFalse(promised.filter(steps__isnull=True).exists())

    def test_the_licence_item_has_the_statutory_twenty_working_days(self) -> None:
        item = ServiceItem.objects.get(
            organisation=self.tax, name="增值税专用发票最高开票限额审批"
        )
        self.assertEqual(item.statutory_limit_days, 20)
        self.assertIn("行政许可法》第四十二条", item.legal_basis)

    def test_loading_again_leaves_every_row_count_unchanged(self) -> None:
        before = row_counts()
        last_event = (
            AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        )

        load_demo("--quiet")

        self.assertEqual(row_counts(), before)
        for label in (
            "catalog.ItemVersion",
            "common.AuditEvent",
            "cases.Case",
            "cases.CaseEvent",
            "cases.CaseDocument",
            "notifications.Notification",
            *FEATURE_MODELS,
        ):
            self.assertIn(label, before)
        self.assertGreater(before["cases.Case"], 0)
        # Whatever the day: the categories, ratings and applications are there.
        for label in (
            "queueing.QueueCategory",
            "ratings.Rectification",
            "portal.UploadedMaterial",
        ):
            self.assertGreater(before[label], 0, label)
        self.assertEqual(
            AuditEvent.objects.order_by("-id").values_list("id", flat=True).first(),
            last_event,
        )

    def test_loading_again_touches_no_item_and_no_password(self) -> None:
        items_before = dict(ServiceItem.objects.values_list("code", "updated_at"))
        hashes_before = dict(
            get_user_model().objects.values_list("username", "password")
        )

        load_demo("--quiet")

        self.assertEqual(
            dict(ServiceItem.objects.values_list("code", "updated_at")), items_before
        )
        self.assertEqual(
            dict(get_user_model().objects.values_list("username", "password")),
            hashes_before,
        )

    def test_loading_again_restores_an_edited_item_without_a_new_version(self) -> None:
        item = ServiceItem.objects.get(organisation=self.uni, code="HQ-KW-01")
        ServiceItem.objects.filter(pk=item.pk).update(fee="工本费 50 元")
        item.materials.filter(position=1).update(name="随便什么证件")

        load_demo("--quiet")

        item.refresh_from_db()
        self.assertEqual(item.fee, "工本费 20 元/张（非人为损坏免费更换）")
        self.assertEqual(item.materials.get(position=1).name, "本人身份证或学生证")
        self.assertEqual(ItemVersion.objects.filter(item=item).count(), 1)

    def test_every_demo_login_authenticates_with_the_demo_password(self) -> None:
        for username, _roles, _slug in DEMO_LOGINS:
            with self.subTest(username=username):
                self.assertIsNotNone(
                    authenticate(username=username, password=DEMO_PASSWORD)
                )

    def test_demo_logins_hold_exactly_the_listed_roles(self) -> None:
        for username, roles, slug in DEMO_LOGINS:
            if not slug:
                continue
            with self.subTest(username=username, organisation=slug):
                membership = Membership.objects.get(
                    user__username=username, organisation__slug=slug
                )
                self.assertEqual(
                    sorted(membership.roles.values_list("name", flat=True)),
                    sorted(roles),
                )

    def test_people_have_chinese_names_and_administrators_may_use_the_admin(
        self,
    ) -> None:
        users = get_user_model().objects
        clerk = users.get(username="uni-clerk")
        self.assertEqual((clerk.last_name, clerk.first_name), ("王", "晓燕"))
        self.assertTrue(users.get(username="uni-admin").is_staff)
        self.assertTrue(users.get(username="tax-admin").is_staff)
        self.assertFalse(clerk.is_staff)
        platform = users.get(username="platform")
        self.assertTrue(platform.is_superuser)
        self.assertFalse(Membership.objects.filter(user=platform).exists())

    def test_the_shared_inspector_has_a_membership_in_each_organisation(self) -> None:
        memberships = Membership.objects.filter(user__username="qa-inspector")
        self.assertEqual(
            sorted(memberships.values_list("organisation__slug", flat=True)),
            ["tax", "uni"],
        )

    def test_a_university_clerk_has_no_membership_in_the_tax_hall(self) -> None:
        self.assertTrue(
            Membership.objects.filter(
                user__username="uni-clerk", organisation=self.uni
            ).exists()
        )
        self.assertFalse(
            Membership.objects.filter(
                user__username="uni-clerk", organisation=self.tax
            ).exists()
        )

    def test_one_post_has_two_people_and_one_person_has_two_posts(self) -> None:
        for organisation in (self.uni, self.tax):
            with self.subTest(organisation=organisation.slug):
                window_post = Post.objects.get(
                    organisation=organisation, code="HALL-01"
                )
                self.assertEqual(window_post.people.count(), 2)
                self.assertTrue(window_post.duty_lines)
                assignments = PostAssignment.objects.filter(
                    post__organisation=organisation
                )
                people_posts = [
                    assignments.filter(membership=m).count()
                    for m in Membership.objects.filter(organisation=organisation)
                ]
                self.assertIn(2, people_posts)

    def test_each_organisation_has_duty_log_entries_and_hand_overs_from_november_2026(
        self,
    ) -> None:
        for organisation in (self.uni, self.tax):
            with self.subTest(organisation=organisation.slug):
                entries = DutyLogEntry.objects.filter(organisation=organisation)
                handovers = MaterialHandover.objects.filter(organisation=organisation)
                self.assertGreaterEqual(entries.count(), 2)
                self.assertGreaterEqual(handovers.count(), 2)
                self.assertFalse(
                    entries.exclude(date__year=2026, date__month=11).exists()
                )
                self.assertTrue(handovers.filter(received_at__isnull=True).exists())
                self.assertTrue(handovers.filter(received_at__isnull=False).exists())

    def test_organisations_publish_office_hours_commitments_and_a_closure(self) -> None:
        self.assertEqual(self.uni.office_hours, "08:00-12:00, 14:00-17:30")
        self.assertEqual(self.tax.office_hours, "08:30-12:00, 13:30-17:30")
        for organisation in (self.uni, self.tax):
            with self.subTest(organisation=organisation.slug):
                self.assertEqual(len(parse_office_hours(organisation.office_hours)), 2)
                self.assertIn("一次性告知", organisation.commitments)
        closure = CalendarException.objects.get(organisation=self.uni)
        self.assertEqual(closure.kind, CalendarExceptionKind.CLOSURE)
        self.assertEqual(closure.date.year, 2026)
        self.assertLess(closure.date.weekday(), 5)

    def test_the_command_prints_the_logins_unless_quiet(self) -> None:
        loud = load_demo()
        quiet = load_demo("--quiet")

        self.assertIn("uni-clerk", loud)
        self.assertIn(DEMO_PASSWORD, loud)
        self.assertIn("城东办税厅", loud)
        self.assertNotIn("uni-clerk", quiet)
        self.assertIn(str(ServiceItem.objects.count()), quiet.splitlines()[-1])
        self.assertIn(f"{Case.objects.count()} ", quiet.splitlines()[-1])


class DemoCaseTests(DemoTestCase):
    """The case scripts, played through the services: a hall seen on Monday 30 November."""

    @classmethod
    def setUpTestData(cls) -> None:
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ):
            load_demo("--quiet")
        cls.organisations = list(Organisation.objects.filter(slug__in=SCRIPTS))

    def test_each_organisation_has_at_least_25_cases_in_every_status(self) -> None:
        for organisation in self.organisations:
            with self.subTest(organisation=organisation.slug):
                cases = Case.objects.filter(organisation=organisation)
                self.assertGreaterEqual(cases.count(), 25)
                self.assertEqual(
                    set(cases.values_list("status", flat=True)), set(CaseStatus.values)
                )

    def test_some_cases_are_yellow_and_some_red_on_monday_morning_with_warnings(
        self,
    ) -> None:
        for organisation in self.organisations:
            with self.subTest(organisation=organisation.slug):
                cases = Case.objects.filter(organisation=organisation)
                colours = [case_colour(case, SWEEP_AT) for case in cases]
                self.assertGreaterEqual(colours.count("yellow"), 1)
                self.assertGreaterEqual(colours.count("red"), 1)
                self.assertIn("green", colours)
                self.assertIn("stopped", colours)
                warned = CaseEvent.objects.filter(case__organisation=organisation)
                self.assertEqual(
                    warned.filter(action="warning_yellow").count(),
                    colours.count("yellow"),
                )
                self.assertEqual(
                    warned.filter(action="warning_red").count(), colours.count("red")
                )

    def test_every_case_history_is_numbered_from_one_without_gaps(self) -> None:
        for case in Case.objects.prefetch_related("events"):
            with self.subTest(case=case.number):
                sequences = [event.sequence for event in case.events.all()]
                self.assertEqual(sequences, list(range(1, len(sequences) + 1)))
                self.assertEqual(case.events.all()[0].action, "intake")

    def test_every_deadline_stays_inside_2026(self) -> None:
        for model in (Case, CaseStep):
            dues = model.objects.filter(due_at__isnull=False)
            self.assertTrue(dues.exists())
            self.assertFalse(dues.exclude(due_at__year=2026).exists())

    def test_every_scripted_moment_is_in_office_hours_on_a_working_day(self) -> None:
        for organisation in self.organisations:
            calendar = work_calendar_for(organisation)
            hours = parse_office_hours(organisation.office_hours)
            for spec in SCRIPTS[organisation.slug]:
                for moment in (spec.received, *(step.when for step in spec.then)):
                    with self.subTest(organisation=organisation.slug, moment=moment):
                        local = moment.astimezone(TZ)
                        self.assertTrue(FIRST_DAY <= local.date() <= LAST_DAY)
                        self.assertTrue(calendar.is_workday(local.date()))
                        self.assertTrue(
                            any(start <= local.time() < end for start, end in hours)
                        )

    def test_windows_take_requests_and_the_steps_people_work_the_steps(self) -> None:
        at_window = {"intake", "supplement", "hand_over", "withdraw"}
        for event in CaseEvent.objects.filter(actor__isnull=False).select_related(
            "case", "actor"
        ):
            posts = set(
                PostAssignment.objects.filter(
                    membership__user=event.actor,
                    membership__organisation_id=event.case.organisation_id,
                ).values_list("post__code", flat=True)
            )
            with self.subTest(case=event.case.number, action=event.action):
                if event.action in at_window:
                    self.assertIn("HALL-01", posts)
                elif event.action in STEP_ACTIONS:
                    step = (
                        CaseStep.objects.filter(
                            case=event.case,
                            name=event.from_step,
                            started_at__lte=event.at,
                        )
                        .select_related("post")
                        .latest("started_at", "id")
                    )
                    self.assertIn(step.post.code, posts)
                else:
                    self.assertIn(event.action, {"extend_approve", "notify"})
                    if event.action == "extend_approve":
                        self.assertIn("HALL-02", posts)  # the duty supervisor

    def test_decisions_and_deliveries_say_what_the_rules_require(self) -> None:
        for organisation in self.organisations:
            with self.subTest(organisation=organisation.slug):
                documents = [
                    (d.kind, d.content)
                    for case in Case.objects.filter(organisation=organisation)
                    for d in case.documents.all()
                ]
                rejections = [c for k, c in documents if k == DocumentKind.REJECTION]
                referrals = [c for k, c in documents if k == DocumentKind.REFERRAL]
                self.assertTrue(rejections and referrals)
                for content in rejections:
                    self.assertTrue(content["reason"] and content["legal_basis"])
                for content in referrals:
                    self.assertTrue(content["competent_body"] and content["contact"])
                self.assertTrue(
                    any(
                        k == DocumentKind.NOTICE and c.get("justification")
                        for k, c in documents
                    )
                )
                self.assertTrue(any(k == DocumentKind.EXTENSION for k, _c in documents))
                mailed = CaseEvent.objects.filter(
                    case__organisation=organisation, action="hand_over"
                ).filter(data__way="mail")
                self.assertTrue(mailed.exists())
                self.assertTrue(mailed.first().data["tracking_number"])

    def test_applicants_carry_valid_identity_numbers_and_mobile_phones(self) -> None:
        for case in Case.objects.exclude(applicant_id_number=""):
            with self.subTest(case=case.number):
                check = (
                    credit_code_problem
                    if case.applicant_kind == "organisation"
                    else resident_id_problem
                )
                self.assertIsNone(check(case.applicant_id_number))
                self.assertRegex(case.applicant_phone, r"^1[3-9]\d{9}$")


class DemoIdentityNumberTests(TestCase):
    def test_check_characters_match_the_standards_examples(self) -> None:
        # GB 11643-1999's own example, and the case tests' credit code.
        self.assertEqual(resident_id("110105", "19491231", "002"), "11010519491231002X")
        self.assertEqual(credit_code("350100", "M000100Y"), "91350100M000100Y43")


MONDAY = local("2026-11-30 10:00")
"""The demo's Monday, an hour and a half after the tax hall opened."""


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class DemoHallTests(DemoTestCase):
    """Queue, slots and today's numbers, ratings and online applications, loaded on MONDAY."""

    @classmethod
    def setUpTestData(cls) -> None:
        with time_machine.travel(MONDAY, tick=False):
            load_demo("--quiet")
        cls.organisations = list(Organisation.objects.filter(slug__in=HALLS))

    def reload_at(self, moment: datetime) -> None:
        with time_machine.travel(moment, tick=False):
            load_demo("--quiet")

    # --- the queue --------------------------------------------------------------------

    def test_every_window_type_with_items_has_a_category_offered_at_the_kiosk(
        self,
    ) -> None:
        for organisation in self.organisations:
            with self.subTest(organisation=organisation.slug):
                with_items = set(
                    ServiceItem.objects.filter(organisation=organisation).values_list(
                        "window_type__code", flat=True
                    )
                )
                categories = QueueCategory.objects.filter(
                    organisation=organisation, is_active=True
                )
                self.assertLessEqual(
                    with_items,
                    set(categories.values_list("window_type__code", flat=True)),
                )
                self.assertEqual(
                    sorted(categories.values_list("code", flat=True)),
                    ["A", "B", "C", "D"],
                )
        tax_general = QueueCategory.objects.get(
            organisation__slug="tax", window_type__code="GEN"
        )
        self.assertEqual((tax_general.code, tax_general.name), ("A", "综合业务"))

    # --- appointment slots and bookings ---------------------------------------------

    def test_slots_are_open_for_the_next_five_working_days_in_office_hours(
        self,
    ) -> None:
        days = [date(2026, 12, d) for d in (1, 2, 3, 4, 7)]
        self.assertEqual(len(days), BOOKING_DAYS)
        for organisation in self.organisations:
            hours = parse_office_hours(organisation.office_hours)
            slots = AppointmentSlot.objects.filter(organisation=organisation)
            with self.subTest(organisation=organisation.slug):
                self.assertEqual(sorted(set(slots.values_list("day", flat=True))), days)
                for plan in HALLS[organisation.slug].slots:
                    of_type = slots.filter(window_type__code=plan.window_type)
                    per_day = len(plan.times.split(","))
                    self.assertEqual(of_type.count(), per_day * BOOKING_DAYS)
                    self.assertEqual(
                        set(of_type.values_list("capacity", flat=True)),
                        {plan.capacity},
                    )
                for slot in slots:
                    self.assertTrue(
                        any(o <= slot.start < slot.end <= c for o, c in hours), slot
                    )

    def test_a_few_visitors_have_booked_those_slots(self) -> None:
        for organisation in self.organisations:
            with self.subTest(organisation=organisation.slug):
                booked = Appointment.objects.filter(organisation=organisation)
                self.assertEqual(booked.count(), len(HALLS[organisation.slug].bookings))
                self.assertEqual(
                    sum(
                        AppointmentSlot.objects.filter(
                            organisation=organisation
                        ).values_list("booked", flat=True)
                    ),
                    booked.count(),
                )
                for appointment in booked:
                    self.assertEqual(appointment.booked_at, MONDAY)
                    self.assertIsNotNone(appointment.item)

    def test_no_slots_are_opened_where_the_calendar_ends_before_the_booking_days(
        self,
    ) -> None:
        before = AppointmentSlot.objects.count()

        self.reload_at(local("2026-12-28 10:00"))  # 2027 has no holiday notice yet

        self.assertEqual(AppointmentSlot.objects.count(), before)

    # --- today's hall ------------------------------------------------------------------

    def test_todays_hall_has_numbers_served_missed_and_waiting(self) -> None:
        for organisation in self.organisations:
            hours = parse_office_hours(organisation.office_hours)
            tickets = Ticket.objects.filter(organisation=organisation)
            with self.subTest(organisation=organisation.slug):
                self.assertEqual(
                    set(tickets.values_list("day", flat=True)), {MONDAY.date()}
                )
                statuses = set(tickets.values_list("status", flat=True))
                self.assertEqual(
                    statuses,
                    {TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.WAITING},
                )
                for ticket in tickets:
                    for moment in (ticket.taken_at, ticket.called_at, ticket.served_to):
                        if moment is None:
                            continue
                        self.assertLess(moment, MONDAY)
                        local_time = moment.astimezone(TZ).time()
                        self.assertTrue(any(o <= local_time < c for o, c in hours))
                board = display_board(organisation=organisation, now=MONDAY)
                self.assertGreaterEqual(len(board["called"]), 8)
                self.assertTrue(any(row["waiting"] for row in board["waiting"]))
                served = tickets.filter(status=TicketStatus.DONE)
                self.assertFalse(served.filter(staff__isnull=True).exists())

    def test_the_hall_plays_only_when_it_has_been_open_long_enough(self) -> None:
        tax = Organisation.objects.get(slug="tax")
        span = HALLS["tax"].span
        for moment, expected in (
            ("2026-12-01 00:30", False),  # the fifty minutes would start yesterday
            ("2026-12-01 09:19", False),  # opened 08:30: not yet fifty minutes
            ("2026-12-01 09:20", True),
            ("2026-12-01 12:30", False),  # lunch
            ("2026-12-01 14:20", True),
            ("2026-12-01 17:45", False),  # closed
            ("2026-12-05 10:00", False),  # Saturday
            ("2027-03-01 10:00", False),  # the calendar does not reach it
        ):
            with self.subTest(moment=moment):
                self.assertEqual(
                    hall_open(organisation=tax, moment=local(moment), span=span),
                    expected,
                )

    def test_before_the_hall_has_been_open_long_enough_no_numbers_are_taken(
        self,
    ) -> None:
        self.reload_at(local("2026-12-01 08:40"))

        self.assertFalse(Ticket.objects.filter(day=date(2026, 12, 1)).exists())

    # --- ratings -------------------------------------------------------------------------

    def test_about_half_the_finished_cases_are_rated_mostly_satisfied(self) -> None:
        for organisation in self.organisations:
            finished = Case.objects.filter(
                organisation=organisation, status__in=RATEABLE_STATUSES
            )
            ratings = Rating.objects.filter(organisation=organisation)
            levels = list(ratings.values_list("level", flat=True))
            with self.subTest(organisation=organisation.slug):
                self.assertAlmostEqual(len(levels) / finished.count(), 0.5, delta=0.1)
                self.assertIn(levels.count(Level.BASICALLY_SATISFIED), (1, 2))
                self.assertIn(sum(level in BAD_LEVELS for level in levels), (2, 3))
                self.assertGreaterEqual(
                    sum(level >= Level.SATISFIED for level in levels), len(levels) / 2
                )
                for rating in ratings.select_related("case"):
                    case = rating.case
                    ended = case.delivered_at or case.completed_at or case.received_at
                    self.assertTrue(ended < rating.rated_at < SWEEP_AT)
                    self.assertTrue(rating.tags.exists())
                self.assertGreater(ratings.exclude(comment="").count(), len(levels) / 2)

    def test_bad_ratings_are_rectified_to_every_stage_and_the_overdue_one_escalated(
        self,
    ) -> None:
        S = RectificationStatus
        rectifications = Rectification.objects.select_related("rating")
        self.assertEqual(
            set(rectifications.values_list("status", flat=True)),
            {S.VERIFYING, S.RECTIFYING, S.REPLIED, S.CLOSED, S.INVALID},
        )
        escalated = rectifications.get(escalated_at__isnull=False)
        self.assertEqual(escalated.escalated_at, SWEEP_AT)
        self.assertTrue(escalated.is_overdue(SWEEP_AT))
        self.assertEqual(escalated.events.last().action, "escalate")
        for rectification in rectifications.exclude(pk=escalated.pk):
            with self.subTest(rating=rectification.rating.comment):
                self.assertFalse(rectification.is_overdue(SWEEP_AT))
        invalid = rectifications.get(status=S.INVALID)
        self.assertFalse(invalid.rating.counted)
        self.assertTrue(invalid.invalid_reason)
        closed = rectifications.get(status=S.CLOSED)
        self.assertEqual(
            list(closed.events.values_list("action", flat=True)),
            ["open", "verify", "rectify", "reply", "follow_up", "close"],
        )

    # --- online applications -------------------------------------------------------

    def test_online_applications_wait_with_their_files_in_private_storage(
        self,
    ) -> None:
        signatures = {"application/pdf": b"%PDF-", "image/png": b"\x89PNG\r\n\x1a\n"}
        for organisation in self.organisations:
            waiting = OnlineApplication.objects.filter(
                organisation=organisation, status=ApplicationStatus.SUBMITTED
            )
            with self.subTest(organisation=organisation.slug):
                self.assertIn(waiting.count(), (2, 3))
                for application in waiting:
                    self.assertTrue(application.item.online_available)
                    self.assertLess(application.created_at, SWEEP_AT)
                    uploads = list(application.uploads.all())
                    self.assertGreaterEqual(len(uploads), 2)
                    for upload in uploads:
                        content = Path(self.media, upload.file.name).read_bytes()
                        self.assertTrue(
                            content.startswith(signatures[upload.content_type])
                        )
                        self.assertEqual(
                            hashlib.sha256(content).hexdigest(), upload.sha256
                        )
                self.assertEqual(
                    {u.content_type for a in waiting for u in a.uploads.all()},
                    set(signatures),
                )

    # --- loading again -------------------------------------------------------------------

    def test_loading_again_the_same_day_changes_no_row_count(self) -> None:
        before = row_counts()
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0]
        files = sorted(p for p in Path(self.media).rglob("*") if p.is_file())

        self.reload_at(local("2026-11-30 15:00"))

        self.assertEqual(row_counts(), before)
        for label in FEATURE_MODELS:
            self.assertGreater(before[label], 0, label)
        self.assertEqual(
            AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0],
            last_event,
        )
        self.assertEqual(
            sorted(p for p in Path(self.media).rglob("*") if p.is_file()), files
        )

    def test_the_summary_counts_the_queue_slots_ratings_applications_and_numbers(
        self,
    ) -> None:
        with time_machine.travel(local("2026-11-30 15:00"), tick=False):
            line = load_demo("--quiet").splitlines()[-1]

        for count in (
            QueueCategory.objects.count(),
            AppointmentSlot.objects.count(),
            Appointment.objects.count(),
            Rating.objects.count(),
            OnlineApplication.objects.count(),
            Ticket.objects.count(),
        ):
            self.assertIn(f"{count} ", line)
