"""The hotline asks the policy: the switch's routing endpoint and the agent's screen pop."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onestop.cases.testing import APPLICANT
from onestop.common.testing import make_user
from onestop.customers.testing import make_customer, make_vip_segment
from onestop.customers.tests.test_services import OTHER_PHONE, CustomerTestCase
from onestop.organisations.services import membership_grant

VIP_PHONE = APPLICANT.phone
VIP_ID = APPLICANT.id_number
MASKED_VIP_PHONE = "138****5678"
UNKNOWN_PHONE = "13711112222"
ROUTE = "/api/v1/hotline/route/"


class HotlineTestCase(CustomerTestCase):
    def setUp(self) -> None:
        self.vip = make_customer(
            self.tax,
            name=APPLICANT.name,
            id_number=VIP_ID,
            phone=VIP_PHONE,
            attributes={"年纳税额": "1800000"},
        )
        self.plain = make_customer(
            self.tax, name="普通商贸", phone=OTHER_PHONE, attributes={"年纳税额": "9"}
        )
        make_vip_segment(self.tax)
        self.switch = make_user("switch")
        membership_grant(
            actor=None, organisation=self.tax, user=self.switch, roles=["agent"]
        )

    def client_of(self, user: Any) -> APIClient:
        """A client signed in with the user's API token, as the switch would be."""
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    def route(self, caller: str, user: Any = None, **query: Any) -> Any:
        client = self.client_of(user or self.switch)
        url = ROUTE + (f"?organisation={query['organisation']}" if query else "")
        return client.post(url, {"caller": caller}, format="json")


class RouteEndpointTests(HotlineTestCase):
    def test_a_vip_caller_is_routed_to_the_vip_tier_first(self) -> None:
        response = self.route(VIP_PHONE)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"tier": "VIP", "priority": 1})

    def test_an_unknown_or_withheld_caller_gets_standard_routing(self) -> None:
        for caller in (UNKNOWN_PHONE, OTHER_PHONE, ""):
            with self.subTest(caller=caller):
                response = self.route(caller)
                self.assertEqual(response.json(), {"tier": "standard", "priority": 5})

    def test_the_answer_holds_nothing_personal(self) -> None:
        body = self.route(VIP_PHONE).content.decode()
        for personal in (APPLICANT.name, VIP_PHONE, VIP_ID, "VIP纳税人", "138"):
            with self.subTest(personal=personal):
                self.assertNotIn(personal, body)

    def test_a_caller_is_looked_up_only_in_the_organisation_asked_for(self) -> None:
        response = self.route(VIP_PHONE, self.uni_admin)  # the university's admin
        self.assertEqual(response.json()["tier"], "standard")
        response = self.route(VIP_PHONE, self.uni_admin, organisation=self.tax.pk)
        self.assertEqual(response.status_code, 404)

    def test_the_endpoint_needs_a_token_or_a_session(self) -> None:
        response = APIClient().post(ROUTE, {"caller": VIP_PHONE}, format="json")
        self.assertIn(response.status_code, (401, 403))
        self.client.force_login(self.tax_clerk)
        response = self.client.post(
            ROUTE, {"caller": VIP_PHONE}, content_type="application/json"
        )
        self.assertEqual(response.json()["tier"], "VIP")

    def test_a_member_without_the_customer_permission_is_refused(self) -> None:
        technician = make_user("tech")
        membership_grant(
            actor=None, organisation=self.tax, user=technician, roles=["technician"]
        )
        self.assertEqual(self.route(VIP_PHONE, technician).status_code, 403)

    def test_the_number_is_not_accepted_in_the_address(self) -> None:
        response = self.client_of(self.switch).get(ROUTE, {"caller": VIP_PHONE})
        self.assertEqual(response.status_code, 405)


class ScreenPopTests(HotlineTestCase):
    URL = "/staff/customers/screen-pop/"

    def test_the_agent_sees_the_vip_masked_with_the_policy_and_the_history_link(
        self,
    ) -> None:
        self.login(self.tax_clerk)
        page = self.client.post(self.URL, {"caller": "138 1234 5678"})
        self.assertContains(page, APPLICANT.name)
        self.assertContains(page, MASKED_VIP_PHONE)
        self.assertContains(page, "913501********0Y43")
        self.assertContains(page, 'data-policy="VIP纳税人"')
        self.assertContains(page, "data-policy-limit")
        self.assertContains(page, f'href="/staff/customers/{self.vip.pk}/"')
        self.assertNotContains(page, VIP_PHONE)
        self.assertNotContains(page, VIP_ID)

    def test_an_unknown_caller_gets_the_standard_service_and_no_customer(
        self,
    ) -> None:
        self.login(self.tax_clerk)
        page = self.client.post(self.URL, {"caller": UNKNOWN_PHONE})
        self.assertContains(page, 'id="unknown-caller"')
        self.assertContains(page, 'data-tier="standard"')
        self.assertContains(page, "137****2222")
        self.assertNotContains(page, UNKNOWN_PHONE)

    def test_the_empty_form_is_shown_on_get(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(self.URL)
        self.assertContains(page, 'name="caller"')
        self.assertNotContains(page, 'id="caller"')

    def test_another_organisations_staff_do_not_find_this_customer(self) -> None:
        self.login(self.uni_admin)
        page = self.client.post(self.URL, {"caller": VIP_PHONE})
        self.assertContains(page, 'id="unknown-caller"')
        self.assertNotContains(page, APPLICANT.name)

    def test_the_page_needs_the_customer_permission(self) -> None:
        self.client.force_login(self.citizen)
        self.assertEqual(self.client.get(self.URL).status_code, 403)
