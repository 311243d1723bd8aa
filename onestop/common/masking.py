"""Masking personal data for screens and exports (ID numbers, phones).

Follows the common practice of Chinese public services (e.g. GB/T 35273-2020
§A.2 on de-identification in display): keep enough to recognise a number
when the person is present, never enough to reuse it.
"""

from __future__ import annotations


def mask_id_number(value: str) -> str:
    """``110101199003074512`` → ``110101********4512``; short codes keep 2+2."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) >= 15:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if len(value) > 4:
        return value[:2] + "*" * (len(value) - 4) + value[-2:]
    return "*" * len(value)


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; landlines keep their last four digits."""
    value = (value or "").strip()
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    if len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return "*" * len(value)
