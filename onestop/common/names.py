"""How a person's name is written: 孙立军, not "立军 孙"; Jane Smith stays Jane Smith."""

from __future__ import annotations

from typing import Any


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def person_name(user: Any) -> str:
    """A user's name as people write it, falling back to the username."""
    if user is None:
        return ""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if _is_cjk(first + last):
        return f"{last}{first}" or user.get_username()
    return " ".join(part for part in (first, last) if part) or user.get_username()
