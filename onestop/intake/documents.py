"""The documents a window issues, frozen as facts when issued.

A document's ``content`` holds the facts it states — names, dates, lists —
as they were at issue; the page and the PDF render those facts with
translated labels. A reprint years later says exactly what the applicant was
given, however the catalogue or the case has moved on since.

Content keys (all optional but ``title_kind``): organisation{name, address,
phone}, case_number, number, issued_at, issued_by, applicant{name, kind,
id_number, phone} (masked), item{code, name, version, legal_basis, kind,
limit_days}, received_at, accepted_at, due_at, completed_at,
materials_received[{name, form, count}], owed[{position, name, defective,
reason, form, copies, condition, notes}], owed_positions[], pickup{way,
note}, reason, legal_basis, remedies, competent_body, contact,
justification, extension{days, reason, due_at}.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from onestop.cases.models import Case, CaseDocument, DocumentKind
from onestop.cases.numbering import document_number
from onestop.cases.selectors import case_settings_for
from onestop.catalog.versions import ItemSpec
from onestop.common.names import person_name
from onestop.intake.checks import Shortfall


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def common_content(case: Case, kind: str, actor: Any, at: datetime) -> dict[str, Any]:
    organisation = case.organisation
    snapshot = case.item_version.snapshot
    return {
        "title_kind": kind,
        "organisation": {
            "name": organisation.name,
            "address": organisation.address,
            "phone": organisation.phone,
        },
        "case_number": case.number,
        "issued_at": _iso(at),
        "issued_by": person_name(actor),
        "applicant": {
            "name": case.applicant_name,
            "kind": case.applicant_kind,
            "id_number": case.masked_id_number,
            "phone": case.masked_phone,
        },
        "item": {
            "code": snapshot["code"],
            "name": snapshot["name"],
            "version": case.item_version.number,
            "legal_basis": snapshot["legal_basis"],
            "kind": snapshot["kind"],
            "limit_days": case.limit_days,
        },
        "received_at": _iso(case.received_at),
        "materials_received": [
            {"name": m.name, "form": m.form_received, "count": m.count}
            for m in case.materials.all()
            if m.received and not m.defective
        ],
    }


def _owed_content(case: Case, owed: list[Shortfall]) -> list[dict[str, Any]]:
    specs = ItemSpec.of(case.item_version).materials
    return [
        {
            "position": s.position,
            "name": s.name,
            "defective": s.defective,
            "reason": s.reason,
            "form": specs[s.position - 1].form,
            "copies": specs[s.position - 1].copies,
            "condition": specs[s.position - 1].condition,
            "notes": specs[s.position - 1].notes,
        }
        for s in owed
    ]


def kind_content(
    case: Case, kind: str, owed: list[Shortfall], decision: Any
) -> dict[str, Any]:
    """The facts particular to each kind of document."""
    if kind == DocumentKind.NOTICE:
        return {
            "owed": _owed_content(case, owed),
            "owed_positions": [s.position for s in owed],
        }
    if kind == DocumentKind.RECEIPT:
        return {
            "accepted_at": _iso(case.accepted_at),
            "due_at": _iso(case.due_at),
            "pickup": {
                "way": case.pickup_way,
                "note": case.pickup_note or str(case_settings_for(case).pickup_text),
            },
        }
    if kind == DocumentKind.ON_THE_SPOT:
        return {"completed_at": _iso(case.completed_at)}
    if kind == DocumentKind.REJECTION:
        return {
            "reason": decision.reason.strip(),
            "legal_basis": decision.legal_basis.strip(),
            "remedies": str(case_settings_for(case).remedies_text),
        }
    if kind == DocumentKind.REFERRAL:
        return {
            "competent_body": decision.competent_body.strip(),
            "contact": decision.contact.strip(),
        }
    if kind == DocumentKind.EXTENSION:
        return {"extension": decision}
    return {}


def document_issue(
    *,
    case: Case,
    kind: str,
    actor: Any,
    at: datetime,
    owed: list[Shortfall] | None = None,
    decision: Any = None,
    justification: str = "",
) -> CaseDocument:
    """Freeze and number the document of ``kind`` for ``case``."""
    ordinal = case.documents.filter(kind=kind).count() + 1
    number = document_number(case_number=case.number, kind=kind, ordinal=ordinal)
    content = common_content(case, kind, actor, at)
    content.update(kind_content(case, kind, owed or [], decision))
    content["number"] = number
    if justification:
        content["justification"] = justification.strip()
    return CaseDocument.objects.create(
        case=case,
        kind=kind,
        number=number,
        issued_at=at,
        issued_by=actor,
        content=content,
    )
