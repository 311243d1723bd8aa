"""A hotline queue planned for the week of Monday 9 June 2025, and a campaign on it.

The queue's forecast has 6 calls in each half hour from 09:00 to 12:00 on
working days (handle time 180 s): by the queue's default targets (80% within
15 s, occupancy at most 85%, shrinkage 30%) that is 2 agents on the phones and
3 on shift. Three agents are rostered on the Tuesday and Wednesday mornings.

The campaign reaches 20,000 people of whom 0.25% call — 50 calls — from
Tuesday to Wednesday, halving every half day: 40 on Tuesday (6⅔ a half hour,
12⅔ with the forecast: 5 on shift, 2 short) and 10 on Wednesday (7⅔: still 3).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from onestop.campaigns.models import Campaign
from onestop.campaigns.services import (
    CampaignFields,
    campaign_create,
    campaign_script_approve,
    campaign_script_write,
)
from onestop.common.testing import OneStopTestCase, make_user
from onestop.knowledge.models import ArticleVersion
from onestop.knowledge.services import (
    ArticleContent,
    ArticleMeta,
    article_create,
    version_approve,
    version_submit,
)
from onestop.organisations.models import Organisation
from onestop.organisations.services import membership_grant
from onestop.workforce.intervals import Week
from onestop.workforce.services import roster_shift_add
from onestop.workforce.tests.factories import (
    make_agent,
    make_forecast,
    make_queue,
    make_template,
)

SH = ZoneInfo("Asia/Shanghai")
WEEK = Week(date(2025, 6, 9))
TUESDAY, WEDNESDAY = date(2025, 6, 10), date(2025, 6, 11)
TODAY = date(2025, 6, 5)
CODE = "5G-2025-06"


def at(day: date, hhmm: str = "10:00") -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=SH)


def mornings(day: date, interval: int) -> int:
    return 6 if day.weekday() < 5 and 18 <= interval < 24 else 0


class CampaignTestCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uni_manager = cls.member("uni_manager", cls.uni, "manager")
        cls.uni_agent = cls.member("uni_agent", cls.uni, "agent")
        cls.tax_supervisor = cls.member("tax_supervisor", cls.tax, "supervisor")
        cls.queue = make_queue(cls.uni)
        cls.tax_queue = make_queue(cls.tax, "TAXHOT")
        make_forecast(cls.queue, WEEK.monday, mornings)
        cls.template = make_template(cls.uni, "AM", "09:00", 4)
        cls.agents = [make_agent(cls.uni, f"agent_{n}") for n in range(5)]
        for day in (TUESDAY, WEDNESDAY):
            for agent in cls.agents[:3]:
                cls.shift(day, agent)

    @classmethod
    def member(cls, username: str, organisation: Organisation, role: str) -> Any:
        user = make_user(username, first_name=username)
        membership_grant(actor=None, organisation=organisation, user=user, roles=[role])
        return user

    @classmethod
    def shift(cls, day: date, agent: Any) -> None:
        roster_shift_add(
            queue=cls.queue,
            week_start=WEEK.monday,
            agent=agent,
            day=day,
            template=cls.template,
            actor=None,
        )

    def fields(self, **changes: Any) -> CampaignFields:
        values: dict[str, Any] = {
            "name": "5G畅享套餐六月促销",
            "code": CODE,
            "queue": self.queue,
            "channel": "sms",
            "description": "短信告知老用户升级5G套餐，详情请致电热线。",
            "reach": 20000,
            "response_rate": Decimal("0.25"),
            "starts_on": TUESDAY,
            "ends_on": WEDNESDAY,
            "half_life_days": Decimal("0.5"),
            **changes,
        }
        return CampaignFields(**values)

    def campaign(self, **changes: Any) -> Campaign:
        organisation = changes.pop("organisation", self.uni)
        return campaign_create(
            actor=self.uni_manager,
            organisation=organisation,
            fields=self.fields(**changes),
        )

    def close_the_gap(self) -> None:
        for agent in self.agents[3:]:
            self.shift(TUESDAY, agent)

    def publish_article(
        self,
        *,
        topic: str = CODE,
        start: date = TODAY,
        organisation: Organisation | None = None,
    ) -> ArticleVersion:
        organisation = organisation or self.uni
        author, approver = (
            (self.uni_supervisor, self.uni_admin)
            if organisation == self.uni
            else (self.tax_supervisor, self.tax_admin)
        )
        version = article_create(
            actor=author,
            organisation=organisation,
            key=f"KB-{topic}",
            content=ArticleContent(
                title="5G畅享套餐六月促销答复口径",
                body="活动期间老用户升级5G畅享套餐，首月免费。",
                effective_from=start,
            ),
            meta=ArticleMeta(category="套餐资费", topics=(topic,)),
        )
        version_submit(actor=author, version=version)
        return version_approve(actor=approver, version=version, now=at(TODAY))

    def approved_script(self, campaign: Campaign) -> None:
        script = campaign_script_write(
            actor=self.uni_manager, campaign=campaign, text="您好，本次5G促销……"
        )
        campaign_script_approve(actor=self.uni_supervisor, script=script, now=at(TODAY))
