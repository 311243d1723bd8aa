"""What a generated document says: the content the case services would store."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from .timeline import iso

if TYPE_CHECKING:
    from .drafts import CaseDraft

REJECTION_REASON = "不符合受理条件"
REMEDIES = "如对本决定不服，可以在收到之日起六十日内申请行政复议。"
REFERRAL = {"competent_body": "区市场监督管理局", "contact": "0431-8888 0000"}
RECEIPT_PICKUP = {"way": "window", "note": "工作日办公时间到受理窗口领取"}


def document_content(
    case: CaseDraft,
    kind: str,
    number: str,
    at: datetime,
    actor: int,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """The common head of every document, then what this kind adds."""
    item, org = case.item, case.org
    return {
        "title_kind": kind,
        "organisation": {
            "name": org.name,
            "address": org.address,
            "phone": org.phone,
        },
        "case_number": case.number,
        "issued_at": iso(at),
        "issued_by": org.names.get(actor, ""),
        "applicant": {
            "name": case.applicant.name,
            "kind": case.applicant.kind,
            "id_number": mask_id(case.applicant.id_number),
            "phone": mask_phone(case.applicant.phone),
        },
        "item": {
            "code": item.code,
            "name": item.name,
            "version": item.version,
            "legal_basis": item.legal_basis,
            "kind": item.kind,
            "limit_days": item.limit_days,
        },
        "received_at": iso(case.received),
        "materials_received": [
            {"name": m["name"], "form": m["form"], "count": m["copies"]}
            for p, m in enumerate(item.materials, start=1)
            if p not in case.owed
        ],
        "number": number,
        **extra,
    }


def owed_materials(case: CaseDraft) -> list[dict[str, Any]]:
    """The lines a notice lists: the materials still owed."""
    materials = case.item.materials
    return [
        {
            "position": p,
            "name": materials[p - 1]["name"],
            "defective": False,
            "reason": "",
            "form": materials[p - 1]["form"],
            "copies": materials[p - 1]["copies"],
        }
        for p in case.owed
    ]


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def mask_id(number: str) -> str:
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}" if number else ""
