"""The cases API: a whole case over HTTP with a token, and every refusal in one shape."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onestop.cases.models import Case, CaseDocument, CaseEvent, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake

SH = ZoneInfo("Asia/Shanghai")
INTAKE = "/api/v1/cases/intake/"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def material(position: int, **changes: Any) -> dict[str, Any]:
    line = {"position": position, "received": True, "form": "original", "count": 2}
    return {**line, **changes}


def intake_body(**changes: Any) -> dict[str, Any]:
    body = {
        "item": "DJ-ZX",
        "channel": "counter",
        "applicant": asdict(APPLICANT),
        "materials": [material(1), material(2), material(3, form="copy")],
        "outcome": "accepted",
    }
    return {**body, **changes}


class CasesApiTestCase(CaseTestCase):
    def client_of(self, user: Any) -> APIClient:
        """A client signed in with the user's API token, as a program would be."""
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    def case_url(self, case: Case, tail: str = "") -> str:
        return f"/api/v1/cases/{case.number}/{tail}"

    def accepted_case(self) -> Case:
        return case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome=Outcome.ACCEPTED,
            now=at("2026-09-28 10:00"),
        )


class WholeCaseOverTheApiTests(CasesApiTestCase):
    def test_notice_supplement_approval_completion_and_hand_over(self) -> None:
        clerk, handler = self.client_of(self.tax_clerk), self.client_of(self.handler)
        with time_machine.travel(at("2026-09-25 15:00"), tick=False):
            missing_form = [
                material(1, received=False),
                material(2),
                material(3, form="copy"),
            ]
            response = clerk.post(
                INTAKE,
                intake_body(materials=missing_form, outcome="notice"),
                format="json",
            )
        self.assertEqual(response.status_code, 201, response.data)
        case = response.data
        self.assertEqual(response["Location"], f"/api/v1/cases/{case['number']}/")
        self.assertEqual(case["status"], "awaiting_supplement")
        self.assertEqual([d["kind"] for d in case["documents"]], ["notice"])
        self.assertEqual(case["allowed_actions"], ["supplement", "withdraw"])

        with time_machine.travel(at("2026-09-28 10:00"), tick=False):
            response = clerk.post(
                f"/api/v1/cases/{case['number']}/supplement/",
                {
                    "expected_version": case["lock_version"],
                    "materials": [material(1)],
                    "outcome": "accepted",
                },
                format="json",
            )
        self.assertEqual(response.status_code, 200, response.data)
        case = response.data
        self.assertEqual(
            (case["status"], case["current_step"]), ("in_progress", "审核")
        )
        # 10 working days after Monday 28 September, the National Day week excluded.
        self.assertEqual(case["clocks"]["due_at"], "2026-10-16T17:30:00+08:00")

        case = self._act(handler, case, "approve", "2026-09-30 11:00", comment="同意")
        self.assertEqual(case["current_step"], "审批")
        case = self._act(handler, case, "complete", "2026-10-09 10:00")
        self.assertEqual(case["status"], "completed")
        case = self._act(
            clerk, case, "hand_over", "2026-10-12 09:30", collected_by="王会计"
        )
        self.assertEqual(case["status"], "delivered")

        case = clerk.get(f"/api/v1/cases/{case['number']}/").data
        timeline = [
            (e["sequence"], e["action"], e["actor"], e["to_status"])
            for e in case["timeline"]
        ]
        self.assertEqual(
            timeline,
            [
                (1, "intake", "tax_clerk", "awaiting_supplement"),
                (2, "supplement", "tax_clerk", "in_progress"),
                (3, "approve", "tax_handler", "in_progress"),
                (4, "complete", "tax_handler", "completed"),
                (5, "hand_over", "tax_clerk", "delivered"),
            ],
        )
        approval = case["timeline"][2]
        self.assertEqual(
            (approval["from_step"], approval["to_step"], approval["comment"]),
            ("审核", "审批", "同意"),
        )
        self.assertEqual(approval["at"], "2026-09-30T11:00:00+08:00")
        self.assertEqual([d["kind"] for d in case["documents"]], ["notice", "receipt"])
        self.assertEqual(case["lock_version"], 5)

    def _act(
        self,
        client: APIClient,
        case: dict[str, Any],
        action: str,
        when: str,
        **params: Any,
    ) -> dict[str, Any]:
        with time_machine.travel(at(when), tick=False):
            response = client.post(
                f"/api/v1/cases/{case['number']}/actions/{action}/",
                {"expected_version": case["lock_version"], **params},
                format="json",
            )
        self.assertEqual(response.status_code, 200, response.data)
        return response.data  # type: ignore[no-any-return]


