"""``manage.py load_demo``: two believable organisations, loadable again and again."""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings

from onestop.cases.models import Case, CaseEvent, CaseStatus, CaseStep, DocumentKind
from onestop.cases.selectors import case_colour
from onestop.catalog.models import ItemKind, ItemVersion, ServiceItem
from onestop.catalog.rules import time_limit_problems
from onestop.circulation.services import STEP_ACTIONS
from onestop.common.identity import credit_code_problem, resident_id_problem
from onestop.common.models import AuditEvent
from onestop.demo.cases import FIRST_DAY, LAST_DAY, SCRIPTS, SWEEP_AT, TZ
from onestop.demo.cases.specs import credit_code, resident_id
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
from onestop.posts.models import DutyLogEntry, MaterialHandover, Post, PostAssignment


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


# Hashing sixteen passwords at full strength would dominate the run.
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class LoadDemoTests(TestCase):
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
        ):
            self.assertIn(label, before)
        self.assertGreater(before["cases.Case"], 0)
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


class DemoCaseTests(TestCase):
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
