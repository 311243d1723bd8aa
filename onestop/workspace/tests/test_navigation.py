"""The staff top bar: the pages each app declares, grouped by domain, per person's rights."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from onestop.common.testing import OneStopTestCase, make_user
from onestop.organisations.services import membership_grant
from onestop.workspace.navigation import (
    ASSESSMENT,
    DOMAINS,
    FIELD_SERVICE,
    HALL,
    ORGANISATION,
    NavEntry,
    nav_for,
    registered_entries,
)


def url_names(user: Any) -> set[str]:
    return {entry.url_name for group in nav_for(user) for entry in group.entries}


class DeclaredEntriesTests(OneStopTestCase):
    def test_every_declared_entry_opens_a_page(self) -> None:
        for entry in registered_entries():
            with self.subTest(entry.url_name):
                try:
                    reverse(entry.url_name)
                except NoReverseMatch:
                    self.fail(f"{entry.url_name} does not reverse")

    def test_every_page_of_the_old_top_bar_is_declared_once(self) -> None:
        declared = [entry.url_name for entry in registered_entries()]
        self.assertEqual(len(declared), len(set(declared)))
        self.assertEqual(len(declared), 30)
        self.assertTrue(
            {entry.domain for entry in registered_entries()} <= set(DOMAINS)
        )

    def test_an_entry_with_all_of_its_rights_needs_every_one(self) -> None:
        entry = NavEntry(
            HALL,
            "x",
            "staff:intake",
            ("cases.intake_case", "cases.approve_extension"),
            any_perm=False,
        )
        self.assertFalse(entry.allows(self.uni_clerk))
        self.assertTrue(entry.allows(self.uni_supervisor))


class NavForTests(OneStopTestCase):
    def test_a_window_clerk_sees_the_hall_but_no_management_pages(self) -> None:
        groups = nav_for(self.uni_clerk)
        hall = groups[0]
        self.assertEqual(hall.domain, HALL)
        self.assertEqual(
            [entry.url_name for entry in hall.entries],
            [
                "staff:intake",
                "staff:queue_window",
                "staff:online_applications",
                "staff:appointments",
            ],
        )
        shown = url_names(self.uni_clerk)
        for hidden in (
            "staff:providers",
            "staff:board",
            "staff:metrics",
            "admin:index",
        ):
            self.assertNotIn(hidden, shown)
        # Their own scores only: the assessment domain holds no providers page.
        (assessment,) = [g for g in groups if g.domain == ASSESSMENT]
        self.assertEqual(
            [entry.url_name for entry in assessment.entries], ["staff:assessment"]
        )

    def test_a_technician_sees_my_jobs_not_field_service(self) -> None:
        (field,) = [
            g for g in nav_for(self.uni_technician) if g.domain == FIELD_SERVICE
        ]
        shown = [entry.url_name for entry in field.entries]
        self.assertIn("staff:fs_my_jobs", shown)
        self.assertNotIn("staff:fs_orders", shown)

    def test_a_dispatcher_sees_field_service_not_my_jobs(self) -> None:
        shown = url_names(self.uni_supervisor)
        self.assertIn("staff:fs_orders", shown)
        self.assertNotIn("staff:fs_my_jobs", shown)

    def test_a_member_without_any_right_sees_only_the_pages_every_member_has(
        self,
    ) -> None:
        nobody = make_user("no_roles")
        membership_grant(actor=None, organisation=self.uni, user=nobody, roles=[])
        # My inspections and the assessment show everyone their own record.
        self.assertEqual(
            url_names(nobody), {"staff:inspection_my_work", "staff:assessment"}
        )
        self.assertEqual(
            [group.domain for group in nav_for(nobody)], ["quality", ASSESSMENT]
        )

    def test_administration_is_for_staff_accounts_only(self) -> None:
        self.assertIn("admin:index", url_names(self.uni_admin))
        (organisation,) = [
            g for g in nav_for(self.uni_admin) if g.domain == ORGANISATION
        ]
        self.assertEqual(organisation.entries[-1].url_name, "admin:index")
        self.assertNotIn("admin:index", url_names(self.uni_supervisor))

    def test_domains_keep_the_top_bars_order(self) -> None:
        domains = [group.domain for group in nav_for(self.uni_admin)]
        self.assertEqual(domains, [d for d in DOMAINS if d in domains])
        self.assertEqual(domains[0], HALL)
        self.assertEqual(domains[-1], ORGANISATION)


class StaffPageTests(OneStopTestCase):
    def test_the_staff_page_shows_domains_that_open_their_links(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:work"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, f'<a href="{reverse("staff:home")}">Home</a>')
        self.assertContains(
            response,
            '<details class="navgroup" name="staff-nav"',
            len(nav_for(self.uni_clerk)),
        )
        self.assertContains(response, '<summary class="current">Casework</summary>')
        self.assertContains(
            response,
            f'<a href="{reverse("staff:work")}" accesskey="w" '
            'aria-current="page">My work</a>',
            html=True,
        )
        self.assertContains(response, 'accesskey="i"')
        self.assertNotContains(response, reverse("staff:board"))
