"""Loading the demo's inspections through the services (see the package docstring)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from onestop.cases.models import Case
from onestop.inspection.models import (
    Inspection,
    ItemMode,
    SampleMethod,
    Scorecard,
    ScorecardKind,
    TargetKind,
)
from onestop.inspection.outline import outline_parse
from onestop.inspection.selectors import inspectors_of
from onestop.inspection.services import (
    MarkInput,
    RuleDraft,
    ScorecardDraft,
    appeal_file,
    inspection_score,
    rule_save,
    sample_run,
    scorecard_create,
)
from onestop.organisations.models import Organisation

from .cards import CARDS, MYSTERY_CARD, WINDOW_CARD

DEFAULT_NAMES = ("窗口服务质检表", "服务大厅暗访清单")
# Which item (by position in the card) loses what, per scored inspection in turn:
# None scores everything in full.
SCRIPT: tuple[tuple[int, str] | None, ...] = (
    None,
    (1, "未一次性告知"),
    None,
    (0, "未使用文明用语"),
    (3, "材料审核遗漏"),
    None,
    (6, "critical"),
    (1, "告知内容与办事指南不符"),
)


@transaction.atomic
def inspection_demo_load(organisation: Organisation) -> int:
    """Load the demo's inspections; how many were scored (0 when loaded before)."""
    if Scorecard.objects.filter(organisation=organisation).exists():
        return 0
    window_name, mystery_name = CARDS.get(organisation.slug, DEFAULT_NAMES)
    admin = _first_member(organisation)
    card = scorecard_create(
        actor=admin,
        organisation=organisation,
        draft=ScorecardDraft(
            window_name, tuple(outline_parse(WINDOW_CARD)), appeal_days=5
        ),
    )
    scorecard_create(
        actor=admin,
        organisation=organisation,
        draft=ScorecardDraft(
            mystery_name, tuple(outline_parse(MYSTERY_CARD)), kind=ScorecardKind.MYSTERY
        ),
    )
    rule = rule_save(
        actor=admin,
        organisation=organisation,
        draft=RuleDraft(
            name="每人每月抽查3件",
            scorecard=card,
            target_kind=TargetKind.CASE,
            method=SampleMethod.PER_STAFF,
            per_staff=3,
        ),
    )
    inspectors = list(inspectors_of(organisation=organisation))
    finished = Case.objects.filter(
        organisation=organisation, completed_at__isnull=False
    )
    span = finished.aggregate(first=Min("completed_at"), last=Max("completed_at"))
    if not inspectors or span["first"] is None:
        return 0
    start = timezone.localdate(span["first"])
    end = timezone.localdate(span["last"])
    sample_run(actor=admin, rule=rule, start=start, end=end, inspectors=inspectors)
    return _score_sample(card)


def _score_sample(card: Scorecard) -> int:
    items = list(
        card.items.prefetch_related("deductions").order_by(
            "section__position", "position"
        )
    )
    scored = 0
    now = timezone.now()
    for turn, inspection in enumerate(
        Inspection.objects.filter(scorecard=card)
        .select_related("inspector")
        .order_by("pk")
    ):
        if turn >= len(SCRIPT):
            break  # the rest stay on the inspectors' worklists
        inspection_score(
            actor=inspection.inspector,
            inspection=inspection,
            marks=_marks(items, SCRIPT[turn]),
            comment="抽查录像及受理材料" if SCRIPT[turn] else "",
            now=now - timedelta(hours=len(SCRIPT) - turn),
        )
        scored += 1
        if (
            SCRIPT[turn] == (1, "未一次性告知")
            and inspection.inspected_user is not None
        ):
            appeal_file(
                actor=inspection.inspected_user,
                inspection=inspection,
                reason="已当场出具《一次性告知书》，申请人签收，回执存档可查。",
                now=now,
            )
    return scored


def _marks(items: list[Any], fault: tuple[int, str] | None) -> list[MarkInput]:
    marks = []
    for index, item in enumerate(items):
        hit = fault is not None and fault[0] == index
        if item.mode == ItemMode.PASS_FAIL:
            marks.append(
                MarkInput(item.pk, passed=not hit, note="" if not hit else "现场核查")
            )
            continue
        cut = tuple(
            (d.pk, "录像 10:42")
            for d in item.deductions.all()
            if hit and d.name == fault[1]
        )
        marks.append(
            MarkInput(item.pk, points=Decimal(item.max_points), deductions=cut)
        )
    return marks


def _first_member(organisation: Organisation) -> Any:
    from onestop.organisations.models import Membership

    membership = (
        Membership.objects.filter(organisation=organisation, is_active=True)
        .select_related("user")
        .order_by("-user__is_staff", "pk")
        .first()
    )
    return membership.user if membership else None
