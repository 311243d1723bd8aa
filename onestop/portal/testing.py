"""Test helpers for the portal: small real files of each kind, and a private media folder."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from onestop.cases.testing import CaseTestCase
from onestop.catalog.models import ServiceItem

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def pdf(name: str = "申请表.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def jpeg(name: str = "身份证.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def png(name: str = "清税证明.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def files_in(folder: str | Path) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def application_post(**overrides: Any) -> dict[str, Any]:
    """A complete online application for DJ-ZX: an organisation with the two required files."""
    data: dict[str, Any] = {
        "applicant_kind": "organisation",
        "applicant_name": "长春市示例商贸有限公司",
        "applicant_phone": "13812345678",
        "applicant_id_number": "91350100M000100Y43",
        "applicant_email": "",
        "applicant_address": "",
        "contact_person": "王会计",
        "material_1": pdf(),
        "material_2": jpeg(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class PortalTestCase(CaseTestCase):
    """The tax hall's DJ-ZX, open to online application; files kept in a fresh folder per test."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ServiceItem.objects.filter(pk=cls.item.pk).update(online_available=True)
        cls.item.refresh_from_db()

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # rate-limit counters
        self.media = tempfile.mkdtemp(prefix="onestop-media-")
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=self.media)
        media.enable()
        self.addCleanup(media.disable)
