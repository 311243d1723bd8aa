"""The shape of a demo rating: which case, when, how good, and what was done about a bad one.

A rating names its case as the scripts do — the item's code and the
applicant's name — and is given at ``rated``, after the case ended. A bad
one (不满意, 非常不满意) opens a rectification; ``then`` holds its steps as
``Act``s (``action`` one of ``onestop.ratings.states.Action``; a ``handler``
parameter is a login), and ``expect`` the status it must end in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from onestop.demo.cases.specs import Act, at
from onestop.ratings.models import Level, RatingChannel, RectificationStatus
from onestop.ratings.services import DEFAULT_TAGS

# The default tags every organisation starts with (办事效率, 服务态度, 一次办好, 材料要求).
EFFICIENCY, ATTITUDE, ONE_VISIT, MATERIALS = DEFAULT_TAGS

L = Level
TABLET, RECEIPT, SMS = RatingChannel.TABLET, RatingChannel.RECEIPT, RatingChannel.SMS
R = RectificationStatus


@dataclass(frozen=True)
class RatingSpec:
    item: str
    applicant: str
    rated: datetime
    level: int
    channel: str
    tags: tuple[Any, ...] = ()
    comment: str = ""
    then: tuple[Act, ...] = ()
    expect: str | None = None


def rating(
    item: str,
    applicant: str,
    when: str,
    level: int,
    channel: str,
    *then: Act,
    tags: tuple[Any, ...] = (),
    comment: str = "",
    expect: str | None = None,
) -> RatingSpec:
    """A ``RatingSpec`` in one line; ``when`` as in the case scripts (``"11-23 09:40"``)."""
    return RatingSpec(
        item, applicant, at(when), level, channel, tags, comment, then, expect
    )
