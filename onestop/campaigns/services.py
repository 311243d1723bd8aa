"""Writes: planning a campaign, writing and approving its script, launching it.

Each runs in one transaction with an audit event. ``campaign_launch``
refuses while any check of the checklist (``readiness``) is red, naming
every failing check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.campaigns.errors import CampaignError
from onestop.campaigns.models import MAX_DAYS, Campaign, CampaignScript, Status
from onestop.campaigns.readiness import campaign_readiness
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.contactcenter.models import Queue
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation

APPROVE = "campaigns.approve_script"
PLAN_FIELDS = [
    "name",
    "code",
    "queue",
    "channel",
    "description",
    "reach",
    "response_rate",
    "starts_on",
    "ends_on",
    "half_life_days",
]


@dataclass(frozen=True)
class CampaignFields:
    """What a campaign declares: the promotion, its reach and its days."""

    name: str
    code: str
    queue: Queue
    channel: str
    description: str
    reach: int
    response_rate: Decimal
    starts_on: date
    ends_on: date
    half_life_days: Decimal | None


def _plan_errors(
    organisation: Organisation, fields: CampaignFields, campaign: Campaign | None
) -> list[ServiceError]:
    errors = []
    taken = Campaign.objects.filter(organisation=organisation, code=fields.code)
    if campaign is not None:
        taken = taken.exclude(pk=campaign.pk)
    if taken.exists():
        errors.append(
            ServiceError(CampaignError.CODE_TAKEN, field="code", code=fields.code)
        )
    if fields.queue.organisation_id != organisation.pk:
        errors.append(ServiceError(CampaignError.QUEUE_ELSEWHERE, field="queue"))
    if fields.ends_on < fields.starts_on:
        errors.append(ServiceError(CampaignError.PERIOD_REVERSED, field="ends_on"))
    elif (fields.ends_on - fields.starts_on).days + 1 > MAX_DAYS:
        errors.append(
            ServiceError(CampaignError.PERIOD_TOO_LONG, field="ends_on", days=MAX_DAYS)
        )
    return errors


@transaction.atomic
def campaign_create(
    *, actor: Any, organisation: Organisation, fields: CampaignFields
) -> Campaign:
    raise_all(_plan_errors(organisation, fields, None))
    campaign = Campaign.objects.create(
        organisation=organisation,
        created_by=actor,
        **{name: getattr(fields, name) for name in PLAN_FIELDS},
    )
    _audit("campaigns.campaign_created", actor, campaign)
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: Any, campaign: Campaign, fields: CampaignFields
) -> Campaign:
    campaign = _locked_draft(campaign)
    raise_all(_plan_errors(campaign.organisation, fields, campaign))
    changed = [n for n in PLAN_FIELDS if getattr(campaign, n) != getattr(fields, n)]
    for name in changed:
        setattr(campaign, name, getattr(fields, name))
    campaign.save(update_fields=[*changed, "updated_at"])
    _audit("campaigns.campaign_changed", actor, campaign, changed=changed)
    return campaign


@transaction.atomic
def campaign_script_write(
    *, actor: Any, campaign: Campaign, text: str
) -> CampaignScript:
    """A new version of the call script; it waits for approval."""
    campaign = _locked_draft(campaign)
    if not text.strip():
        raise ServiceError(CampaignError.SCRIPT_EMPTY, field="text")
    last = campaign.scripts.aggregate(n=Max("number"))["n"] or 0
    script = CampaignScript.objects.create(
        campaign=campaign, number=last + 1, text=text.strip(), author=actor
    )
    _audit("campaigns.script_written", actor, campaign, number=script.number)
    return script


@transaction.atomic
def campaign_script_approve(
    *, actor: Any, script: CampaignScript, now: datetime | None = None
) -> CampaignScript:
    """Approve the newest version of the script — never one's own."""
    campaign = _locked_draft(script.campaign)
    script = CampaignScript.objects.select_for_update().get(pk=script.pk)
    raise_all(_approval_errors(actor, campaign, script))
    script.approved_by = actor
    script.approved_at = now or timezone.now()
    script.save(update_fields=["approved_by", "approved_at", "updated_at"])
    _audit("campaigns.script_approved", actor, campaign, number=script.number)
    return script


def _approval_errors(
    actor: Any, campaign: Campaign, script: CampaignScript
) -> list[ServiceError]:
    if script.is_approved:
        return [ServiceError(CampaignError.SCRIPT_APPROVED, number=script.number)]
    if not has_organisation_perm(actor, APPROVE, campaign.organisation_id):
        return [ServiceError(CampaignError.NOT_APPROVER)]
    if script.author_id == actor.pk:
        return [ServiceError(CampaignError.SCRIPT_OWN)]
    newest = campaign.scripts.aggregate(n=Max("number"))["n"]
    if script.number != newest:
        return [ServiceError(CampaignError.SCRIPT_OUTDATED, number=script.number)]
    return []


@transaction.atomic
def campaign_launch(
    *, actor: Any, campaign: Campaign, now: datetime | None = None
) -> Campaign:
    """Launch the campaign, refused while any check is red (each one named)."""
    campaign = _locked_draft(campaign)
    raise_all(campaign_readiness(campaign).problems)
    campaign.status = Status.LAUNCHED
    campaign.launched_at = now or timezone.now()
    campaign.launched_by = actor
    campaign.save(update_fields=["status", "launched_at", "launched_by", "updated_at"])
    _audit("campaigns.campaign_launched", actor, campaign)
    return campaign


def _locked_draft(campaign: Campaign) -> Campaign:
    locked = (
        Campaign.objects.select_for_update()
        .select_related("organisation", "queue")
        .get(pk=campaign.pk)
    )
    if locked.status != Status.DRAFT:
        when = timezone.localtime(locked.launched_at) if locked.launched_at else None
        shown = f"{when:%Y-%m-%d %H:%M}" if when else "—"
        raise ServiceError(CampaignError.NOT_A_DRAFT, when=shown)
    return locked


def _audit(verb: str, actor: Any, campaign: Campaign, **data: Any) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=campaign.organisation,
        target=campaign,
        data=data,
    )
