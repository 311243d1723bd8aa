"""Error codes with translated messages, shared by services, forms and the API.

After saleor's ``order/error_codes.py``: each domain declares an ``Enum`` of
codes whose value carries the message template; a service raises
``ServiceError(code, field=..., **params)`` and the UI and the API show the
same text.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.utils.functional import Promise


class ErrorCode(Enum):
    """Base of every domain's error codes: ``NAME = ("code", _("message %(x)s"))``."""

    def __init__(self, code: str, template: Promise | str) -> None:
        self.code = code
        self.template = template

    def render(self, **params: Any) -> str:
        return str(self.template) % params if params else str(self.template)


class ServiceError(Exception):
    """A refused write: nothing was changed; ``message`` says why, ``field`` where."""

    def __init__(
        self, error: ErrorCode, /, *, field: str | None = None, **params: Any
    ) -> None:
        # Positional-only, so a message may have a parameter named "code".
        self.code = error
        self.field = field
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.code.render(**self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code.code, "field": self.field, "message": self.message}


class ServiceErrors(Exception):
    """Several refusals found together, so a form can mark every field at once."""

    def __init__(self, errors: list[ServiceError]) -> None:
        self.errors = errors
        super().__init__("; ".join(error.message for error in errors))

    def as_list(self) -> list[dict[str, Any]]:
        return [error.as_dict() for error in self.errors]


def raise_all(errors: list[ServiceError]) -> None:
    """Raise the one error alone, several together, or nothing."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ServiceErrors(errors)
