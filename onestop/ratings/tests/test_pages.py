"""The public rating page behind the token, the window tablet and the rectification pages."""

from __future__ import annotations

from typing import Any

import time_machine
from django.core.cache import cache
from django.urls import reverse

from onestop.cases.models import Case
from onestop.cases.testing import APPLICANT
from onestop.ratings.errors import RatingError
from onestop.ratings.links import rating_path, rating_url
from onestop.ratings.models import (
    Level,
    Rating,
    RatingChannel,
    Rectification,
    RectificationStatus,
)
from onestop.ratings.testing import RatingTestCase, at
from onestop.ratings.tokens import rating_token
from onestop.ratings.views import DEFAULT_RATE_LIMIT


class PublicPageTests(RatingTestCase):
    def setUp(self) -> None:
        cache.clear()  # the rate limit's counters
        with time_machine.travel(at("2026-09-28 10:00"), tick=False):
            self.case = self.on_the_spot("2026-09-28 10:00")
        self.url = rating_path(self.case)

    def get(self, url: str | None = None) -> Any:
        with time_machine.travel(at("2026-09-28 10:10"), tick=False):
            return self.client.get(url or self.url)

    def post(self, level: int, url: str | None = None, **data: Any) -> Any:
        with time_machine.travel(at("2026-09-28 10:10"), tick=False):
            return self.client.post(url or self.url, {"level": level, **data})

    def test_the_page_offers_five_ratings_and_shows_no_personal_data(self) -> None:
        response = self.get()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="level"', count=5)
        self.assertContains(response, "发票领用")
        for secret in (APPLICANT.name, APPLICANT.phone, "5678", self.case.number):
            self.assertNotContains(response, secret)

    def test_rating_once_then_thanks_and_a_second_try_is_refused(self) -> None:
        response = self.post(Level.SATISFIED)
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        rating = Rating.objects.get(case=self.case)
        self.assertEqual(
            (rating.level, rating.channel), (Level.SATISFIED, RatingChannel.RECEIPT)
        )
        self.assertContains(self.get(), 'data-rated="4"')
        again = self.post(Level.VERY_DISSATISFIED)
        self.assertEqual(again.status_code, 409)
        refusal = RatingError.ALREADY_RATED.render(when="2026-09-28 10:10")
        self.assertContains(again, refusal, status_code=409)
        self.assertEqual(Rating.objects.get(case=self.case).level, Level.SATISFIED)
        self.assertFalse(Rectification.objects.exists())

    def test_the_sms_link_records_its_channel(self) -> None:
        self.post(Level.VERY_SATISFIED, url=f"{self.url}?via=sms")
        self.assertEqual(Rating.objects.get().channel, RatingChannel.SMS)

    def test_a_tampered_or_foreign_token_finds_nothing(self) -> None:
        token = rating_token(case_id=self.case.pk, received_at=self.case.received_at)
        case_id, stamp, signature = token.split(".")
        other = Case.objects.create(
            **{
                f.attname: getattr(self.case, f.attname)
                for f in Case._meta.concrete_fields
                if f.attname not in ("id", "number")
            },
            number="TAX-OTHER-1",
        )
        forged = [
            f"{other.pk}.{stamp}.{signature}",  # another case, same signature
            f"{case_id}.{stamp}.{signature[:-1]}{'B' if signature[-1] == 'A' else 'A'}",  # altered
            f"{case_id}.{stamp}",  # no signature
            "not-a-token",
        ]
        for bad in forged:
            with self.subTest(token=bad):
                url = reverse("rate", kwargs={"org_slug": "tax", "token": bad})
                self.assertEqual(self.get(url).status_code, 404)
        elsewhere = reverse("rate", kwargs={"org_slug": "uni", "token": token})
        self.assertEqual(self.get(elsewhere).status_code, 404)
        self.assertEqual(self.post(Level.SATISFIED, url=elsewhere).status_code, 404)
        self.assertFalse(Rating.objects.exists())

    def test_a_token_outlives_no_change_of_its_cases_moment(self) -> None:
        Case.objects.filter(pk=self.case.pk).update(received_at=at("2026-09-28 09:00"))
        self.assertEqual(self.get().status_code, 404)

    def test_too_many_requests_from_one_client_are_refused(self) -> None:
        limit, _window = DEFAULT_RATE_LIMIT
        for _ in range(limit):
            self.assertEqual(self.get().status_code, 200)
        self.assertEqual(self.get().status_code, 429)
        guess = reverse("rate", kwargs={"org_slug": "tax", "token": "1.a.b"})
        self.assertEqual(self.get(guess).status_code, 429)
        self.assertEqual(self.post(Level.SATISFIED).status_code, 429)
        self.assertFalse(Rating.objects.exists())

    def test_the_rating_url_carries_no_personal_data(self) -> None:
        url = rating_url(self.case)
        self.assertRegex(
            url, r"^http://127\.0\.0\.1:8000/o/tax/rate/[0-9]+\.[0-9A-Za-z]+\.[\w-]+/$"
        )
        for secret in (
            self.case.number,
            APPLICANT.phone,
            self.case.masked_phone,
            APPLICANT.name,
            APPLICANT.id_number,
        ):
            self.assertNotIn(secret, url)
            self.assertNotIn(secret, rating_url(self.case, via="sms"))

    def test_a_case_still_in_progress_says_when_it_can_be_rated(self) -> None:
        case = self.accepted("2026-09-28 10:00")
        response = self.get(rating_path(case))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="level"')
        self.assertEqual(
            self.post(Level.SATISFIED, url=rating_path(case)).status_code, 400
        )


