"""Checking uploaded materials before anything is kept: type by content, size, presence.

The type is read from the file's first bytes (its "magic number"), never
trusted from its name or from the browser's Content-Type: a renamed
executable is refused however it is called. Only three kinds are taken, the
ones a clerk can open on any window PC: PDF (``%PDF-``, ISO 32000-1 §7.5.2),
JPEG (``FF D8 FF``, ITU T.81 Annex B) and PNG (the 8-byte signature of
RFC 2083 §3.1).

``SizeCappedUploadHandler`` stops keeping a file's bytes once it passes the
per-file limit, or the request's once they pass the total, so an oversized
upload never fills the disk; the file is then handed on as a
``DroppedUpload`` that still knows its real size, for the message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat

from onestop.catalog.models import Necessity
from onestop.catalog.versions import MaterialSpec
from onestop.common.errors import ServiceError
from onestop.portal.errors import PortalError

SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
ALLOWED_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(content type, suffix) of a file starting with ``head``, if it is one we take."""
    for signature, content_type, suffix in SIGNATURES:
        if head.startswith(signature):
            return content_type, suffix
    return None


def sniff(file: Any) -> tuple[str, str] | None:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    return detect_type(head)


def sha256_of(file: Any) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class DroppedUpload(UploadedFile):
    """A file whose bytes were not kept because it passed a size limit."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(file=None, name=name, size=size)


class SizeCappedUploadHandler(FileUploadHandler):
    """Passes a file's chunks on only while the file and the request are within limits."""

    def __init__(self, request: Any, *, max_file: int, max_total: int) -> None:
        super().__init__(request)
        self.max_file, self.max_total = max_file, max_total
        self.total = 0
        self.seen = 0
        self.dropped = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen, self.dropped = 0, False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        self.total += len(raw_data)
        if self.seen > self.max_file or self.total > self.max_total:
            self.dropped = True
        return None if self.dropped else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.dropped:
            return None  # the next handler keeps the file as usual
        return DroppedUpload(self.file_name or "", self.seen)


@dataclass(frozen=True)
class Upload:
    """One file the applicant chose for the ``position``-th material of the item."""

    position: int
    file: Any


def _size_problem(
    upload: Upload, material: MaterialSpec, max_file: int
) -> ServiceError | None:
    if upload.file.size == 0:
        return ServiceError(
            PortalError.FILE_EMPTY,
            field=f"material_{upload.position}",
            material=material.name,
        )
    if upload.file.size > max_file:
        return ServiceError(
            PortalError.FILE_TOO_BIG,
            field=f"material_{upload.position}",
            material=material.name,
            size=filesizeformat(upload.file.size),
            limit=filesizeformat(max_file),
        )
    return None


def _type_problem(upload: Upload, material: MaterialSpec) -> ServiceError | None:
    if isinstance(upload.file, DroppedUpload):
        return None  # its bytes are gone; the total says why
    suffix = PurePosixPath(upload.file.name or "").suffix.lower()
    if suffix in ALLOWED_SUFFIXES and sniff(upload.file) is not None:
        return None
    return ServiceError(
        PortalError.FILE_TYPE,
        field=f"material_{upload.position}",
        material=material.name,
        name=PurePosixPath(upload.file.name or "").name,
    )


def _missing(
    uploads: list[Upload], materials: tuple[MaterialSpec, ...]
) -> list[ServiceError]:
    given = {upload.position for upload in uploads}
    return [
        ServiceError(
            PortalError.FILE_MISSING, field=f"material_{position}", material=m.name
        )
        for position, m in enumerate(materials, start=1)
        if m.necessity == Necessity.MANDATORY and position not in given
    ]


def upload_problems(
    uploads: list[Upload],
    materials: tuple[MaterialSpec, ...],
    *,
    max_file: int,
    max_total: int,
) -> list[ServiceError]:
    """Every problem with the files, each naming its material; empty when all may be kept."""
    problems = _missing(uploads, materials)
    for upload in uploads:
        material = materials[upload.position - 1]
        problem = _size_problem(upload, material, max_file) or _type_problem(
            upload, material
        )
        if problem is not None:
            problems.append(problem)
    total = sum(upload.file.size for upload in uploads)
    if total > max_total:
        problems.append(
            ServiceError(
                PortalError.TOTAL_TOO_BIG,
                field="files",
                size=filesizeformat(total),
                limit=filesizeformat(max_total),
            )
        )
    return problems
