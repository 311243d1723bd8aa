"""Pluggable SMS backends, chosen by ``settings.SMS_BACKEND`` like Django's mail backends.

The default writes each message as a JSON line to ``settings.SMS_FILE_PATH``
so the embedded run needs no SMS gateway; ``LocmemBackend`` keeps messages in
``outbox`` for tests. A gateway backend implements ``send(phone, text)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class BaseSmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class FileBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = {"to": phone, "text": text, "at": timezone.now().isoformat()}
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


class LocmemBackend(BaseSmsBackend):
    outbox: ClassVar[list[dict[str, Any]]] = []

    def send(self, phone: str, text: str) -> None:
        LocmemBackend.outbox.append({"to": phone, "text": text})


def sms_backend() -> BaseSmsBackend:
    backend: type[BaseSmsBackend] = import_string(settings.SMS_BACKEND)
    return backend()
