"""Writes of ratings: the one rating of a case, and each step of a rectification."""

from onestop.ratings.services.rating import (
    DEFAULT_TAGS,
    MAX_COMMENT,
    RATEABLE_STATUSES,
    rating_refusal,
    rating_settings_ensure,
    rating_submit,
    rating_window_end,
)
from onestop.ratings.services.rectification import (
    appeal_decide,
    event_append,
    rectification_act,
    rectification_appeal,
    rectification_close,
    rectification_follow_up,
    rectification_rectify,
    rectification_reply,
    rectification_verify,
)

__all__ = [
    "DEFAULT_TAGS",
    "MAX_COMMENT",
    "RATEABLE_STATUSES",
    "appeal_decide",
    "event_append",
    "rating_refusal",
    "rating_settings_ensure",
    "rating_submit",
    "rating_window_end",
    "rectification_act",
    "rectification_appeal",
    "rectification_close",
    "rectification_follow_up",
    "rectification_rectify",
    "rectification_reply",
    "rectification_verify",
]