class TabletTests(RatingTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(at("2026-09-28 10:05"), tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)
        self.case = self.on_the_spot("2026-09-28 10:00")
        self.url = reverse("staff:rating_tablet", args=[self.case.number])

    def test_the_applicant_rates_on_the_clerks_tablet(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(self.url)
        self.assertContains(page, 'name="level"', count=5)
        window = self.tax_structure["window"]
        response = self.client.post(
            self.url, {"level": Level.DISSATISFIED, "window": window.pk}
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        rating = Rating.objects.get(case=self.case)
        self.assertEqual(
            (rating.channel, rating.window), (RatingChannel.TABLET, window)
        )
        self.assertEqual(rating.rectification.status, RectificationStatus.VERIFYING)

    def test_the_tablet_finds_the_case_by_its_number(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.get(
            reverse("staff:rating_tablet_start"), {"number": self.case.number.lower()}
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)

    def test_other_organisations_and_back_offices_cannot_use_it(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.login(self.handler)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class RectificationPageTests(RatingTestCase):
    def setUp(self) -> None:
        case = self.on_the_spot("2026-09-28 14:00")
        rating = self.rate(case, Level.DISSATISFIED, "2026-09-28 15:00")
        self.rectification = rating.rectification
        self.page = reverse("staff:rectification", args=[self.rectification.pk])

    def test_the_list_marks_overdue_rectifications(self) -> None:
        self.login(self.tax_supervisor)
        with time_machine.travel(at("2026-10-09 09:00"), tick=False):
            before = self.client.get(reverse("staff:rectifications"))
        with time_machine.travel(at("2026-10-12 09:00"), tick=False):
            after = self.client.get(reverse("staff:rectifications"))
        self.assertContains(before, "2026-10-10 17:30")
        self.assertNotContains(before, 'class="clock-red"')
        self.assertContains(after, 'class="clock-red"')

    def test_the_supervisor_verifies_on_the_page_and_the_history_shows_it(self) -> None:
        self.login(self.tax_supervisor)
        page = self.client.get(self.page)
        self.assertContains(page, 'data-action="verify"')
        self.assertNotContains(page, 'data-action="appeal"')
        url = reverse(
            "staff:rectification_step", args=[self.rectification.pk, "verify"]
        )
        response = self.client.post(url, {"verify-valid": "yes"})
        self.assertRedirects(response, self.page, fetch_redirect_response=False)
        self.rectification.refresh_from_db()
        self.assertEqual(self.rectification.status, RectificationStatus.RECTIFYING)
        self.assertContains(self.client.get(self.page), 'data-action="close"', count=0)

    def test_a_refused_step_is_explained_on_its_field(self) -> None:
        self.login(self.tax_supervisor)
        url = reverse(
            "staff:rectification_step", args=[self.rectification.pk, "verify"]
        )
        response = self.client.post(url, {"verify-valid": "no"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "has-errors")
        self.rectification.refresh_from_db()
        self.assertEqual(self.rectification.status, RectificationStatus.VERIFYING)

    def test_the_rated_clerk_sees_their_own_and_another_clerk_nothing(self) -> None:
        self.login(self.tax_clerk)
        self.assertContains(self.client.get(reverse("staff:rectifications")), self.page)
        self.assertNotContains(self.client.get(self.page), 'data-action="verify"')
        self.login(self.outsider)
        self.assertNotContains(
            self.client.get(reverse("staff:rectifications")), self.page
        )
        self.assertEqual(self.client.get(self.page).status_code, 404)
        self.login(self.tax_admin)  # an administrator of the tax hall supervises
        self.assertEqual(self.client.get(self.page).status_code, 200)
        self.login(self.uni_admin)
        self.assertEqual(self.client.get(self.page).status_code, 404)
