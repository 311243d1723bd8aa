"""Roles are held within one organisation; the role table is the only source of rights."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client

from onestop.common.testing import OneStopTestCase
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.roles import Role, role_permissions, roles_sync
from onestop.organisations.services import membership_grant


class RoleTests(OneStopTestCase):
    def test_every_role_is_a_group_with_exactly_its_listed_permissions(self) -> None:
        roles_sync()
        for role in Role:
            with self.subTest(role=role):
                group = Group.objects.get(name=role)
                held = {
                    f"{p.content_type.app_label}.{p.codename}"
                    for p in group.permissions.all()
                }
                self.assertEqual(held, set(role_permissions()[role]))

    def test_a_right_in_one_organisation_is_no_right_in_another(self) -> None:
        self.assertTrue(
            has_organisation_perm(
                self.uni_admin, "catalog.change_serviceitem", self.uni.pk
            )
        )
        self.assertFalse(
            has_organisation_perm(
                self.uni_admin, "catalog.change_serviceitem", self.tax.pk
            )
        )
        self.assertTrue(self.uni_admin.has_perm("catalog.change_serviceitem", self.uni))
        self.assertFalse(
            self.uni_admin.has_perm("catalog.change_serviceitem", self.tax)
        )

    def test_one_person_may_hold_different_roles_in_two_organisations(self) -> None:
        membership_grant(
            actor=None,
            organisation=self.tax,
            user=self.uni_inspector,
            roles=[Role.SUPERVISOR],
        )
        inspector = type(self.uni_inspector).objects.get(pk=self.uni_inspector.pk)
        self.assertTrue(
            has_organisation_perm(inspector, "posts.view_all_duty_logs", self.tax.pk)
        )
        self.assertFalse(
            has_organisation_perm(inspector, "posts.view_all_duty_logs", self.uni.pk)
        )

    def test_a_clerk_may_not_edit_the_catalogue(self) -> None:
        self.assertFalse(
            has_organisation_perm(
                self.uni_clerk, "catalog.change_serviceitem", self.uni.pk
            )
        )
        self.assertTrue(
            has_organisation_perm(
                self.uni_clerk, "catalog.view_serviceitem", self.uni.pk
            )
        )

    def test_an_inactive_membership_grants_nothing(self) -> None:
        self.uni_clerk.memberships.update(is_active=False)
        clerk = type(self.uni_clerk).objects.get(pk=self.uni_clerk.pk)
        self.assertFalse(
            has_organisation_perm(clerk, "catalog.view_serviceitem", self.uni.pk)
        )

    def test_regranting_changes_roles_and_is_audited_once(self) -> None:
        from onestop.common.models import AuditEvent

        before = AuditEvent.objects.filter(
            verb="organisations.membership_granted"
        ).count()
        membership_grant(
            actor=self.uni_admin,
            organisation=self.uni,
            user=self.uni_clerk,
            roles=["clerk"],
        )
        membership_grant(
            actor=self.uni_admin,
            organisation=self.uni,
            user=self.uni_clerk,
            roles=["clerk", "agent"],
        )
        after = AuditEvent.objects.filter(
            verb="organisations.membership_granted"
        ).count()
        self.assertEqual(after - before, 1)
        roles = set(
            self.uni_clerk.memberships.get().roles.values_list("name", flat=True)
        )
        self.assertEqual(roles, {"clerk", "agent"})


class ApiDocumentationTests(OneStopTestCase):
    def test_openapi_schema_describes_the_routes(self) -> None:
        self.login(self.uni_clerk)
        schema = self.client.get(
            "/api/schema/", HTTP_ACCEPT="application/json"
        ).content.decode()
        for route in ("/api/v1/catalog/items/", "/api/v1/handovers/", "/api/v1/posts/"):
            self.assertIn(route, schema)

    def test_api_docs_page_loads_without_the_internet(self) -> None:
        self.login(self.uni_clerk)
        page = self.client.get("/api/docs/").content.decode()
        self.assertIn("/static/drf_spectacular_sidecar/", page)
        self.assertNotIn("cdn.jsdelivr", page)

    def test_anonymous_client_gets_no_schema_of_private_data(self) -> None:
        response = Client().get("/api/v1/departments/")
        self.assertIn(response.status_code, (401, 403))
