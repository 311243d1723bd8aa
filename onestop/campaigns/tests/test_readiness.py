"""The launch checklist: red until the roster, the knowledge base and the script
are ready; the launch refused naming what is not."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from onestop.campaigns.errors import CampaignError
from onestop.campaigns.load import ShapeSource, campaign_load
from onestop.campaigns.models import Status
from onestop.campaigns.readiness import campaign_readiness
from onestop.campaigns.selectors import campaign_plan, campaign_status
from onestop.campaigns.services import (
    campaign_launch,
    campaign_script_approve,
    campaign_script_write,
)
from onestop.campaigns.tests.base import (
    CODE,
    TODAY,
    TUESDAY,
    WEDNESDAY,
    WEEK,
    CampaignTestCase,
    at,
    mornings,
)
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.models import AuditEvent
from onestop.workforce.tests.factories import add_calls


def codes(error: ServiceError | ServiceErrors) -> set[str]:
    errors = error.errors if isinstance(error, ServiceErrors) else [error]
    return {e.code.code for e in errors}


class CampaignLoadTests(CampaignTestCase):
    def test_extra_calls_follow_the_curve_and_the_forecasts_shape(self) -> None:
        load = campaign_load(self.campaign())
        self.assertAlmostEqual(load.total, 50)
        tuesday, wednesday = load.days
        self.assertAlmostEqual(tuesday.extra_calls, 40)
        self.assertAlmostEqual(wednesday.extra_calls, 10)
        self.assertEqual(tuesday.shape, ShapeSource.FORECAST)
        # Six forecast half hours on Tuesday morning, 40 / 6 each, none at night.
        self.assertEqual(len(load.extra), 12)
        self.assertAlmostEqual(load.extra[at(TUESDAY, "09:00")], 40 / 6)
        self.assertAlmostEqual(load.extra[at(WEDNESDAY, "11:30")], 10 / 6)
        self.assertNotIn(at(TUESDAY, "12:00"), load.extra)

    def test_without_a_forecast_the_days_follow_the_calls_of_past_weeks(self) -> None:
        add_calls(
            self.queue, first=WEEK.monday + timedelta(weeks=1), days=7, pattern=mornings
        )
        campaign = self.campaign(
            starts_on=TUESDAY + timedelta(weeks=5), ends_on=TUESDAY + timedelta(weeks=5)
        )
        load = campaign_load(campaign)
        self.assertEqual(load.days[0].shape, ShapeSource.HISTORY)
        self.assertAlmostEqual(load.extra[at(campaign.starts_on, "09:30")], 50 / 6)

    def test_with_neither_the_calls_spread_evenly_and_the_roster_is_red(self) -> None:
        campaign = self.campaign(
            starts_on=TUESDAY + timedelta(weeks=20),
            ends_on=TUESDAY + timedelta(weeks=20),
        )
        readiness = campaign_readiness(campaign)
        self.assertEqual(readiness.load.days[0].shape, ShapeSource.EVEN)
        self.assertAlmostEqual(
            readiness.load.extra[at(campaign.starts_on, "03:00")], 50 / 48
        )
        self.assertIn(
            CampaignError.NO_FORECAST, [p.code for p in readiness.roster.problems]
        )


class ChecklistTests(CampaignTestCase):
    def test_the_checklist_turns_green_one_condition_at_a_time(self) -> None:
        campaign = self.campaign()
        readiness = campaign_readiness(campaign)
        self.assertEqual([bool(c.problems) for c in readiness.checks], [True] * 3)
        short = readiness.roster.short
        self.assertEqual(len(short), 6)  # Tuesday 09:00–12:00
        self.assertEqual({s.gap for s in short}, {2})
        self.assertEqual(short[0].start, at(TUESDAY, "09:00"))
        self.assertEqual([w.monday for w in readiness.roster.weeks], [WEEK.monday])

        self.close_the_gap()
        readiness = campaign_readiness(campaign)
        self.assertEqual(
            [bool(c.problems) for c in readiness.checks], [False, True, True]
        )

        self.publish_article()
        readiness = campaign_readiness(campaign)
        self.assertEqual(
            [bool(c.problems) for c in readiness.checks], [False, False, True]
        )

        self.approved_script(campaign)
        readiness = campaign_readiness(campaign)
        self.assertTrue(readiness.ready)
        self.assertEqual(
            campaign_status(campaign, ready=readiness.ready, today=TODAY), Status.READY
        )

    def test_an_article_not_yet_in_force_on_the_launch_date_does_not_count(
        self,
    ) -> None:
        campaign = self.campaign()
        self.publish_article(start=WEDNESDAY)
        check = campaign_readiness(campaign).knowledge
        self.assertEqual([p.code for p in check.problems], [CampaignError.NO_ARTICLE])
        self.assertEqual([a.key for a in check.unpublished], [f"KB-{CODE}"])

    def test_another_organisations_article_does_not_count(self) -> None:
        campaign = self.campaign()
        self.publish_article(organisation=self.tax)
        self.assertTrue(campaign_readiness(campaign).knowledge.problems)

    def test_a_new_script_version_waits_for_approval_again(self) -> None:
        campaign = self.campaign()
        self.approved_script(campaign)
        campaign_script_write(actor=self.uni_manager, campaign=campaign, text="新口径")
        problems = campaign_readiness(campaign).script.problems
        self.assertEqual([p.code for p in problems], [CampaignError.SCRIPT_UNAPPROVED])
        self.assertEqual(problems[0].params, {"number": 2})

    def test_removing_a_shift_turns_a_ready_campaign_red_again(self) -> None:
        campaign = self.campaign()
        self.close_the_gap()
        self.publish_article()
        self.approved_script(campaign)
        self.assertTrue(campaign_readiness(campaign).ready)
        from onestop.workforce.models import RosterShift

        RosterShift.objects.filter(day=TUESDAY, agent=self.agents[4]).delete()
        readiness = campaign_readiness(campaign)
        self.assertFalse(readiness.ready)
        self.assertEqual({s.gap for s in readiness.roster.short}, {1})


class ScriptApprovalTests(CampaignTestCase):
    def test_the_author_cannot_approve_their_own_script(self) -> None:
        campaign = self.campaign()
        script = campaign_script_write(
            actor=self.uni_supervisor, campaign=campaign, text="口径"
        )
        with self.assertRaises(ServiceError) as refused:
            campaign_script_approve(actor=self.uni_supervisor, script=script)
        self.assertEqual(refused.exception.code, CampaignError.SCRIPT_OWN)
        script.refresh_from_db()
        self.assertIsNone(script.approved_at)

    def test_only_approvers_approve(self) -> None:
        script = campaign_script_write(
            actor=self.uni_supervisor, campaign=self.campaign(), text="口径"
        )
        for actor in (self.uni_manager, self.uni_admin):
            with (
                self.subTest(actor=actor.username),
                self.assertRaises(ServiceError) as e,
            ):
                campaign_script_approve(actor=actor, script=script)
            self.assertEqual(e.exception.code, CampaignError.NOT_APPROVER)

    def test_an_older_version_cannot_be_approved(self) -> None:
        campaign = self.campaign()
        first = campaign_script_write(
            actor=self.uni_manager, campaign=campaign, text="一"
        )
        campaign_script_write(actor=self.uni_manager, campaign=campaign, text="二")
        with self.assertRaises(ServiceError) as refused:
            campaign_script_approve(actor=self.uni_supervisor, script=first)
        self.assertEqual(refused.exception.code, CampaignError.SCRIPT_OUTDATED)


class LaunchTests(CampaignTestCase):
    def test_the_launch_is_refused_naming_every_failing_check(self) -> None:
        campaign = self.campaign()
        with self.assertRaises(ServiceErrors) as refused:
            campaign_launch(actor=self.uni_manager, campaign=campaign)
        self.assertEqual(
            codes(refused.exception), {"roster_short", "no_article", "no_script"}
        )
        self.assertIn("5G-2025-06", str(refused.exception))
        campaign.refresh_from_db()
        self.assertEqual(campaign.status, Status.DRAFT)
        self.assertFalse(
            AuditEvent.objects.filter(verb="campaigns.campaign_launched").exists()
        )

    def test_one_red_check_alone_refuses_the_launch(self) -> None:
        campaign = self.campaign()
        self.publish_article()
        self.approved_script(campaign)
        with self.assertRaises(ServiceError) as refused:
            campaign_launch(actor=self.uni_manager, campaign=campaign)
        self.assertEqual(refused.exception.code, CampaignError.ROSTER_SHORT)
        self.assertIn("2025-06-10 09:00", refused.exception.message)

    def test_a_ready_campaign_launches_once(self) -> None:
        campaign = self.campaign()
        self.close_the_gap()
        self.publish_article()
        self.approved_script(campaign)
        launched = campaign_launch(
            actor=self.uni_manager, campaign=campaign, now=at(TODAY, "16:00")
        )
        self.assertEqual(launched.status, Status.LAUNCHED)
        self.assertEqual(launched.launched_by, self.uni_manager)
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="campaigns.campaign_launched", target_id=str(campaign.pk)
            ).exists()
        )
        with self.assertRaises(ServiceError) as again:
            campaign_launch(actor=self.uni_manager, campaign=launched)
        self.assertEqual(again.exception.code, CampaignError.NOT_A_DRAFT)


class ActualAgainstForecastTests(CampaignTestCase):
    def test_after_the_launch_calls_offered_are_set_against_the_forecast(self) -> None:
        campaign = self.campaign()
        self.close_the_gap()
        self.publish_article()
        self.approved_script(campaign)
        campaign = campaign_launch(
            actor=self.uni_manager, campaign=campaign, now=at(TODAY)
        )

        def busy_tuesday(day, interval):  # type: ignore[no-untyped-def]
            return 14 if 18 <= interval < 24 else 0

        add_calls(self.queue, first=TUESDAY, days=1, pattern=busy_tuesday)
        with time_machine.travel(at(WEDNESDAY, "10:00"), tick=False):
            plan = campaign_plan(campaign=campaign, now=at(WEDNESDAY, "10:00"))
        self.assertTrue(plan.has_actuals)
        tuesday, wednesday = plan.days
        self.assertEqual(tuesday.actual_calls, 84)
        self.assertAlmostEqual(tuesday.baseline_calls, 36)
        self.assertAlmostEqual(tuesday.extra_calls, 40)
        self.assertAlmostEqual(tuesday.actual_above_baseline, 48)
        self.assertEqual(wednesday.actual_calls, 0)  # 09:00–10:00 so far, no calls
        later = [
            r for r in plan.intervals if r.staffing.start >= at(WEDNESDAY, "10:00")
        ]
        self.assertTrue(all(r.actual_calls is None for r in later))
        self.assertEqual(plan.status, Status.LAUNCHED)

    def test_before_the_launch_there_are_no_actuals(self) -> None:
        plan = campaign_plan(campaign=self.campaign(), now=at(WEDNESDAY))
        self.assertFalse(plan.has_actuals)
        self.assertIsNone(plan.days[0].actual_calls)
        self.assertEqual(plan.status, Status.DRAFT)
