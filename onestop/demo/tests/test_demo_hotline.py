"""The demo hotlines: calls, agents, the week's plan, knowledge and a campaign, loaded twice."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce
from django.test import TestCase, override_settings
from django.urls import reverse

from onestop.campaigns.models import Campaign, Status
from onestop.campaigns.readiness import campaign_readiness
from onestop.common.models import AuditEvent
from onestop.contactcenter.models import CallImport, CallRecord, Disposition, Queue
from onestop.demo.hotline import HOTLINES
from onestop.demo.hotline.calls import DayKind, day_calls, filing_factor
from onestop.knowledge.models import Article, ArticleVariant, ArticleVersion
from onestop.knowledge.models import VersionStatus as V
from onestop.organisations.models import Organisation
from onestop.organisations.roles import Role
from onestop.workforce.intervals import Week
from onestop.workforce.models import (
    AgentProfile,
    Forecast,
    Roster,
    RosterShift,
    ShiftTemplate,
)
from onestop.workforce.selectors import agent_list

SH = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=SH)
YESTERDAY = date(2026, 11, 29)
NEXT_WEEK = Week(date(2026, 12, 7))


def load_demo() -> None:
    call_command("load_demo", "--quiet", stdout=StringIO())


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class DemoHotlineTests(TestCase):
    """The demo loaded on Monday 30 November 2026, as in the hall's tests."""

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.mkdtemp(prefix="onestop-demo-media-")
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        settings = override_settings(MEDIA_ROOT=media)
        settings.enable()
        cls.addClassCleanup(settings.disable)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        with time_machine.travel(MONDAY, tick=False):
            load_demo()
        cls.tax = Organisation.objects.get(slug="tax")
        cls.uni = Organisation.objects.get(slug="uni")
        cls.main = Queue.objects.get(organisation=cls.tax, code="12366")
        cls.firms = Queue.objects.get(organisation=cls.tax, code="12366-QY")
        cls.supervisor = get_user_model().objects.get(username="tax-supervisor")

    # --- loading again ---------------------------------------------------------------

    def test_loading_again_the_same_day_adds_no_row_and_no_event(self) -> None:
        before = row_counts()
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0]

        with time_machine.travel(MONDAY + timedelta(hours=5), tick=False):
            load_demo()

        self.assertEqual(row_counts(), before)
        self.assertEqual(
            AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0],
            last_event,
        )
        for label in (
            "contactcenter.Queue",
            "contactcenter.CallImport",
            "contactcenter.CallRecord",
            "workforce.QueuePlanning",
            "workforce.ShiftTemplate",
            "workforce.AgentProfile",
            "workforce.Forecast",
            "workforce.ForecastInterval",
            "workforce.Roster",
            "workforce.RosterShift",
            "knowledge.Article",
            "knowledge.ArticleVersion",
            "knowledge.ArticleVariant",
            "campaigns.Campaign",
            "campaigns.CampaignScript",
        ):
            self.assertGreater(before[label], 0, label)

    def test_a_later_load_adds_only_the_days_since(self) -> None:
        calls = CallRecord.objects.filter(organisation=self.tax)
        before = calls.count()

        with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
            load_demo()

        monday = calls.filter(arrived_at__date=MONDAY.date())
        self.assertGreater(monday.count(), 100)
        self.assertEqual(calls.count(), before + monday.count())

    # --- queues and calls --------------------------------------------------------------

    def test_each_organisation_has_its_queues_with_their_targets(self) -> None:
        self.assertEqual(
            set(
                Queue.objects.filter(organisation=self.tax).values_list("code", "name")
            ),
            {("12366", "综合咨询"), ("12366-QY", "企业专线（重点税源企业）")},
        )
        self.assertEqual(self.firms.answer_within_s, 20)
        self.assertEqual(
            list(Queue.objects.filter(organisation=self.uni).values_list("name")),
            [("后勤报修热线",)],
        )

    def test_four_weeks_of_calls_end_on_the_last_working_day(self) -> None:
        for organisation in (self.tax, self.uni):
            with self.subTest(organisation=organisation.slug):
                calls = CallRecord.objects.filter(organisation=organisation)
                days = {
                    moment.astimezone(SH).date()
                    for moment in calls.values_list("arrived_at", flat=True)
                }
                # 2–27 November are the working days of the four weeks.
                self.assertEqual(min(days), date(2026, 11, 2))
                self.assertEqual(max(days), date(2026, 11, 27))
                self.assertEqual(len(days), 20)
                self.assertEqual(
                    CallImport.objects.filter(organisation=organisation).count(), 1
                )
                self.assertFalse(calls.filter(arrived_at__date__gt=YESTERDAY).exists())

    def test_the_calls_are_linked_to_the_agents_and_some_callers_give_up(self) -> None:
        calls = CallRecord.objects.filter(queue=self.main)
        offered = calls.exclude(disposition=Disposition.ABANDONED_IVR)
        answered = offered.filter(answered_at__isnull=False)
        abandoned = offered.filter(disposition=Disposition.ABANDONED)
        self.assertGreater(offered.count(), 4000)
        self.assertTrue(0.01 < abandoned.count() / offered.count() < 0.12)
        self.assertFalse(answered.filter(agent__isnull=True).exists())
        self.assertFalse(abandoned.filter(agent__isnull=False).exists())
        agents = set(answered.values_list("agent__username", flat=True))
        self.assertIn("tax-agent", agents)
        self.assertTrue(calls.filter(disposition=Disposition.ABANDONED_IVR).exists())
        self.assertTrue(calls.filter(disposition=Disposition.TRANSFERRED).exists())
        in_time = answered.filter(wait_s__lte=15).count() / offered.count()
        self.assertTrue(0.7 < in_time < 0.98, in_time)

    def test_mondays_and_mid_mornings_are_busiest(self) -> None:
        offered = CallRecord.objects.filter(queue=self.main).exclude(
            disposition=Disposition.ABANDONED_IVR
        )
        by_day = dict(
            offered.values_list("arrived_at__week_day")
            .annotate(n=Count("pk"))
            .order_by()
        )
        self.assertGreater(by_day[2], by_day[6])  # Monday over Friday
        self.assertNotIn(1, by_day)  # no Sunday
        by_hour = dict(
            offered.values_list("arrived_at__hour").annotate(n=Count("pk")).order_by()
        )
        self.assertGreater(by_hour[10], 2 * by_hour[12])  # lunch is quiet

    def test_a_day_is_made_up_the_same_way_every_time(self) -> None:
        spec, day = HOTLINES["tax"], date(2026, 11, 16)  # the November deadline
        again = day_calls(
            spec,
            seed="tax:CD12366",
            day=day,
            kind=DayKind(workday=True, holiday=False),
            factor=filing_factor(day, lambda d: date(2026, 11, 16)),
        )
        stored = CallRecord.objects.filter(
            organisation=self.tax, call_id__startswith="CD12366-20261116-"
        ).order_by("call_id")
        self.assertEqual(
            [(c.arrival, c.answer, c.end, c.agent) for c in again],
            [
                (r.arrived_at, r.answered_at, r.ended_at, r.agent_username)
                for r in stored.annotate(
                    agent_username=Coalesce("agent__username", Value(""))
                )
            ],
        )

    # --- agents, shifts and next week ---------------------------------------------------

    def test_the_tax_hall_has_nine_agents_with_profiles_and_four_shifts(self) -> None:
        agents = agent_list(organisation=self.tax)
        self.assertEqual(len(agents), 9)
        self.assertEqual(
            AgentProfile.objects.filter(organisation=self.tax).count(), len(agents)
        )
        self.assertEqual(
            {a.user.username for a in agents},
            {p.username for p in HOTLINES["tax"].agents},
        )
        self.assertEqual(
            set(
                ShiftTemplate.objects.filter(organisation=self.tax).values_list(
                    "code", flat=True
                )
            ),
            {"D1", "D2", "AM", "PM"},
        )
        for agent in agents:
            roles = agent.user.memberships.get(organisation=self.tax).roles
            self.assertTrue(roles.filter(name=Role.AGENT).exists())

    def test_next_week_is_forecast_and_rostered_within_the_agents_limits(self) -> None:
        for queue in (self.main, self.firms):
            with self.subTest(queue=queue.code):
                forecast = Forecast.objects.get(queue=queue)
                self.assertEqual(forecast.week_start, NEXT_WEEK.monday)
                self.assertEqual(forecast.intervals.count(), 7 * 48)
                roster = Roster.objects.get(queue=queue)
                self.assertEqual(roster.week_start, NEXT_WEEK.monday)
                self.assertIn(roster.solver_status, ("OPTIMAL", "FEASIBLE"))
                self.assertGreater(roster.shifts.count(), 5)
        shifts = RosterShift.objects.filter(roster__organisation=self.tax)
        for profile in AgentProfile.objects.filter(organisation=self.tax):
            mine = shifts.filter(agent=profile.user)
            paid = sum(mine.values_list("paid_minutes", flat=True))
            self.assertLessEqual(paid, profile.weekly_hours * 60)
            self.assertEqual(mine.count(), mine.values("day").distinct().count())
        # The university's week is left for its supervisor to plan on the page.
        self.assertFalse(Forecast.objects.filter(organisation=self.uni).exists())

    # --- knowledge and the campaign ------------------------------------------------------

    def test_a_dozen_articles_are_published_by_someone_other_than_their_author(
        self,
    ) -> None:
        versions = ArticleVersion.objects.filter(article__organisation=self.tax)
        self.assertEqual(Article.objects.filter(organisation=self.tax).count(), 12)
        published = versions.filter(status=V.PUBLISHED)
        self.assertEqual(published.count(), 12)
        self.assertFalse(published.filter(approver=None).exists())
        self.assertFalse(published.filter(approver=F("author")).exists())
        waiting = versions.get(status=V.SUBMITTED)
        self.assertEqual((waiting.article.key, waiting.number), ("FP-002", 2))
        variant = ArticleVariant.objects.get(version__article__organisation=self.tax)
        self.assertEqual(variant.region, "九台区")

    def test_the_campaign_in_planning_is_not_ready_to_launch(self) -> None:
        campaign = Campaign.objects.get(organisation=self.tax)
        self.assertEqual(campaign.status, Status.DRAFT)
        self.assertEqual(campaign.starts_on, NEXT_WEEK.days[1])
        with time_machine.travel(MONDAY, tick=False):
            readiness = campaign_readiness(campaign)
        self.assertFalse(readiness.ready)
        self.assertEqual(readiness.knowledge.problems, [])  # the article is there
        self.assertNotEqual(readiness.script.problems, [])  # waits for approval
        self.assertNotEqual(readiness.roster.problems, [])  # the extra calls

    # --- the pages ---------------------------------------------------------------------

    def test_the_supervisor_sees_the_last_working_days_figures(self) -> None:
        self.client.force_login(self.supervisor)
        with time_machine.travel(MONDAY, tick=False):
            response = self.client.get(reverse("staff:calls"))
        self.assertEqual(response.status_code, 200)
        figures = response.context["figures"]
        self.assertEqual(figures.day, date(2026, 11, 27))
        self.assertGreater(figures.total.offered, 150)
        self.assertGreater(figures.total.answered, 0)
        self.assertContains(response, "12366 · 综合咨询")
        self.assertContains(response, "刘佳琪")

    def test_the_supervisor_sees_next_weeks_forecast_and_roster(self) -> None:
        self.client.force_login(self.supervisor)
        with time_machine.travel(MONDAY, tick=False):
            home = self.client.get(reverse("staff:workforce"))
            week = self.client.get(
                reverse("staff:workforce_queue", args=[self.main.pk]),
                {"week": NEXT_WEEK.monday.isoformat()},
            )
        self.assertContains(home, "综合咨询")
        self.assertContains(home, "企业专线")
        self.assertEqual(week.status_code, 200)
        plan = week.context["plan"]
        self.assertIsNotNone(plan.forecast)
        self.assertIsNotNone(plan.roster)
        self.assertGreater(sum(day.forecast_calls for day in plan.days), 500)
        self.assertContains(week, 'id="calls-chart-title"')
        self.assertContains(week, "刘佳琪")
