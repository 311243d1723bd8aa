"""Checking Chinese identity numbers by their check characters.

- Resident identity number, 18 characters: GB 11643-1999, ISO 7064 MOD 11-2.
- Unified social credit code of an organisation, 18 characters:
  GB 32100-2015, weighted sum modulo 31.
A number that fails its check was mistyped; saying so at the window saves a
wasted trip.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 18-character resident ID number, or None."""
    value = value.strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        return _("An ID number has 18 characters: 17 digits and a digit or X.")
    total = sum(
        int(digit) * weight
        for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True)
    )
    if _ID_CHECK[total % 11] != value[17]:
        return _(
            "The ID number's last character does not match; check it for a typing error."
        )
    return None


def credit_code_problem(value: str) -> str | None:
    """Why ``value`` is not a valid unified social credit code, or None."""
    value = value.strip().upper()
    if len(value) != 18 or any(char not in _CREDIT_CHARS for char in value):
        return _("A unified social credit code has 18 digits and capital letters.")
    total = sum(
        _CREDIT_CHARS.index(char) * weight
        for char, weight in zip(value[:17], _CREDIT_WEIGHTS, strict=True)
    )
    if _CREDIT_CHARS[(31 - total % 31) % 31] != value[17]:
        return _(
            "The credit code's last character does not match; check it for a typing error."
        )
    return None
