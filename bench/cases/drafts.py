"""One case being written: its fields, what happens to it, then its rows."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .applicants import applicant
from .documents import document_content, owed_materials
from .plans import ItemPlan, OrgPlan
from .population import CHANNELS, SUSPENSION_REASONS, weighted
from .timeline import SH, at_close, calendar_days, iso

if TYPE_CHECKING:
    from .histories import History

Row = tuple[Any, ...]

# CaseStep rows are lists while the step is open; these are their columns.
STEP_ASSIGNEE, STEP_FINISHED_AT, STEP_OUTCOME = 6, 11, 12


class CaseDraft:
    """A case's fields and history, built event by event (see ``paths``)."""

    def __init__(
        self,
        h: History,
        org: OrgPlan,
        item: ItemPlan,
        received: datetime,
        status: str,
    ) -> None:
        rng = h.rng
        self.h, self.org, self.item, self.rng = h, org, item, rng
        self.id = h.new_id("Case")
        self.number = h.number(org, received)
        self.received = received
        self.status = status
        self.outcome = "accepted"
        self.clerk = rng.choice(org.clerks)
        self.applicant = applicant(rng, org.slug)
        self.channel = weighted(rng, CHANNELS)
        self.events: list[Row] = []
        self.steps: list[list[Any]] = []
        self.docs: list[Row] = []
        self.suspensions: list[Row] = []
        self.extensions: list[Row] = []
        self.doc_ordinals: Counter[str] = Counter()
        self.accepted_at: datetime | None = None
        self.completed_at: datetime | None = None
        self.delivered_at: datetime | None = None
        self.due_at: datetime | None = None
        self.yellow_at: datetime | None = None
        self.extension_days = 0
        self.notice_count = 0
        self.current: list[Any] | None = None  # the open step row
        self.assignee: int | None = None
        self.updated = received
        self.owed: list[int] = []
        self.supplemented_at: datetime | None = None
        self.last_status = ""

    @property
    def now(self) -> datetime:
        return self.h.now

    # --- events and documents -------------------------------------------------

    def event(
        self,
        action: str,
        actor: int,
        at: datetime,
        to_status: str,
        from_step: str = "",
        to_step: str = "",
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            (
                self.h.new_id("CaseEvent"),
                self.id,
                len(self.events) + 1,
                action,
                actor,
                at,
                self.last_status,
                to_status,
                from_step,
                to_step,
                comment,
                json.dumps(data or {}, ensure_ascii=False),
            )
        )
        self.last_status = to_status
        self.updated = at

    def document(
        self, kind: str, code: str, at: datetime, actor: int, extra: dict[str, Any]
    ) -> None:
        self.doc_ordinals[code] += 1
        number = f"{self.number}-{code}{self.doc_ordinals[code]:02d}"
        content = document_content(self, kind, number, at, actor, extra)
        self.docs.append(
            (
                self.h.new_id("CaseDocument"),
                self.id,
                kind,
                number,
                at,
                actor,
                json.dumps(content, ensure_ascii=False),
            )
        )

    def owe_something(self) -> None:
        """One or two of the materials are missing."""
        count = len(self.item.materials)
        if count:
            self.owed = sorted(
                self.rng.sample(
                    range(1, count + 1), k=min(count, self.rng.randint(1, 2))
                )
            )

    def notice(self, at: datetime) -> None:
        """The intake ends in a notice listing what is owed."""
        self.notice_count = 1
        self.event(
            "intake",
            self.clerk,
            at,
            "awaiting_supplement",
            data={"outcome": "notice", "owed": self.owed},
        )
        self.document(
            "notice",
            "BZ",
            at,
            self.clerk,
            {"owed": owed_materials(self), "owed_positions": self.owed},
        )

    # --- steps ------------------------------------------------------------------

    def activate(self, position: int, at: datetime) -> None:
        step = self.item.steps[position - 1]
        due = at_close(
            at.astimezone(SH).date() + timedelta(days=calendar_days(step.limit_days))
        )
        yellow = due - (due - at) * 0.2
        row = [
            self.h.new_id("CaseStep"),
            self.id,
            position,
            step.name,
            step.department_id,
            step.post_id,
            None,
            step.limit_days,
            at,
            due,
            yellow,
            None,
            "",
        ]
        self.steps.append(row)
        self.current = row

    def finish_step(self, at: datetime, outcome: str) -> None:
        if self.current is not None:
            self.current[STEP_FINISHED_AT] = at
            self.current[STEP_OUTCOME] = outcome

    def approve(self, actor: int, position: int, at: datetime) -> None:
        steps = self.item.steps
        self.finish_step(at, "approved")
        self.event(
            "approve",
            actor,
            at,
            "in_progress",
            from_step=steps[position - 1].name,
            to_step=steps[position].name,
        )
        self.activate(position + 1, at)

    def send_back(
        self, actor: int, position: int, at: datetime, redo: timedelta
    ) -> None:
        """Returned to the step before, which is done again in ``redo``."""
        steps = self.item.steps
        self.finish_step(at, "returned")
        self.event(
            "return",
            actor,
            at,
            "in_progress",
            from_step=steps[position - 1].name,
            to_step=steps[position - 2].name,
            comment="材料需重新核对",
            data={"to_position": position - 1},
        )
        self.activate(position - 1, at)
        back_actor = self.rng.choice(steps[position - 2].people)
        self.approve(back_actor, position - 1, at + redo)

    def suspend(
        self, actor: int, at: datetime, *, open_: bool, length: timedelta | None = None
    ) -> None:
        """Suspended at ``at``; resumed after ``length`` unless it stays open."""
        reason = self.rng.choice(SUSPENSION_REASONS)
        step = self.current[3] if self.current else ""
        self.event(
            "suspend",
            actor,
            at,
            "suspended",
            from_step=step,
            to_step=step,
            data={"reason": reason},
        )
        ended = None if open_ or length is None else at + length
        self.suspensions.append(
            (
                self.h.new_id("Suspension"),
                self.id,
                reason,
                "",
                at,
                ended,
                actor,
                None if ended is None else actor,
            )
        )
        if ended is not None:
            self.event(
                "resume",
                actor,
                ended,
                "in_progress",
                from_step=step,
                to_step=step,
                data={"suspended_since": iso(at)},
            )

    def extend(self, actor: int, at: datetime) -> None:
        """An extension asked for at ``at`` and granted two hours later."""
        days = self.rng.choice((5, 10, 15))
        supervisor = self.rng.choice(self.org.supervisors)
        decided = at + timedelta(hours=2)
        self.extensions.append(
            (
                self.h.new_id("Extension"),
                self.id,
                days,
                "需补充调查",
                actor,
                at,
                supervisor,
                decided,
                True,
            )
        )
        self.event(
            "extend_request",
            actor,
            at,
            self.last_status,
            comment="需补充调查",
            data={"days": days},
        )
        self.extension_days += days
        assert self.due_at is not None
        self.due_at += timedelta(days=calendar_days(days))
        self.event(
            "extend_approve", supervisor, decided, self.last_status, data={"days": days}
        )
        extension = {"days": days, "reason": "需补充调查", "due_at": iso(self.due_at)}
        self.document("extension", "YQ", decided, supervisor, {"extension": extension})

    # --- rows ---------------------------------------------------------------------

    def emit(self, rows: dict[str, list[Row]]) -> None:
        """The case's rows, table by table."""
        rows["CaseMaterial"].extend(self._material_rows())
        rows["CaseStep"].extend(tuple(s) for s in self.steps)
        rows["CaseEvent"].extend(self.events)
        rows["CaseDocument"].extend(self.docs)
        rows["Suspension"].extend(self.suspensions)
        rows["Extension"].extend(self.extensions)
        rows["Case"].append(self._case_row())

    def _material_rows(self) -> list[Row]:
        """The item's material list, as received (or still owed) for this case."""
        out = []
        for position, m in enumerate(self.item.materials, start=1):
            conditional = m["necessity"] == "conditional"
            applies = not conditional or self.rng.random() < 0.7
            owed_now = position in self.owed and self.status == "awaiting_supplement"
            received = applies and not owed_now
            out.append(
                (
                    self.h.new_id("CaseMaterial"),
                    self.id,
                    position,
                    m["name"],
                    m["necessity"],
                    m["condition"],
                    m["form"],
                    m["copies"],
                    applies,
                    received,
                    m["form"] if received else "",
                    m["copies"] if received else 0,
                    False,
                    "",
                    self.supplemented_at
                    if position in self.owed and received
                    else None,
                )
            )
        return out

    def _escalation(self) -> int:
        """0 in time, 1 past the warning time, 2 past the limit (open cases)."""
        if self.status != "in_progress" or self.due_at is None:
            return 0
        if self.now >= self.due_at:
            return 2
        if self.yellow_at is not None and self.now >= self.yellow_at:
            return 1
        return 0

    def _case_row(self) -> Row:
        item, who = self.item, self.applicant
        open_step = (
            self.current if self.status in ("in_progress", "suspended") else None
        )
        step = item.steps[open_step[2] - 1] if open_step else None
        return (
            self.id,
            self.received,
            self.updated,
            self.org.id,
            self.number,
            item.id,
            item.version_id,
            self.channel,
            who.kind,
            who.name,
            who.id_number,
            who.phone,
            who.email,
            "",
            who.contact,
            self.clerk,
            self.status,
            self.outcome,
            self.received,
            self.accepted_at,
            item.limit_days,
            self.extension_days,
            self.due_at,
            self.yellow_at,
            self.completed_at,
            self.delivered_at,
            "window",
            "",
            self.notice_count,
            open_step[0] if open_step else None,
            step.department_id if step else None,
            step.post_id if step else None,
            self.assignee if open_step else None,
            self._escalation(),
            len(self.events),
        )
