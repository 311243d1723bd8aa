"""The public pages' organisation is cached, and a change made here shows at once."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from onestop.common.testing import make_organisation
from onestop.organisations.models import OrganisationKind
from onestop.organisations.public_cache import organisation_public_cached


class PublicOrganisationCacheTests(TestCase):
    def setUp(self) -> None:
        self.hall = make_organisation(
            slug="hall",
            code="HALL",
            name="东城办税服务厅",
            kind=OrganisationKind.SERVICE_HALL,
        )
        self.status_url = reverse("status_lookup", args=["hall"])

    def test_read_once_then_from_the_cache(self) -> None:
        organisation_public_cached("hall")
        with self.assertNumQueries(0):
            self.assertEqual(organisation_public_cached("hall"), self.hall)

    def test_a_rename_shows_on_the_next_public_page(self) -> None:
        self.assertContains(self.client.get(self.status_url), "东城办税服务厅")
        self.hall.name = self.hall.short_name = "东城区办税服务中心"
        self.hall.save()
        page = self.client.get(self.status_url)
        self.assertContains(page, "东城区办税服务中心")
        self.assertNotContains(page, "东城办税服务厅")

    def test_a_closed_organisation_is_gone_from_the_public_pages_at_once(
        self,
    ) -> None:
        self.assertEqual(self.client.get(self.status_url).status_code, 200)
        self.hall.is_active = False
        self.hall.save()
        self.assertEqual(self.client.get(self.status_url).status_code, 404)
        self.assertIsNone(organisation_public_cached("hall"))

    def test_an_unknown_slug_is_asked_of_the_database_each_time(self) -> None:
        # Not cached, so an organisation created under that slug shows at once.
        self.assertIsNone(organisation_public_cached("west"))
        make_organisation(
            slug="west",
            code="WEST",
            name="西城办税服务厅",
            kind=OrganisationKind.SERVICE_HALL,
        )
        self.assertEqual(organisation_public_cached("west").name, "西城办税服务厅")
