"""The ways a case goes: decided at the window, waiting for a supplement, or
accepted and circulated through its item's steps."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from .documents import RECEIPT_PICKUP, REFERRAL, REJECTION_REASON, REMEDIES
from .drafts import STEP_ASSIGNEE, CaseDraft
from .timeline import DAY_S, SH, at_close, calendar_days, iso

MAX_EVENTS = 8
NOTICE_FIRST_SHARE = 0.15  # promised cases whose intake began with a notice
NOTICE_AT_WINDOW_SHARE = 0.08  # the same, for cases decided at the window
ASSIGNED_SHARE = 0.25  # open steps someone has taken on
# Events after the last step, by the case's final status.
CLOSING_EVENTS = {"delivered": 2, "completed": 1, "withdrawn": 1, "suspended": 1}
# Extras a circulation may have: (name, chance, events it adds).
EXTRAS = (
    ("suspend", 0.07, 2),
    ("extend", 0.04, 2),
    ("return", 0.04, 2),  # only from the second step on
    ("notify", 0.06, 1),
)


def decided_at_the_window(case: CaseDraft) -> None:
    """Done on the spot, not accepted, or referred: one or two events."""
    rng, at = case.rng, case.received
    outcome = case.status
    final = "delivered" if outcome == "on_the_spot" else case.status
    if case.item.materials and rng.random() < NOTICE_AT_WINDOW_SHARE:
        # A notice first, then the decision on the supplement.
        case.owe_something()
        case.notice(at)
        at = at + timedelta(days=0.5 + rng.random() * 5)
        at = min(at, case.now - timedelta(minutes=1))
        case.supplemented_at = at
        case.event(
            "supplement",
            case.clerk,
            at,
            final,
            data={"outcome": outcome, "owed": [], "second_notice": False},
        )
    else:
        case.event(
            "intake", case.clerk, at, final, data={"outcome": outcome, "owed": []}
        )
    case.outcome, case.status = outcome, final
    _window_document(case, outcome, at)


def _window_document(case: CaseDraft, outcome: str, at: datetime) -> None:
    if outcome == "on_the_spot":
        case.completed_at = case.delivered_at = at
        case.document("on_the_spot", "BJ", at, case.clerk, {"completed_at": iso(at)})
    elif outcome == "rejected":
        rejection = {
            "reason": REJECTION_REASON,
            "legal_basis": case.item.legal_basis,
            "remedies": REMEDIES,
        }
        case.document("rejection", "BY", at, case.clerk, rejection)
    else:
        case.document("referral", "GZ", at, case.clerk, dict(REFERRAL))


def waiting_for_supplement(case: CaseDraft) -> None:
    case.outcome = "notice"
    case.owe_something()
    case.notice(case.received)


# --- Circulation ------------------------------------------------------------------


@dataclass
class Circulation:
    """How far a case gets, what happens on the way, and how long each part takes."""

    reached: int  # the last step it reaches
    notice_first: bool
    extras: dict[str, int]  # extra -> the step position where it happens
    supplement_wait: float  # days, before scaling
    spent: list[float]  # days on each step reached, before scaling
    pause: float
    returned: float
    pickup: float
    scale: float  # squeezes the whole history in before now

    def days(self, value: float) -> timedelta:
        return timedelta(days=value * self.scale)


def circulated(case: CaseDraft) -> None:
    """Accepted, then through the steps: 3–8 events unless still early on."""
    plan = _circulation(case)
    at = _accept(case, plan)
    at = _through_the_steps(case, plan, at)
    _conclude(case, plan, at)
    _leave_open(case, plan)


def _circulation(case: CaseDraft) -> Circulation:
    rng, steps, final = case.rng, case.item.steps, case.status
    reached = (
        len(steps)
        if final in ("completed", "delivered")
        else rng.randint(1, len(steps))
    )
    notice_first = rng.random() < NOTICE_FIRST_SHARE
    extras = _extras(rng, final, reached, notice_first)
    supplement_wait = 0.5 + rng.random() * 5 if notice_first else 0.0
    spent = [
        calendar_days(s.limit_days) * (0.15 + rng.random() * 1.05)
        for s in steps[:reached]
    ]
    pause = 1 + rng.random() * 9 if "suspend" in extras else 0.0
    returned = spent[extras["return"] - 2] * 0.5 if "return" in extras else 0.0
    pickup = 0.1 + rng.random() * 5 if final == "delivered" else 0.0
    total = supplement_wait + sum(spent) + pause + returned + pickup
    available = (case.now - case.received).total_seconds() / DAY_S - 0.01
    scale = max(0.0, min(1.0, available / total)) if total > 0 else 1.0
    return Circulation(
        reached,
        notice_first,
        extras,
        supplement_wait,
        spent,
        pause,
        returned,
        pickup,
        scale,
    )


def _extras(
    rng: random.Random, final: str, reached: int, notice_first: bool
) -> dict[str, int]:
    """The extras besides the usual events, while there is room (≤ 8 events)."""
    base = 1 + notice_first + (reached - 1) + CLOSING_EVENTS.get(final, 0)
    wanted = [
        (name, chance if name != "return" or reached >= 2 else 0.0, cost)
        for name, chance, cost in EXTRAS
        if not (final == "suspended" and name == "suspend")
    ]
    rng.shuffle(wanted)
    room = MAX_EVENTS - base
    extras: dict[str, int] = {}
    for name, chance, cost in wanted:
        if rng.random() < chance and cost <= room:
            extras[name] = rng.randint(2 if name == "return" else 1, reached)
            room -= cost
    return extras


def _accept(case: CaseDraft, plan: Circulation) -> datetime:
    """The intake (after a notice and its supplement, sometimes), and the receipt."""
    at = case.received
    if plan.notice_first:
        case.owe_something()
        case.notice(at)
        at += plan.days(plan.supplement_wait)
        case.supplemented_at = at
    case.accepted_at = at
    first = case.item.steps[0].name
    if plan.notice_first:
        case.event(
            "supplement",
            case.clerk,
            at,
            "in_progress",
            to_step=first,
            data={"outcome": "accepted", "owed": [], "second_notice": False},
        )
    else:
        case.event(
            "intake",
            case.clerk,
            at,
            "in_progress",
            to_step=first,
            data={"outcome": "accepted", "owed": []},
        )
    case.outcome = "accepted"
    limit = case.item.limit_days or 1
    case.due_at = at_close(
        at.astimezone(SH).date() + timedelta(days=calendar_days(limit))
    )
    receipt = {"accepted_at": iso(at), "due_at": iso(case.due_at)}
    case.document(
        "receipt", "SL", at, case.clerk, {**receipt, "pickup": dict(RECEIPT_PICKUP)}
    )
    case.activate(1, at)
    return at


def _through_the_steps(case: CaseDraft, plan: Circulation, at: datetime) -> datetime:
    """Each step up to the one reached, with its extras; approved but the last."""
    steps = case.item.steps
    for position in range(1, plan.reached + 1):
        actor = case.rng.choice(steps[position - 1].people)
        length = plan.days(plan.spent[position - 1])
        at = _step_extras(case, plan, position, actor, at, length)
        at += length
        if position < plan.reached:
            case.approve(actor, position, at)
    return at


def _step_extras(
    case: CaseDraft,
    plan: Circulation,
    position: int,
    actor: int,
    at: datetime,
    length: timedelta,
) -> datetime:
    """What happens on the step at ``position`` besides its work; the time after."""
    extras = plan.extras
    if extras.get("suspend") == position:
        pause = plan.days(plan.pause)
        case.suspend(actor, at + length * 0.3, open_=False, length=pause)
        at += pause
        assert case.due_at is not None
        case.due_at += pause
    if extras.get("extend") == position:
        case.extend(actor, at + length * 0.5)
    if extras.get("notify") == position:
        case.event(
            "notify",
            actor,
            at + length * 0.6,
            case.last_status,
            comment="您的申请正在办理中",
        )
    if extras.get("return") == position:
        redo = plan.days(plan.returned)
        case.send_back(actor, position, at + length * 0.4, redo)
        at += redo
    return at


def _conclude(case: CaseDraft, plan: Circulation, at: datetime) -> None:
    """Completed (and handed over), withdrawn, suspended, or left in progress."""
    final, step = case.status, case.item.steps[plan.reached - 1]
    actor = case.rng.choice(step.people)
    if final in ("completed", "delivered"):
        case.finish_step(at, "completed")
        case.event("complete", actor, at, "completed", from_step=step.name)
        case.completed_at = at
        case.current = None
        if final == "delivered":
            _hand_over(case, at + plan.days(plan.pickup))
    elif final == "withdrawn":
        case.finish_step(at, "closed")
        case.event(
            "withdraw",
            case.clerk,
            at,
            "withdrawn",
            from_step=step.name,
            comment="申请人申请撤回",
        )
        case.current = None
    elif final == "suspended":
        case.suspend(actor, min(at, case.now - timedelta(minutes=1)), open_=True)


def _hand_over(case: CaseDraft, at: datetime) -> None:
    hand = case.rng.choice(case.org.clerks)
    case.event(
        "hand_over",
        hand,
        at,
        "delivered",
        data={"way": "window", "collected_by": case.applicant.name},
    )
    case.delivered_at = at


def _leave_open(case: CaseDraft, plan: Circulation) -> None:
    """An open case's assignee and warning time; a suspended one has no limit."""
    final = case.status
    if final in ("in_progress", "suspended") and case.current is not None:
        step = case.item.steps[plan.reached - 1]
        if step.people and case.rng.random() < ASSIGNED_SHARE:
            case.assignee = case.rng.choice(step.people)
            case.current[STEP_ASSIGNEE] = case.assignee
    assert case.due_at is not None and case.accepted_at is not None
    case.yellow_at = case.due_at - (case.due_at - case.accepted_at) * 0.2
    if final == "suspended":
        case.due_at = case.yellow_at = None
