"""The one rating of a case (一事一评); a bad one opens its rectification.

``rating_submit`` checks what the rater chose, locks the case, refuses a
second rating or one given too early or too late, and records the rating;
for 不满意 and 非常不满意 it opens the rectification with its deadline on the
working-day calendar and tells the supervisors — all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case, CaseStatus
from onestop.circulation.services import supervisors_of
from onestop.common.errors import ServiceError
from onestop.compute.workdays import CalendarNotCovered
from onestop.notifications.services import notify_staff
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import Window
from onestop.ratings.errors import RatingError
from onestop.ratings.models import (
    Level,
    Rating,
    RatingChannel,
    RatingSettings,
    RatingTag,
    Rectification,
    RectificationStatus,
)
from onestop.ratings.selectors import staff_window
from onestop.ratings.services.rectification import event_append

MAX_COMMENT = 500
RATEABLE_STATUSES = (
    CaseStatus.COMPLETED,
    CaseStatus.DELIVERED,
    CaseStatus.REJECTED,
    CaseStatus.REFERRED,
)
DEFAULT_TAGS = (
    _("Efficiency"),
    _("Attitude"),
    _("Done in one visit"),
    _("Materials asked for"),
)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


# --- Settings -------------------------------------------------------------------


def rating_settings_ensure(*, organisation: Organisation) -> RatingSettings:
    """The organisation's rating settings; made with the default tags on first use."""
    found = RatingSettings.objects.filter(organisation=organisation).first()
    if found is not None:
        return found
    with transaction.atomic():
        made, created = RatingSettings.objects.get_or_create(organisation=organisation)
        if created and not RatingTag.objects.filter(organisation=organisation).exists():
            # Tags are the organisation's data, named in its (first) language.
            with translation.override(django_settings.LANGUAGE_CODE):
                RatingTag.objects.bulk_create(
                    RatingTag(organisation=organisation, name=str(name), position=n)
                    for n, name in enumerate(DEFAULT_TAGS, start=1)
                )
    return made


# --- The rating -------------------------------------------------------------------


def rating_window_end(case: Case, settings: RatingSettings) -> datetime:
    """Until when ``case`` may be rated: some days after it ended."""
    ended = case.delivered_at or case.completed_at or case.received_at
    return ended + timedelta(days=settings.rating_days)


def rating_refusal(
    case: Case, settings: RatingSettings, now: datetime
) -> ServiceError | None:
    """Why ``case`` cannot be rated now, or None if it can."""
    existing = Rating.objects.filter(case=case).values_list("rated_at", flat=True)
    if existing:
        return ServiceError(RatingError.ALREADY_RATED, when=_when(existing[0]))
    if case.status not in RATEABLE_STATUSES:
        return ServiceError(RatingError.NOT_YET)
    end = rating_window_end(case, settings)
    if now > end:
        return ServiceError(RatingError.TOO_LATE, when=_when(end))
    return None


def _level_of(level: Any) -> int:
    try:
        return Level(int(level)).value
    except (TypeError, ValueError):
        raise ServiceError(RatingError.LEVEL_INVALID, field="level") from None


def _tags_of(case: Case, tags: Sequence[Any]) -> list[RatingTag]:
    wanted = {int(t) for t in tags if str(t).isdigit()}
    found = list(
        RatingTag.objects.filter(
            organisation_id=case.organisation_id, is_active=True, pk__in=wanted
        )
    )
    if len(found) != len(wanted) or len(wanted) != len(tags):
        raise ServiceError(RatingError.TAG_UNKNOWN, field="tags")
    return found


def _checked_input(
    case: Case, level: Any, comment: str, channel: str, window: Window | None
) -> tuple[int, str]:
    if channel not in RatingChannel.values:
        raise ServiceError(RatingError.CHANNEL_UNKNOWN, field="channel")
    if len(comment.strip()) > MAX_COMMENT:
        raise ServiceError(
            RatingError.COMMENT_TOO_LONG, field="comment", maximum=MAX_COMMENT
        )
    if window is not None and window.organisation_id != case.organisation_id:
        raise ServiceError(RatingError.WINDOW_UNKNOWN, field="window")
    return _level_of(level), comment.strip()


def rating_submit(
    *,
    case: Case,
    level: Any,
    channel: str,
    tags: Sequence[Any] = (),
    comment: str = "",
    window: Window | None = None,
    now: datetime | None = None,
) -> Rating:
    """Take the one rating of ``case``; a bad one opens a rectification."""
    now = now or timezone.now()
    level, comment = _checked_input(case, level, comment or "", channel, window)
    chosen = _tags_of(case, tags)
    settings = rating_settings_ensure(organisation=case.organisation)
    try:
        with transaction.atomic():
            return _rating_record(
                case, settings, level, chosen, comment, channel, window, now
            )
    except IntegrityError:
        # Two ratings at the same instant: the other one was first.
        raise rating_refusal(case, settings, now) or ServiceError(
            RatingError.ALREADY_RATED, when=_when(now)
        ) from None


def _rating_record(
    case: Case,
    settings: RatingSettings,
    level: int,
    tags: list[RatingTag],
    comment: str,
    channel: str,
    window: Window | None,
    now: datetime,
) -> Rating:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("organisation", "item_version")
        .get(pk=case.pk)
    )
    problem = rating_refusal(case, settings, now)
    if problem is not None:
        raise problem
    rating = Rating.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        level=level,
        comment=comment,
        channel=channel,
        rated_at=now,
        staff_id=case.first_responsible_id,
        window=window or staff_window(case.first_responsible_id, case.organisation),
    )
    rating.tags.set(tags)
    if rating.is_bad:
        _rectification_open(rating, case, settings, now)
    return rating


def _rectification_open(
    rating: Rating, case: Case, settings: RatingSettings, now: datetime
) -> Rectification:
    calendar = work_calendar_for(case.organisation)
    data: dict[str, Any] = {"level": rating.level}
    try:
        due_at: datetime | None = calendar.due_after(now, settings.rectification_days)
    except CalendarNotCovered as gap:
        due_at, data["calendar_gap"] = None, str(gap)
    rectification = Rectification.objects.create(
        organisation_id=case.organisation_id,
        rating=rating,
        status=RectificationStatus.VERIFYING,
        opened_at=now,
        limit_days=settings.rectification_days,
        due_at=due_at,
        handler_id=rating.staff_id,
    )
    event_append(
        rectification, "open", None, now, "", RectificationStatus.VERIFYING, data=data
    )
    message = gettext("Bad rating “%(level)s”: verify and rectify it by %(due)s.") % {
        "level": rating.get_level_display(),
        "due": _when(due_at) if due_at else "—",
    }
    notify_staff(case=case, users=supervisors_of(case), message=message, at=now)
    return rectification
