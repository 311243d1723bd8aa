"""Tiny but valid files for the demo's uploads, made in memory.

A one-page PDF (ISO 32000-1: header, four objects, a cross-reference table
with the objects' byte offsets, trailer) whose page says which material it
stands for, and a 1×1 white PNG (RFC 2083: signature, IHDR, IDAT, IEND with
their CRCs). Both open in any viewer, and both pass the portal's check of
the first bytes.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import PurePosixPath

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(text: str) -> bytes:
    """A one-page A4 PDF showing ``text`` (ASCII) in Helvetica."""
    content = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def png_bytes() -> bytes:
    """A 1×1 white PNG (8-bit RGB)."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")  # filter byte, then one RGB pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def demo_file(name: str, position: int) -> SimpleUploadedFile:
    """The file an applicant chose as ``name``: a PDF or a PNG, by its suffix."""
    if PurePosixPath(name).suffix.lower() == ".png":
        return SimpleUploadedFile(name, png_bytes(), content_type="image/png")
    text = f"OneStop demo - material {position}"
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")
