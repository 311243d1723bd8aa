"""Issued documents as A4 PDFs, and the facts both the page and the PDF show.

Everything printed comes from ``CaseDocument.content`` — the facts frozen at
issue (see ``onestop.intake.documents``) — so a reprint years later says what
the applicant was first given. Only the labels follow the active language.
Text is set in STSong-Light, one of the CID fonts every PDF reader carries
for Simplified Chinese (Adobe-GB1), so no font file ships with the project
and the text stays real, searchable text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.db import models
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext, pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from onestop.cases.models import CaseDocument, DocumentKind, PickupWay
from onestop.catalog.models import MaterialForm
from onestop.ratings.links import qr_drawing, rating_url

FONT = "STSong-Light"
Row = tuple[str, str]
Facts = dict[str, Any]

# ---------------------------------------------------------------- facts as shown


def moment(iso: str | None) -> str:
    """``2026-10-16T17:30:00+08:00`` → 2026年10月16日 17:30, or 2026-10-16 17:30 in English."""
    if not iso:
        return ""
    value = timezone.localtime(datetime.fromisoformat(iso))
    return dateformat.format(value, pgettext("document date and time", "Y-m-d H:i"))


def day(iso: str | None) -> str:
    if not iso:
        return ""
    value = timezone.localtime(datetime.fromisoformat(iso))
    return dateformat.format(value, pgettext("document date", "Y-m-d"))


def _label(choices: type[models.TextChoices], value: str | None) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def copies_text(form: str | None, copies: int) -> str:
    """What was brought, or is required, of one material: "Copy, 2 copies"."""
    return ngettext(
        "%(form)s, %(copies)s copy", "%(form)s, %(copies)s copies", copies
    ) % {"form": _label(MaterialForm, form), "copies": copies}


def owed_problem(owed: dict[str, Any]) -> str:
    """Why a material is on the notice: missing, defective, or short of copies."""
    reason = owed.get("reason") or ""
    if owed.get("defective"):
        return gettext("Defective: %(reason)s") % {"reason": reason}
    if reason:
        return gettext("Copies short: %(reason)s") % {"reason": reason}
    return gettext("Not submitted")


def _owed_facts(owed: dict[str, Any]) -> dict[str, Any]:
    return {
        **owed,
        "problem": owed_problem(owed),
        "required": copies_text(owed.get("form"), owed.get("copies") or 1),
    }


def _received_facts(material: dict[str, Any]) -> dict[str, Any]:
    brought = copies_text(material.get("form"), material.get("count") or 0)
    return {**material, "received": brought}


def _item_line(item: dict[str, Any]) -> str:
    return gettext("%(name)s (code %(code)s, version %(version)s)") % {
        "name": item.get("name", ""),
        "code": item.get("code", ""),
        "version": item.get("version", ""),
    }


def _organisation_contact(organisation: dict[str, Any]) -> str:
    parts = []
    if organisation.get("address"):
        parts.append(gettext("Address: %(address)s") % organisation)
    if organisation.get("phone"):
        parts.append(gettext("Service phone: %(phone)s") % organisation)
    return "　".join(parts)


def document_facts(document: CaseDocument) -> Facts:
    """The frozen content ready to show: moments formatted, codes named, problems worded."""
    content = document.content
    extension = content.get("extension") or {}
    pickup = content.get("pickup") or {}
    facts = {**content, "title": _label(DocumentKind, content["title_kind"])}
    for key in ("issued_at", "received_at", "accepted_at", "due_at", "completed_at"):
        facts[key] = moment(content.get(key))
    facts["issued_on"] = day(content.get("issued_at"))
    facts["item_line"] = _item_line(content.get("item", {}))
    facts["materials_received"] = [
        _received_facts(m) for m in content.get("materials_received", [])
    ]
    facts["owed"] = [_owed_facts(o) for o in content.get("owed", [])]
    facts["pickup"] = {**pickup, "way": _label(PickupWay, pickup.get("way"))}
    facts["extension"] = {**extension, "due_at": moment(extension.get("due_at"))}
    facts["organisation_contact"] = _organisation_contact(
        content.get("organisation", {})
    )
    return facts


# ---------------------------------------------------------------- PDF


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17)
    base.wordWrap = "CJK"
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=14),
        "issuer": ParagraphStyle(
            "issuer", parent=base, fontSize=14, leading=20, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=30, alignment=TA_CENTER
        ),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12, leading=18, spaceBefore=6
        ),
    }


def _text(value: Any, style: str = "body") -> Paragraph:
    markup = escape(str(value if value not in (None, "") else "—"))
    return Paragraph(markup.replace("\n", "<br/>"), _styles()[style])


def _table(rows: list[list[Any]], widths: list[float], header: bool) -> Table:
    cells = [[_text(value, "cell") for value in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")))
    else:
        style.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f7f8fa")))
    table.setStyle(style)
    return table


def _facts_table(rows: list[Row]) -> Table:
    return _table([list(row) for row in rows if row[1]], [40 * mm, 130 * mm], False)


def _common_rows(facts: Facts) -> list[Row]:
    applicant = facts.get("applicant", {})
    return [
        (gettext("Applicant"), applicant.get("name", "")),
        (gettext("ID or credit code"), applicant.get("id_number", "")),
        (gettext("Contact phone"), applicant.get("phone", "")),
        (gettext("Receipt number"), facts.get("case_number", "")),
        (gettext("Service item"), facts["item_line"]),
        (gettext("Received at"), facts["received_at"]),
    ]


def _materials_received(facts: Facts) -> list[Flowable]:
    rows = [[gettext("No."), gettext("Material"), gettext("Form and copies")]]
    rows += [
        [str(n), m["name"], m["received"]]
        for n, m in enumerate(facts["materials_received"], start=1)
    ]
    return [
        _text(gettext("Materials received"), "heading"),
        _table(rows, [14 * mm, 96 * mm, 60 * mm], True),
    ]


def _receipt(facts: Facts) -> list[Flowable]:
    days = facts["item"].get("limit_days")
    limit = gettext("%(days)s working days") % {"days": days} if days else ""
    rows = [
        (gettext("Accepted at"), facts["accepted_at"]),
        (gettext("Promised completion"), facts["due_at"]),
        (gettext("Promised time limit"), limit),
        (gettext("Way of collection"), facts["pickup"]["way"]),
        (gettext("Pickup time and place"), facts["pickup"].get("note", "")),
    ]
    intro = gettext(
        "Your application has been accepted. We promise to complete it by the "
        "time below; please collect the result with this receipt."
    )
    return [_text(intro), _facts_table(rows), *_materials_received(facts)]


def _notice_intro(facts: Facts) -> list[Flowable]:
    story = [
        _text(
            gettext(
                "This is the one-time notice (一次性告知): it lists every material "
                "still missing or defective. Bring them all and your application "
                "continues."
            )
        )
    ]
    if facts.get("justification"):
        further = gettext(
            "This is a further notice for the same submission, issued as an "
            "exception. Recorded justification: %(justification)s"
        )
        story.append(_text(further % {"justification": facts["justification"]}))
    return story


def _notice(facts: Facts) -> list[Flowable]:
    rows = [
        [
            gettext("No."),
            gettext("Material"),
            gettext("Problem"),
            gettext("Required form and copies"),
            gettext("Condition"),
            gettext("Notes"),
        ]
    ]
    rows += [
        [
            str(n),
            o["name"],
            o["problem"],
            o["required"],
            o.get("condition"),
            o.get("notes"),
        ]
        for n, o in enumerate(facts["owed"], start=1)
    ]
    widths = [10 * mm, 38 * mm, 40 * mm, 30 * mm, 26 * mm, 26 * mm]
    heading = _text(gettext("Materials still owed"), "heading")
    return [*_notice_intro(facts), heading, _table(rows, widths, True)]


def _rejection(facts: Facts) -> list[Flowable]:
    intro = gettext(
        "After examination, your application is not accepted, for the reason below."
    )
    rows = [
        (gettext("Reason"), facts.get("reason", "")),
        (gettext("Legal basis"), facts.get("legal_basis", "")),
        (gettext("Your remedies"), facts.get("remedies", "")),
    ]
    return [_text(intro), _facts_table(rows)]


def _referral(facts: Facts) -> list[Flowable]:
    intro = gettext(
        "What you asked for is not handled by this organisation. Please apply to "
        "the competent body below."
    )
    rows = [
        (gettext("Competent body"), facts.get("competent_body", "")),
        (gettext("How to reach it"), facts.get("contact", "")),
    ]
    return [_text(intro), _facts_table(rows)]


def _on_the_spot(facts: Facts) -> list[Flowable]:
    intro = gettext("Your application was handled and completed on the spot.")
    rows = [(gettext("Completed at"), facts["completed_at"])]
    return [_text(intro), _facts_table(rows), *_materials_received(facts)]


def _extension(facts: Facts) -> list[Flowable]:
    extension = facts["extension"]
    days = extension.get("days")
    intro = gettext(
        "With approval, the time limit for your application is extended as follows."
    )
    rows = [
        (gettext("Extended by"), gettext("%(days)s working days") % {"days": days}),
        (gettext("Reason for the extension"), extension.get("reason", "")),
        (gettext("New completion time"), extension["due_at"]),
    ]
    return [_text(intro), _facts_table(rows)]


BUILDERS: dict[str, Callable[[Facts], list[Flowable]]] = {
    DocumentKind.RECEIPT: _receipt,
    DocumentKind.NOTICE: _notice,
    DocumentKind.REJECTION: _rejection,
    DocumentKind.REFERRAL: _referral,
    DocumentKind.ON_THE_SPOT: _on_the_spot,
    DocumentKind.EXTENSION: _extension,
}


def _heading(facts: Facts) -> list[Flowable]:
    number = gettext("Document number: %(number)s") % {"number": facts["number"]}
    return [
        _text(facts.get("organisation", {}).get("name", ""), "issuer"),
        _text(facts["title"], "title"),
        _text(number, "number"),
        Spacer(0, 4 * mm),
    ]


def _signature(facts: Facts) -> list[Flowable]:
    organisation = facts.get("organisation", {})
    rows = [
        [gettext("Handled by"), facts.get("issued_by", "")],
        [gettext("Date"), facts["issued_on"]],
        [gettext("Seal of the issuing organisation"), organisation.get("name", "")],
    ]
    table = _table(rows, [45 * mm, 55 * mm], False)
    table.hAlign = "RIGHT"
    story: list[Flowable] = [Spacer(0, 10 * mm), table]
    if facts["organisation_contact"]:
        story += [Spacer(0, 6 * mm), _text(facts["organisation_contact"], "cell")]
    return story


# The documents that invite a rating; the link is built from the case, not frozen.
RATED_DOCUMENTS = (DocumentKind.RECEIPT, DocumentKind.ON_THE_SPOT)


def _rating_invitation(document: CaseDocument) -> list[Flowable]:
    if document.kind not in RATED_DOCUMENTS:
        return []
    url = rating_url(document.case)
    words = [
        _text(gettext("Rate our service (好差评)"), "heading"),
        _text(
            gettext("Scan the code, or open the address below, to tell us how we did.")
        ),
        _text(url, "cell"),
    ]
    table = Table([[qr_drawing(url, size=30 * mm), words]], [34 * mm, 136 * mm])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [Spacer(0, 8 * mm), table]


def document_pdf(document: CaseDocument) -> bytes:
    """The document as an A4 PDF of its frozen facts; the same facts give the same bytes."""
    facts = document_facts(document)
    buffer = BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{facts['title']} {facts['number']}",
        author=facts.get("organisation", {}).get("name", ""),
        invariant=1,
    )
    story = [*_heading(facts), _facts_table(_common_rows(facts))]
    story += BUILDERS[document.kind](facts)
    pdf.build(story + _signature(facts) + _rating_invitation(document))
    return buffer.getvalue()