@time_machine.travel(at("2026-09-29 10:00"), tick=False)
class RefusalTests(CasesApiTestCase):
    """Bad input answers 400/403/404/409 with a clear English message and writes nothing."""

    def setUp(self) -> None:
        self.case = self.accepted_case()

    def _refusals(self) -> list[tuple[str, Any, str, dict[str, Any], int, str, str]]:
        act = self.case_url(self.case, "actions/{}/")
        version = self.case.lock_version
        return [
            (
                "unknown item",
                self.tax_clerk,
                INTAKE,
                intake_body(item="NO-SUCH"),
                400,
                "item_unknown",
                "No published service item has the code NO-SUCH here.",
            ),
            (
                "materials of another item",
                self.tax_clerk,
                INTAKE,
                intake_body(materials=[material(7)]),
                400,
                "material_not_of_item",
                "Material no. 7 is not on the list of “注销税务登记”.",
            ),
            (
                "action not allowed in this state",
                self.handler,
                act.format("resume"),
                {"expected_version": version},
                400,
                "not_allowed_in_state",
                "“Resume” is not possible while the case is “In progress”.",
            ),
            (
                "stale version",
                self.handler,
                act.format("approve"),
                {"expected_version": version - 1},
                409,
                "stale",
                "Someone else changed this case",
            ),
            (
                "missing required field",
                self.tax_clerk,
                INTAKE,
                {k: v for k, v in intake_body().items() if k != "outcome"},
                400,
                "invalid",
                "This field is required.",
            ),
            (
                "wrong type",
                self.handler,
                act.format("approve"),
                {"expected_version": "yesterday"},
                400,
                "invalid",
                "A valid integer is required.",
            ),
            (
                "list where an object belongs",
                self.tax_clerk,
                INTAKE,
                intake_body(materials="all of them"),
                400,
                "invalid",
                'Expected a list of items but got type "str".',
            ),
            (
                "bad enum value",
                self.tax_clerk,
                INTAKE,
                intake_body(channel="fax"),
                400,
                "invalid",
                '"fax" is not a valid choice.',
            ),
            (
                "unknown action",
                self.handler,
                act.format("explode"),
                {"expected_version": version},
                400,
                "unknown_action",
                "There is no such action.",
            ),
            (
                "defect without reason",
                self.tax_clerk,
                INTAKE,
                intake_body(materials=[material(1, defective=True)]),
                400,
                "defect_needs_reason",
                "Say what is wrong with “注销税务登记申请表”.",
            ),
            (
                "post of another organisation",
                self.handler,
                act.format("forward"),
                {"expected_version": version, "post": "U-P1"},
                400,
                "forward_target",
                "Forward to a post or a person of this organisation.",
            ),
            (
                "person of another organisation",
                self.handler,
                act.format("forward"),
                {"expected_version": version, "assignee": "uni_clerk"},
                400,
                "forward_target",
                "Forward to a post or a person of this organisation.",
            ),
            (
                "another organisation's case",
                self.uni_admin,
                act.format("approve"),
                {"expected_version": version},
                404,
                "not_found",
                "Not found.",
            ),
            (
                "no permission: a clerk approving",
                self.tax_clerk,
                act.format("approve"),
                {"expected_version": version},
                403,
                "no_permission",
                "Your roles here do not allow “Approve and pass on”.",
            ),
            (
                "not on the step",
                self.outsider,
                act.format("approve"),
                {"expected_version": version},
                403,
                "not_on_step",
                "The step “审核” is with 后台审核岗",
            ),
        ]

    def test_each_refusal_is_explained_and_writes_nothing(self) -> None:
        for name, user, url, body, status, code, message in self._refusals():
            with self.subTest(name):
                before = self._counts()
                response = self.client_of(user).post(
                    url, body, format="json", HTTP_ACCEPT_LANGUAGE="en"
                )
                self.assertEqual(response.status_code, status, response.data)
                error = response.json()["errors"][0]
                self.assertEqual(error["code"], code)
                self.assertIn(message, error["message"])
                self.assertEqual(self._counts(), before)
                self.case.refresh_from_db()
                self.assertEqual(self.case.lock_version, 1)

    def test_malformed_bodies_are_refused_never_crash(self) -> None:
        act = self.case_url(self.case, "actions/{}/")
        v = {"expected_version": 1}
        bodies = [
            (INTAKE, [1, 2]),
            (INTAKE, intake_body(applicant=None)),
            (INTAKE, intake_body(applicant="王会计")),
            (INTAKE, intake_body(materials=[None])),
            (INTAKE, intake_body(materials=[{**material(1), "position": "first"}])),
            (INTAKE, intake_body(materials=[material(1, count=10**9)])),
            (INTAKE, intake_body(outcome="maybe")),
            (INTAKE, intake_body(decision=[])),
            (INTAKE, intake_body(item="X" * 500)),
            (INTAKE, intake_body(pickup_way="drone")),
            (INTAKE, intake_body(outcome="notice")),
            (INTAKE, intake_body(outcome="rejected")),
            (
                self.case_url(self.case, "supplement/"),
                {**v, "materials": [], "outcome": "accepted"},
            ),
            (act.format("return"), {**v, "to_position": "one"}),
            (act.format("return"), {**v, "to_position": 5, "comment": "x"}),
            (act.format("suspend"), {**v, "reason": "lunch"}),
            (act.format("extend_request"), {**v, "days": 10**12, "reason": "x"}),
            (act.format("extend_approve"), v),
            (act.format("forward"), v),
            (act.format("forward"), {**v, "post": {"code": "T-REVIEW"}}),
            (act.format("request_info"), v),
            (act.format("hand_over"), {**v, "way": "mail"}),
            (act.format("supplement"), v),
            (act.format("approve"), {"expected_version": None}),
            (act.format("approve"), {"expected_version": 10**40}),
        ]
        client = self.client_of(self.tax_supervisor)
        for url, body in bodies:
            with self.subTest(url=url, body=body):
                before = self._counts()
                response = client.post(url, body, format="json")
                self.assertIn(response.status_code, (400, 409), response.data)
                self.assertTrue(response.json()["errors"][0]["message"])
                self.assertEqual(self._counts(), before)

    def test_a_body_that_is_not_json_is_refused(self) -> None:
        client = self.client_of(self.tax_clerk)
        broken = client.post(INTAKE, "{", content_type="application/json")
        form = client.post(INTAKE, {"item": "DJ-ZX"})
        self.assertEqual(
            (broken.status_code, broken.json()["errors"][0]["code"]),
            (400, "parse_error"),
        )
        self.assertEqual(form.status_code, 415)

    def test_validation_errors_name_the_field_path(self) -> None:
        body = intake_body(materials=[material(1, count="many")])
        response = self.client_of(self.tax_clerk).post(
            INTAKE, body, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(
            response.json()["errors"],
            [
                {
                    "code": "invalid",
                    "field": "materials.0.count",
                    "message": "A valid integer is required.",
                }
            ],
        )

    def test_service_errors_name_the_body_field(self) -> None:
        applicant = {**asdict(APPLICANT), "phone": "12345"}
        response = self.client_of(self.tax_clerk).post(
            INTAKE, intake_body(applicant=applicant), format="json"
        )
        error = response.json()["errors"][0]
        self.assertEqual(
            (error["code"], error["field"]), ("phone_invalid", "applicant.phone")
        )

    def test_messages_are_in_chinese_by_default(self) -> None:
        clerk = self.client_of(self.tax_clerk)
        unknown = clerk.post(INTAKE, intake_body(item="NO-SUCH"), format="json")
        self.assertEqual(
            unknown.json()["errors"][0]["message"],
            "本单位没有编码为 NO-SUCH 的公开服务事项。",
        )
        approving = clerk.post(
            self.case_url(self.case, "actions/approve/"),
            {"expected_version": 1},
            format="json",
        )
        self.assertIn("审批", approving.json()["errors"][0]["message"])

    def test_an_unknown_case_is_not_found(self) -> None:
        response = self.client_of(self.handler).get("/api/v1/cases/TAX000/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["errors"][0]["code"], "not_found")

    def test_a_caller_without_credentials_is_refused_in_the_same_shape(self) -> None:
        response = APIClient().get(self.case_url(self.case))
        self.assertIn(response.status_code, (401, 403))
        self.assertEqual(response.json()["errors"][0]["code"], "not_authenticated")

    def _counts(self) -> tuple[int, int, int]:
        return (
            Case.objects.count(),
            CaseEvent.objects.count(),
            CaseDocument.objects.count(),
        )


@time_machine.travel(at("2026-09-29 10:00"), tick=False)
class ReadingTests(CasesApiTestCase):
    def setUp(self) -> None:
        self.case = self.accepted_case()

    def test_the_case_shows_the_applicants_id_and_phone_masked_only(self) -> None:
        response = self.client_of(self.handler).get(self.case_url(self.case))
        applicant = response.data["applicant"]
        self.assertEqual(
            (applicant["id_number"], applicant["phone"]),
            ("913501********0Y43", "138****5678"),
        )
        body = response.content.decode()
        self.assertNotIn(APPLICANT.id_number, body)
        self.assertNotIn(APPLICANT.phone, body)

    def test_the_case_offers_the_caller_only_what_they_may_do(self) -> None:
        handler = self.client_of(self.handler).get(self.case_url(self.case)).data
        clerk = self.client_of(self.tax_clerk).get(self.case_url(self.case)).data
        self.assertIn("approve", handler["allowed_actions"])
        self.assertNotIn("complete", handler["allowed_actions"])  # a step remains
        self.assertEqual(clerk["allowed_actions"], ["withdraw"])
        self.assertEqual(
            (handler["lock_version"], handler["clocks"]["colour"]), (1, "green")
        )
        self.assertEqual(
            [(m["position"], m["received"]) for m in handler["materials"]],
            [(1, True), (2, True), (3, True)],
        )
        self.assertEqual([s["name"] for s in handler["steps"]], ["审核"])

    def test_my_work_lists_the_case_on_my_post(self) -> None:
        rows = self.client_of(self.handler).get("/api/v1/cases/mine/").data["results"]
        self.assertEqual(
            [(r["number"], r["current_step"], r["colour"]) for r in rows],
            [(self.case.number, "审核", "green")],
        )
        elsewhere = self.client_of(self.outsider).get("/api/v1/cases/mine/")
        self.assertEqual(elsewhere.data["results"], [])

    def test_the_session_works_as_well_as_the_token(self) -> None:
        client = APIClient()
        client.force_login(self.handler)
        self.assertEqual(client.get(self.case_url(self.case)).status_code, 200)

    def test_naming_another_organisation_is_not_found(self) -> None:
        response = self.client_of(self.handler).get(
            self.case_url(self.case), {"organisation": self.uni.pk}
        )
        self.assertEqual(response.status_code, 404)

    def test_a_citizen_cannot_read_cases(self) -> None:
        response = self.client_of(self.citizen).get(self.case_url(self.case))
        self.assertEqual(response.status_code, 404)


class SchemaTests(CasesApiTestCase):
    def test_the_openapi_schema_describes_the_cases_endpoints(self) -> None:
        schema = self.client.get("/api/schema/", {"format": "json"}).json()
        for path in (
            "/api/v1/cases/intake/",
            "/api/v1/cases/mine/",
            "/api/v1/cases/{number}/",
            "/api/v1/cases/{number}/supplement/",
            "/api/v1/cases/{number}/actions/{action}/",
        ):
            with self.subTest(path):
                self.assertIn(path, schema["paths"])
        components = schema["components"]["schemas"]
        self.assertLessEqual(
            {"item", "applicant", "materials", "outcome", "decision"},
            set(components["IntakeIn"]["properties"]),
        )
        self.assertIn("timeline", components["Case"]["properties"])
        self.assertIn("errors", components["Errors"]["properties"])
