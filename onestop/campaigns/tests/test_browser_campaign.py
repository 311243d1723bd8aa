"""Browser: a promotion is not launched until the hotline is ready for it (篇9).

A manager of a hotline imports a week of call records, looks at the service
level, forecasts and rosters the next week, then plans an SMS promotion
launching on Tuesday that would overload Tuesday morning. The campaign page
shows the half hours short and the checklist red — roster, knowledge article,
script — with the launch button disabled. The manager adds shifts by hand
until the gap closes and drafts the knowledge article; a supervisor approves
the article and the script; the campaign turns launch ready.

The hotline takes 6 calls a half hour from 09:00 to 12:00 on working days
and 2 at weekends (3 and 2 agents on shift by the queue's default targets). The promotion reaches
20,000 people, 0.25% of whom call, halving every half day: 40 calls on
Tuesday morning (12⅔ a half hour: 5 on shift, 2 short) and 10 on Wednesday
(still 3).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings

from onestop.campaigns.models import Campaign, Status
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_organisation, make_user
from onestop.contactcenter.models import CallRecord
from onestop.organisations.models import OrganisationKind
from onestop.organisations.services import membership_grant
from onestop.workforce.models import RosterShift
from onestop.workforce.tests.factories import make_agent, make_queue, make_template

SH = ZoneInfo("Asia/Shanghai")
SCREENSHOTS = settings.VAR_DIR / "screenshots"
HISTORY_MONDAY = date(2026, 11, 2)
PLANNED_MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
CODE = "5G-1117"


def calls_in(day: date) -> int:
    """Calls a half hour from 09:00 to 12:00: 6 on working days, 2 at weekends."""
    return 6 if day.weekday() < 5 else 2


def call_records_csv(queue_code: str) -> bytes:
    """One week of calls in OneStop's standard layout, each answered after 8 s
    and talked for 180 s."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["call_id", "queue", "arrival", "answer", "end", "abandoned", "agent"]
    )
    for d in range(7):
        day = HISTORY_MONDAY + timedelta(days=d)
        morning = datetime.combine(day, time(9), tzinfo=SH)
        for slot in range(6):
            for k in range(calls_in(day)):
                arrival = morning + timedelta(minutes=30 * slot + 5 * k)
                writer.writerow(
                    _call_row(f"{day:%Y%m%d}-{slot}-{k}", queue_code, arrival, k)
                )
    return out.getvalue().encode("utf-8")


def _call_row(call_id: str, queue_code: str, arrival: datetime, k: int) -> list[str]:
    answer = arrival + timedelta(seconds=8)
    end = answer + timedelta(seconds=180)
    shown = "%Y-%m-%d %H:%M:%S"
    return [
        call_id,
        queue_code,
        arrival.strftime(shown),
        answer.strftime(shown),
        end.strftime(shown),
        "0",
        f"坐席{k % 3 + 1}",
    ]


class CampaignTurnsReadyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.hotline = make_organisation(
            slug="cmcc",
            code="CM",
            name="城北移动客服中心",
            kind=OrganisationKind.HOTLINE,
        )
        # The hotline's duty manager also holds the supervisor role, which
        # imports call records and plans staffing (organisations.roles).
        for username, name, roles in (
            ("cm_manager", "王经理", ["manager", "supervisor"]),
            ("cm_supervisor", "李组长", ["supervisor"]),
        ):
            user = make_user(username, first_name=name)
            membership_grant(
                actor=None, organisation=self.hotline, user=user, roles=roles
            )
        self.queue = make_queue(self.hotline, "HOT")
        make_template(self.hotline, "AM", "09:00", 4)
        self.agents = [make_agent(self.hotline, f"agent_{n}") for n in range(5)]

    def test_a_campaign_turns_launch_ready_once_staff_and_knowledge_are(self) -> None:
        with time_machine.travel("2026-11-10 09:00 +0800", tick=False):
            self.sign_in("cm_manager", PASSWORD)
            self.import_a_week_and_see_the_service_level()
            self.forecast_and_roster_the_next_week()
            self.plan_the_campaign_and_see_it_blocked()
            self.add_shifts_until_the_gap_closes()
            self.draft_the_article_and_the_script()
            self.approve_as_the_supervisor()
            self.see_it_ready()

    def import_a_week_and_see_the_service_level(self) -> None:
        page = self.page
        page.click("nav details[data-domain=hotline] > summary")
        page.click("nav a[href='/staff/calls/']")
        page.click("a[href='/staff/calls/import/']")
        page.set_input_files(
            "#id_file",
            files=[
                {
                    "name": "switch-2026-11-02.csv",
                    "mimeType": "text/csv",
                    "buffer": call_records_csv(self.queue.code),
                }
            ],
        )
        page.select_option("#id_layout", "standard")
        with page.expect_navigation():
            page.click("form[enctype] button[type=submit]")
        page.wait_for_selector("section[role=status]")
        self.assertEqual(CallRecord.objects.filter(queue=self.queue).count(), 204)
        page.click("section[role=status] a[href='/staff/calls/']")
        chart = page.locator("svg:has(#level-chart-title)")
        chart.wait_for()
        self.assertTrue(chart.is_visible())

    def forecast_and_roster_the_next_week(self) -> None:
        page = self.page
        page.click("nav details[data-domain=hotline] > summary")
        page.click("nav a[href='/staff/workforce/']")
        page.click(f"a[href^='/staff/workforce/{self.queue.pk}/']")
        page.fill("#id_week", PLANNED_MONDAY.isoformat())
        with page.expect_navigation():
            page.click("#week-form button[type=submit]")
        with page.expect_navigation():
            page.click("#forecast-form button[type=submit]")
        page.wait_for_selector(".message.success")
        with page.expect_navigation():
            page.click("#roster-form button[type=submit]")
        page.wait_for_selector("table.roster td >> text=09:00–13:00")
        # Three agents on each working morning (two at weekends) cover the baseline.
        self.assertEqual(RosterShift.objects.filter(day=TUESDAY).count(), 3)
        self.assertEqual(
            RosterShift.objects.filter(roster__week_start=PLANNED_MONDAY).count(), 19
        )

    def plan_the_campaign_and_see_it_blocked(self) -> None:
        page = self.page
        page.click("nav details[data-domain=hotline] > summary")
        page.click("nav a[href='/staff/campaigns/']")
        page.click("a[href='/staff/campaigns/new/']")
        page.fill("#id_name", "5G畅享套餐老用户升级")
        page.fill("#id_code", CODE)
        page.select_option("#id_queue", str(self.queue.pk))
        page.select_option("#id_channel", "sms")
        page.fill("#id_description", "短信通知老用户升级5G套餐，详情请致电热线。")
        page.fill("#id_reach", "20000")
        page.fill("#id_response_rate", "0.25")
        page.fill("#id_starts_on", TUESDAY.isoformat())
        page.fill("#id_ends_on", (TUESDAY + timedelta(days=1)).isoformat())
        page.fill("#id_half_life_days", "0.5")
        with page.expect_navigation():
            page.click("#campaign-form button[type=submit]")
        page.wait_for_selector("#checklist")
        short = page.locator("table.intervals tr.short")
        starts = [
            short.nth(i).get_attribute("data-start") for i in range(short.count())
        ]
        self.assertEqual(len(starts), 6)
        self.assertTrue(all(s and s.startswith("2026-11-17T") for s in starts))
        self.assertTrue(all(s and "T09:" <= s[10:14] <= "T11:" for s in starts))
        for check in ("roster", "knowledge", "script"):
            self.assertEqual(self.check_state(check), "false")
        self.assertTrue(page.locator("#launch-form button[type=submit]").is_disabled())
        self.assertEqual(len(page.locator("#launch-reasons li").all()), 3)
        self.assertEqual(self.status(), "draft")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "campaign-blocked.png"), full_page=True)

    def add_shifts_until_the_gap_closes(self) -> None:
        page = self.page
        campaign_url = page.url
        for _round in range(6):
            if self.check_state("roster") == "true":
                break
            start = page.locator("[data-check=roster] li[data-start]").first
            day = (start.get_attribute("data-start") or "")[:10]
            page.click("[data-check=roster] a.fix")
            self.add_a_shift(date.fromisoformat(day))
            page.goto(campaign_url)
        self.assertEqual(self.check_state("roster"), "true")
        self.assertEqual(page.locator("table.intervals tr.short").count(), 0)
        self.assertEqual(
            RosterShift.objects.filter(day=TUESDAY, is_manual=True).count(), 2
        )

    def add_a_shift(self, day: date) -> None:
        page = self.page
        busy = set(
            RosterShift.objects.filter(day=day).values_list("agent_id", flat=True)
        )
        free = next(a for a in self.agents if a.pk not in busy)
        page.select_option("#id_agent", str(free.pk))
        page.select_option("#id_day", day.isoformat())
        page.select_option("#id_template", label="班次AM 09:00")
        with page.expect_navigation():
            page.click("#shift-form button[type=submit]")
        page.wait_for_selector(".message.success")

    def draft_the_article_and_the_script(self) -> None:
        page = self.page
        campaign_url = page.url
        page.click("[data-check=knowledge] a.fix[href='/staff/knowledge/new/']")
        page.fill("#id_key", "KB-5G-1117")
        page.fill("#id_title", "5G畅享套餐老用户升级答复口径")
        page.fill("#id_topics", CODE)
        page.fill(
            "#id_body", "活动时间：11月17日至18日。\n老用户升级5G畅享套餐，首月免费。"
        )
        with page.expect_navigation():
            page.click("form.card button[type=submit]")
        with page.expect_navigation():
            page.click("form[data-action=submit] button[type=submit]")
        page.wait_for_selector(".message.success")

        page.goto(campaign_url)
        page.fill(
            "#script-form textarea",
            "您好，11月17日起老用户可升级5G畅享套餐，首月免费……",
        )
        with page.expect_navigation():
            page.click("#script-form button[type=submit]")
        page.wait_for_selector("article.script[data-approved=false]")
        self.assertEqual(self.check_state("knowledge"), "false")  # not yet approved
        self.assertEqual(self.check_state("script"), "false")
        self.campaign_url = campaign_url

    def approve_as_the_supervisor(self) -> None:
        context = self.browser.new_context(locale="zh-CN")
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            self.sign_in_on(page, "cm_supervisor")
            page.goto(self.url("/staff/knowledge/review/"))
            page.click("tr[data-key='KB-5G-1117'] a")
            page.click("form[data-action=approve] summary")
            with page.expect_navigation():
                page.click("form[data-action=approve] button[type=submit]")
            page.wait_for_selector(".message.success")
            page.goto(self.campaign_url)
            with page.expect_navigation():
                page.click("#script-approve-form button[type=submit]")
            page.wait_for_selector("article.script[data-approved=true]")
        finally:
            context.close()

    def see_it_ready(self) -> None:
        page = self.page
        page.goto(self.campaign_url)
        for check in ("roster", "knowledge", "script"):
            self.assertEqual(self.check_state(check), "true")
        self.assertEqual(self.status(), "ready")
        self.assertTrue(page.locator("#launch-form button[type=submit]").is_enabled())
        self.assertEqual(page.locator("#launch-reasons").count(), 0)
        self.assertEqual(Campaign.objects.get(code=CODE).status, Status.DRAFT)
        page.screenshot(path=str(SCREENSHOTS / "campaign-ready.png"), full_page=True)

    # --- helpers -------------------------------------------------------------------

    def check_state(self, key: str) -> str | None:
        return self.page.locator(f"[data-check={key}]").get_attribute("data-ok")

    def status(self) -> str | None:
        return self.page.locator("#campaign-status").get_attribute("data-status")

    def sign_in_on(self, page: Any, username: str) -> None:
        page.goto(self.url("/accounts/login/"))
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
