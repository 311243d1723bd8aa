"""The rating link of a case and its QR code, for documents, the SMS and pages.

The link is built from the case whenever it is shown; it holds only the
signed token (``onestop.ratings.tokens``). Documents and messages are read
away from the office, so the link is absolute, on the public address of the
deployment: ``settings.ONESTOP_PUBLIC_URL`` when set, else the first of
``CSRF_TRUSTED_ORIGINS`` (the address people already reach the site by).
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors

from onestop.ratings.tokens import rating_token

VIA_SMS = "sms"
QR_BORDER = 4  # modules of quiet zone, as ISO/IEC 18004 asks


def public_base_url() -> str:
    base = getattr(settings, "ONESTOP_PUBLIC_URL", "") or next(
        iter(getattr(settings, "CSRF_TRUSTED_ORIGINS", [])), ""
    )
    return str(base).rstrip("/")


def rating_path(case: Any) -> str:
    token = rating_token(case_id=case.pk, received_at=case.received_at)
    return reverse("rate", kwargs={"org_slug": case.organisation.slug, "token": token})


def rating_url(case: Any, *, via: str = "") -> str:
    """The absolute rating link of ``case``; ``via="sms"`` marks the SMS's link."""
    query = f"?via={via}" if via else ""
    return f"{public_base_url()}{rating_path(case)}{query}"


def rating_context(case: Any) -> dict[str, str]:
    """What message templates may use: ``{{ rating_link }}``."""
    return {"rating_link": rating_url(case, via=VIA_SMS)}


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, title: str = "") -> str:
    """The QR code of ``url`` as inline SVG markup, sized by CSS."""
    return str(
        _qr(url).svg_inline(
            scale=4,
            border=QR_BORDER,
            omitsize=True,
            dark="#000",
            light="#fff",
            title=title or None,
            svgclass="qr-code",
        )
    )


def qr_drawing(url: str, *, size: float) -> Drawing:
    """The QR code of ``url`` as a vector drawing ``size`` points wide, for PDFs.

    Each run of dark modules in a row is one rectangle, so the same link
    always draws the same bytes.
    """
    matrix = _qr(url).matrix
    count = len(matrix) + 2 * QR_BORDER
    module = size / count
    drawing = Drawing(size, size)
    for row, line in enumerate(matrix):
        y = size - (row + QR_BORDER + 1) * module
        for start, length in _dark_runs(line):
            drawing.add(
                Rect(
                    (start + QR_BORDER) * module,
                    y,
                    length * module,
                    module,
                    fillColor=colors.black,
                    strokeColor=None,
                )
            )
    return drawing


def _dark_runs(line: bytes | bytearray) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for column, dark in enumerate([*line, 0]):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs
