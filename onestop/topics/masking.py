"""Personal numbers written into a note's free text, masked for screens and exports."""

from __future__ import annotations

import re

from onestop.common.masking import mask_id_number, mask_phone

_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_note(text: str) -> str:
    """``联系电话13812345678`` → ``联系电话138****5678``; ID numbers likewise."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group()), text)
