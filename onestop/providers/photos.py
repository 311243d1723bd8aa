"""Checking and keeping the photos a feedback officer attaches.

The same rules as the portal's uploads (``onestop.portal.uploads``): the type
is read from the file's first bytes (PDF, JPEG, PNG only), sizes are capped,
and files are kept in private storage, served only through a view that
checks who asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from onestop.common.errors import ServiceError
from onestop.portal.uploads import ALLOWED_SUFFIXES, sha256_of, sniff
from onestop.providers.errors import ProviderError
from onestop.providers.models import FeedbackReport, ReportPhoto

MAX_PHOTOS = 4


@dataclass(frozen=True)
class Photo:
    file: Any

    @property
    def name(self) -> str:
        return PurePosixPath(self.file.name or "").name


def _problem(photo: Photo, max_file: int) -> ServiceError | None:
    if photo.file.size == 0:
        return ServiceError(ProviderError.PHOTO_EMPTY, field="photos", name=photo.name)
    if photo.file.size > max_file:
        return ServiceError(
            ProviderError.PHOTO_TOO_BIG,
            field="photos",
            name=photo.name,
            size=filesizeformat(photo.file.size),
            limit=filesizeformat(max_file),
        )
    suffix = PurePosixPath(photo.name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES or sniff(photo.file) is None:
        return ServiceError(ProviderError.PHOTO_TYPE, field="photos", name=photo.name)
    return None


def photo_problems(photos: list[Photo]) -> list[ServiceError]:
    """Every problem with the photos, each naming its file; empty when all may be kept."""
    if len(photos) > MAX_PHOTOS:
        return [
            ServiceError(
                ProviderError.TOO_MANY_PHOTOS, field="photos", limit=MAX_PHOTOS
            )
        ]
    max_file = settings.ONESTOP_UPLOAD_MAX_FILE_BYTES
    found = (_problem(photo, max_file) for photo in photos)
    return [problem for problem in found if problem is not None]


def store_photo(
    report: FeedbackReport, photo: Photo, written: list[str]
) -> ReportPhoto:
    content_type, suffix = sniff(photo.file) or ("", "")
    row = ReportPhoto(
        report=report,
        original_name=photo.name[-200:],
        content_type=content_type,
        size=photo.file.size,
        sha256=sha256_of(photo.file),
    )
    # Stored under what the file is, not what it was called.
    row.file.save(f"photo{suffix}", photo.file, save=False)
    written.append(row.file.name)
    row.save()
    return row
