"""The campaign pages: who may see and plan, what they show, and isolation."""

from __future__ import annotations

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onestop.campaigns.models import Campaign, CampaignScript, Status
from onestop.campaigns.services import campaign_script_write
from onestop.campaigns.tests.base import (
    CODE,
    TODAY,
    TUESDAY,
    WEEK,
    CampaignTestCase,
    at,
)


@time_machine.travel(at(TODAY), tick=False)
class CampaignPageTests(CampaignTestCase):
    def page(self, campaign: Campaign) -> str:
        return reverse("staff:campaign", args=[campaign.pk])

    def test_the_list_shows_the_organisations_campaigns_with_their_status(self) -> None:
        self.campaign()
        self.campaign(organisation=self.tax, code="TAX-1", queue=self.tax_queue)
        self.login(self.uni_manager)
        response = self.client.get(reverse("staff:campaigns"))
        self.assertContains(response, CODE)
        self.assertNotContains(response, "TAX-1")
        self.assertContains(response, 'data-status="draft"')
        self.assertContains(response, reverse("staff:campaigns"))  # the nav link
        self.assertContains(response, reverse("staff:campaign_new"))

    def test_a_manager_plans_a_campaign_through_the_form(self) -> None:
        self.login(self.uni_manager)
        response = self.client.post(
            reverse("staff:campaign_new"),
            {
                "name": "宽带续约提醒",
                "code": "BB-RENEW",
                "queue": self.queue.pk,
                "channel": "sms",
                "reach": "8000",
                "response_rate": "1.5",
                "starts_on": "2025-06-10",
                "ends_on": "2025-06-12",
                "half_life_days": "1",
            },
        )
        campaign = Campaign.objects.get(code="BB-RENEW")
        self.assertRedirects(response, self.page(campaign))
        self.assertEqual(campaign.created_by, self.uni_manager)
        self.assertEqual(campaign.status, Status.DRAFT)

    def test_the_form_refuses_a_taken_code_and_a_reversed_period(self) -> None:
        self.campaign()
        self.login(self.uni_manager)
        response = self.client.post(
            reverse("staff:campaign_new"),
            {
                "name": "重复",
                "code": CODE,
                "queue": self.queue.pk,
                "channel": "sms",
                "reach": "100",
                "response_rate": "1",
                "starts_on": "2025-06-12",
                "ends_on": "2025-06-10",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'id="id_code_error"', status_code=400)
        self.assertContains(response, 'id="id_ends_on_error"', status_code=400)
        self.assertEqual(Campaign.objects.filter(code=CODE).count(), 1)

    def test_the_page_shows_charts_the_red_checklist_and_a_disabled_launch(
        self,
    ) -> None:
        campaign = self.campaign()
        self.login(self.uni_manager)
        response = self.client.get(self.page(campaign))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="days-chart-title"')
        self.assertContains(response, 'id="staffing-chart-title"')
        for key in ("roster", "knowledge", "script"):
            self.assertContains(response, f'data-check="{key}" data-ok="false"')
        self.assertContains(response, 'disabled aria-describedby="launch-reasons"')
        self.assertContains(
            response,
            'data-start="2025-06-10T09:00:00+08:00" data-gap="2" class="short"',
        )
        week = reverse("staff:workforce_queue", args=[self.queue.pk])
        self.assertContains(response, f"{week}?week={WEEK.monday:%Y-%m-%d}#add-shift")
        self.assertContains(response, reverse("staff:knowledge_new"))
        self.assertContains(response, 'href="#script"')

    def test_the_page_turns_ready_when_every_check_is_green(self) -> None:
        campaign = self.campaign()
        self.close_the_gap()
        self.publish_article()
        self.approved_script(campaign)
        self.login(self.uni_manager)
        response = self.client.get(self.page(campaign))
        self.assertContains(response, 'id="campaign-status" data-status="ready"')
        self.assertNotContains(response, 'data-ok="false"')
        self.assertNotContains(response, 'id="launch-reasons"')

    def test_a_supervisor_approves_the_managers_script_on_the_page(self) -> None:
        campaign = self.campaign()
        self.login(self.uni_manager)
        self.client.post(
            reverse("staff:campaign_script", args=[campaign.pk]), {"text": "您好……"}
        )
        script = CampaignScript.objects.get(campaign=campaign)
        response = self.client.get(self.page(campaign))
        self.assertNotContains(response, 'id="script-approve-form"')  # not a supervisor
        self.login(self.uni_supervisor)
        response = self.client.get(self.page(campaign))
        self.assertContains(response, 'id="script-approve-form"')
        self.client.post(
            reverse("staff:campaign_script_approve", args=[campaign.pk, 1])
        )
        script.refresh_from_db()
        self.assertEqual(script.approved_by, self.uni_supervisor)

    def test_launching_a_campaign_not_ready_names_the_failures(self) -> None:
        campaign = self.campaign()
        self.login(self.uni_manager)
        response = self.client.post(
            reverse("staff:campaign_launch", args=[campaign.pk]), follow=True
        )
        self.assertContains(response, "5G-2025-06")  # the knowledge article's topic
        self.assertContains(response, "message error", count=3)
        campaign.refresh_from_db()
        self.assertEqual(campaign.status, Status.DRAFT)

    def test_a_launched_campaign_shows_actuals_and_cannot_be_changed(self) -> None:
        campaign = self.campaign()
        self.close_the_gap()
        self.publish_article()
        self.approved_script(campaign)
        self.login(self.uni_manager)
        self.client.post(reverse("staff:campaign_launch", args=[campaign.pk]))
        campaign.refresh_from_db()
        self.assertEqual(campaign.status, Status.LAUNCHED)
        with time_machine.travel(at(TUESDAY, "12:00"), tick=False):
            response = self.client.get(self.page(campaign))
            self.assertContains(response, 'data-status="launched"')
            self.assertContains(response, "2025-06-05 10:00")  # launched at
            self.assertNotContains(response, 'id="launch-form"')
            self.assertNotContains(response, 'id="script-form"')
            response = self.client.post(
                reverse("staff:campaign_edit", args=[campaign.pk]),
                {**self.form_data(), "reach": "1"},
            )
        self.assertEqual(response.status_code, 400)
        campaign.refresh_from_db()
        self.assertEqual(campaign.reach, 20000)

    def form_data(self) -> dict[str, str]:
        return {
            "name": "5G畅享套餐六月促销",
            "code": CODE,
            "queue": str(self.queue.pk),
            "channel": "sms",
            "reach": "20000",
            "response_rate": "0.25",
            "starts_on": "2025-06-10",
            "ends_on": "2025-06-11",
            "half_life_days": "0.5",
        }

    def test_agents_and_other_organisations_are_kept_out(self) -> None:
        campaign = self.campaign()
        self.login(self.uni_agent)
        self.assertEqual(self.client.get(reverse("staff:campaigns")).status_code, 403)
        self.login(self.tax_admin)
        self.assertEqual(self.client.get(self.page(campaign)).status_code, 404)
        edit = reverse("staff:campaign_edit", args=[campaign.pk])
        self.assertEqual(self.client.get(edit).status_code, 404)
        launch = reverse("staff:campaign_launch", args=[campaign.pk])
        self.assertEqual(self.client.post(launch).status_code, 404)

    def test_a_manager_cannot_approve_scripts(self) -> None:
        campaign = self.campaign()
        self.login(self.uni_admin)
        self.client.post(
            reverse("staff:campaign_script", args=[campaign.pk]), {"text": "口径"}
        )
        self.login(self.uni_manager)
        approve = reverse("staff:campaign_script_approve", args=[campaign.pk, 1])
        self.assertEqual(self.client.post(approve).status_code, 403)

    def test_the_page_reads_in_a_fixed_number_of_queries(self) -> None:
        campaign = self.campaign()
        self.login(self.uni_manager)
        self.client.get(self.page(campaign))  # sessions, permissions warmed up
        with CaptureQueriesContext(connection) as short:
            self.client.get(self.page(campaign))
        for n in range(3):
            campaign_script_write(
                actor=self.uni_manager, campaign=campaign, text=f"{n}"
            )
        self.publish_article()
        Campaign.objects.filter(pk=campaign.pk).update(ends_on=WEEK.days[-1])
        with CaptureQueriesContext(connection) as longer:
            self.client.get(self.page(campaign))
        self.assertEqual(len(longer), len(short))
