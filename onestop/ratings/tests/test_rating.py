"""一事一评: one rating per case, taken only once the case is finished."""

from __future__ import annotations

from django.core import mail
from django.utils import translation

from onestop.common.errors import ServiceError
from onestop.notifications.models import Notification
from onestop.posts.models import PostAssignment
from onestop.ratings.errors import RatingError
from onestop.ratings.models import (
    Level,
    Rating,
    RatingChannel,
    RatingTag,
    Rectification,
    RectificationEvent,
)
from onestop.ratings.services import DEFAULT_TAGS
from onestop.ratings.testing import RatingTestCase


class OneRatingPerCaseTests(RatingTestCase):
    def test_a_second_rating_of_the_same_case_is_refused_and_nothing_is_written(
        self,
    ) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        first = self.rate(case, Level.DISSATISFIED, "2026-09-28 10:05")
        counts = (
            Rating.objects.count(),
            Rectification.objects.count(),
            RectificationEvent.objects.count(),
            Notification.objects.count(),
        )
        mail.outbox.clear()
        with self.assertRaises(ServiceError) as caught, translation.override("en"):
            self.rate(case, Level.VERY_SATISFIED, "2026-09-28 10:06")
        self.assertEqual(caught.exception.code, RatingError.ALREADY_RATED)
        with translation.override("en"):
            self.assertEqual(
                caught.exception.message,
                "This service has already been rated, on 2026-09-28 10:05. "
                "Each case can be rated once.",
            )
        after = (
            Rating.objects.count(),
            Rectification.objects.count(),
            RectificationEvent.objects.count(),
            Notification.objects.count(),
        )
        self.assertEqual(after, counts)
        self.assertEqual(mail.outbox, [])
        first.refresh_from_db()
        self.assertEqual(first.level, Level.DISSATISFIED)

    def test_the_rating_records_the_first_responsible_channel_tags_and_comment(
        self,
    ) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        tag = RatingTag.objects.create(organisation=self.tax, name="办事效率")
        rating = self.rate(
            case,
            Level.VERY_SATISFIED,
            "2026-09-28 10:05",
            channel=RatingChannel.SMS,
            tags=[str(tag.pk)],
            comment="  很快  ",
        )
        self.assertEqual(rating.staff, self.tax_clerk)
        self.assertEqual(rating.channel, RatingChannel.SMS)
        self.assertEqual(list(rating.tags.all()), [tag])
        self.assertEqual(rating.comment, "很快")
        self.assertFalse(hasattr(rating, "rectification"))

    def test_the_window_is_the_one_the_clerks_post_serves(self) -> None:
        membership = self.tax_clerk.memberships.get(organisation=self.tax)
        PostAssignment.objects.create(
            post=self.tax_structure["post"], membership=membership
        )
        rating = self.rate(
            self.on_the_spot("2026-09-28 10:00"), Level.SATISFIED, "2026-09-28 10:05"
        )
        self.assertEqual(rating.window, self.tax_structure["window"])

    def test_default_tags_are_made_in_the_first_language_on_first_use(self) -> None:
        with translation.override("en"):
            self.rate(
                self.on_the_spot("2026-09-28 10:00"),
                Level.SATISFIED,
                "2026-09-28 11:00",
            )
        names = list(
            RatingTag.objects.filter(organisation=self.tax).values_list(
                "name", flat=True
            )
        )
        # 办事效率, 服务态度, 一次办好, 材料要求 once the catalogue has them.
        with translation.override("zh-hans"):
            self.assertEqual(names, [str(name) for name in DEFAULT_TAGS])


class WhenACaseMayBeRatedTests(RatingTestCase):
    def test_a_case_in_progress_cannot_be_rated_yet(self) -> None:
        case = self.accepted("2026-09-28 10:00")
        with self.assertRaises(ServiceError) as caught:
            self.rate(case, Level.SATISFIED, "2026-09-29 10:00")
        self.assertEqual(caught.exception.code, RatingError.NOT_YET)
        self.assertFalse(Rating.objects.exists())

    def test_completed_rejected_and_on_the_spot_cases_can_be_rated(self) -> None:
        cases = [
            self.completed("2026-09-28 10:00", "2026-09-30 10:00"),
            self.rejected("2026-09-28 11:00"),
            self.on_the_spot("2026-09-28 12:00"),
        ]
        for case in cases:
            with self.subTest(status=case.status):
                rating = self.rate(case, Level.SATISFIED, "2026-10-08 10:00")
                self.assertEqual(rating.case, case)

    def test_ratings_close_thirty_days_after_the_case_ended(self) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        with self.assertRaises(ServiceError) as caught:
            self.rate(case, Level.SATISFIED, "2026-10-28 10:01")
        self.assertEqual(caught.exception.code, RatingError.TOO_LATE)
        self.assertEqual(
            self.rate(case, Level.SATISFIED, "2026-10-28 10:00").level, Level.SATISFIED
        )

    def test_unknown_levels_and_foreign_tags_are_refused(self) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        foreign = RatingTag.objects.create(organisation=self.uni, name="服务态度")
        for level, tags, code in (
            (0, [], RatingError.LEVEL_INVALID),
            ("six", [], RatingError.LEVEL_INVALID),
            (Level.SATISFIED, [str(foreign.pk)], RatingError.TAG_UNKNOWN),
        ):
            with self.subTest(level=level, tags=tags):
                with self.assertRaises(ServiceError) as caught:
                    self.rate(case, level, "2026-09-28 10:05", tags=tags)
                self.assertEqual(caught.exception.code, code)
        self.assertFalse(Rating.objects.exists())

    def test_a_window_of_another_organisation_is_refused(self) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        with self.assertRaises(ServiceError) as caught:
            self.rate(
                case,
                Level.SATISFIED,
                "2026-09-28 10:05",
                window=self.uni_structure["window"],
            )
        self.assertEqual(caught.exception.code, RatingError.WINDOW_UNKNOWN)
