"""The public survey link of an invitation and its QR code (SVG or PNG, by segno)."""

from __future__ import annotations

import io

import segno
from django.urls import reverse

from onestop.ratings.links import QR_BORDER, public_base_url
from onestop.surveys.models import Invitation


def survey_path(invitation: Invitation) -> str:
    return reverse(
        "survey_answer",
        kwargs={"org_slug": invitation.organisation.slug, "token": invitation.token},
    )


def survey_url(invitation: Invitation, *, via: str = "") -> str:
    query = f"?via={via}" if via else ""
    return f"{public_base_url()}{survey_path(invitation)}{query}"


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    _qr(url).save(out, kind="svg", scale=6, border=QR_BORDER)
    return out.getvalue()


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=8, border=QR_BORDER)
    return out.getvalue()
