"""The launch checklist, computed each time it is asked (SPEC §5.4; 篇9).

A campaign is launch ready when all three checks are green:

``roster``
    Every half hour of the campaign has a forecast, and the queue's rosters
    put on shift at least the agents its forecast plus the campaign's extra
    calls need (``workforce.selectors.staffing_gap``: gap ≤ 0 everywhere).
``knowledge``
    At least one knowledge article tagged with the campaign's code is
    published and in force on the launch date
    (``knowledge.selectors.articles_published_for``).
``script``
    The newest version of the campaign's call script is approved.

Each failing check names itself with the same ``ServiceError`` the launch is
refused with, so the page and the service say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.campaigns.errors import CampaignError
from onestop.campaigns.load import CampaignLoad, campaign_load
from onestop.campaigns.models import Campaign, CampaignScript
from onestop.common.errors import ServiceError
from onestop.knowledge.models import Article
from onestop.knowledge.selectors import articles_published_for, articles_tagged
from onestop.workforce.intervals import Week
from onestop.workforce.selectors import IntervalStaffing, staffing_gap

WORST_SHOWN = 5


class CheckKey(models.TextChoices):
    ROSTER = "roster", _("The roster covers the calls")
    KNOWLEDGE = "knowledge", _("Agents have the knowledge article")
    SCRIPT = "script", _("The call script is approved")


@dataclass(frozen=True)
class RosterCheck:
    short: list[IntervalStaffing]
    unforecast_days: list[date]
    weeks: list[Week]
    key: CheckKey = CheckKey.ROSTER

    @property
    def worst(self) -> list[IntervalStaffing]:
        return sorted(self.short, key=lambda row: (-row.gap, row.start))[:WORST_SHOWN]

    @property
    def problems(self) -> list[ServiceError]:
        problems = []
        if self.unforecast_days:
            days = ", ".join(f"{day:%Y-%m-%d}" for day in self.unforecast_days)
            problems.append(ServiceError(CampaignError.NO_FORECAST, days=days))
        if self.short:
            worst = self.worst[0]
            when = timezone.localtime(worst.start)
            problems.append(
                ServiceError(
                    CampaignError.ROSTER_SHORT,
                    count=len(self.short),
                    worst=f"{when:%Y-%m-%d %H:%M}",
                    gap=worst.gap,
                )
            )
        return problems


@dataclass(frozen=True)
class KnowledgeCheck:
    topic: str
    on: date
    published: list[Article]
    tagged: list[Article]
    key: CheckKey = CheckKey.KNOWLEDGE

    @property
    def unpublished(self) -> list[Article]:
        done = {article.pk for article in self.published}
        return [article for article in self.tagged if article.pk not in done]

    @property
    def problems(self) -> list[ServiceError]:
        if self.published:
            return []
        day = f"{self.on:%Y-%m-%d}"
        return [ServiceError(CampaignError.NO_ARTICLE, topic=self.topic, day=day)]


@dataclass(frozen=True)
class ScriptCheck:
    latest: CampaignScript | None
    key: CheckKey = CheckKey.SCRIPT

    @property
    def problems(self) -> list[ServiceError]:
        if self.latest is None:
            return [ServiceError(CampaignError.NO_SCRIPT)]
        if not self.latest.is_approved:
            number = self.latest.number
            return [ServiceError(CampaignError.SCRIPT_UNAPPROVED, number=number)]
        return []


Check = RosterCheck | KnowledgeCheck | ScriptCheck


@dataclass(frozen=True)
class Readiness:
    load: CampaignLoad
    staffing: list[IntervalStaffing]
    roster: RosterCheck
    knowledge: KnowledgeCheck
    script: ScriptCheck

    @property
    def checks(self) -> list[Check]:
        return [self.roster, self.knowledge, self.script]

    @property
    def problems(self) -> list[ServiceError]:
        return [problem for check in self.checks for problem in check.problems]

    @property
    def ready(self) -> bool:
        return not self.problems


def campaign_readiness(campaign: Campaign) -> Readiness:
    """The campaign's extra calls, staffing per interval and the three checks."""
    load = campaign_load(campaign)
    staffing = staffing_gap(
        queue=campaign.queue, start=load.start, end=load.end, extra_calls=load.extra
    )
    return Readiness(
        load=load,
        staffing=staffing,
        roster=roster_check(staffing),
        knowledge=knowledge_check(campaign),
        script=ScriptCheck(script_latest(campaign)),
    )


def roster_check(staffing: list[IntervalStaffing]) -> RosterCheck:
    short = [row for row in staffing if row.gap > 0]
    unforecast = sorted(
        {
            timezone.localtime(row.start).date()
            for row in staffing
            if not row.has_forecast
        }
    )
    to_fix = {timezone.localtime(row.start).date() for row in short} | set(unforecast)
    return RosterCheck(
        short=short,
        unforecast_days=unforecast,
        weeks=sorted({Week.of(day) for day in to_fix}, key=lambda week: week.monday),
    )


def knowledge_check(campaign: Campaign) -> KnowledgeCheck:
    organisation, topic = campaign.organisation, campaign.code
    return KnowledgeCheck(
        topic=topic,
        on=campaign.starts_on,
        published=list(
            articles_published_for(
                organisation=organisation, topic=topic, on=campaign.starts_on
            )
        ),
        tagged=list(articles_tagged(organisation=organisation, topic=topic)),
    )


def script_latest(campaign: Campaign) -> CampaignScript | None:
    return (
        CampaignScript.objects.filter(campaign=campaign)
        .select_related("author", "approved_by")
        .order_by("-number")
        .first()
    )
