"""Browser: issue 8's story, from an incomplete order to the bill for a fourth visit.

The administrator of the university's logistics centre signs a local service
contract (three one-day on-site visits a year) and enters the rate card
(lodging 120, meals 60, labour 550 yuan per person per day); the planner
lists the air-conditioner (3 + 2 working days' lead time) and the
technician. Sales enters an order under the contract and leaves the contact
person out: the page names it and keeps nothing. Completed, the order shows
its earliest delivery date (Thursday 5 November 2026 + 5 working days:
Thursday 12th). The planner agrees Friday 13th, marks the goods ready, agrees
a 09:00–11:00 window and plans the day: the technician's route shows the
job. On the phone-sized page the technician records the work and the
customer signs on the canvas; the customer's contract page then shows one of
three on-site visits used. Three more visits are signed; the fourth, by two
technicians who paid 88.80 yuan in fares, is beyond the contract and its bill
is the rate card's figures: fares at cost + 2 × 1 day × each daily rate.
"""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal

import time_machine
from django.test import override_settings

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_organisation, make_user
from onestop.fieldservice.models import JobStatus, Order, OrderStatus, ServiceRecord
from onestop.fieldservice.testing import line, order_fields
from onestop.organisations.models import OrganisationKind
from onestop.organisations.services import membership_grant

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CONTRACT = "HT-2026-001"
CUSTOMER = order_fields()["customer"]
RATES = {"lodging": "120.00", "meals": "60.00", "labour": "550.00"}
DAY = "2026-11-13"


class OrderToBillTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=self.media)
        media.enable()
        self.addCleanup(media.disable)
        self.uni = make_organisation(
            slug="hust",
            code="HQ",
            name="大学后勤服务中心",
            kind=OrganisationKind.LOGISTICS,
        )
        self.users = {}
        for username, name, role in (
            ("fs_admin", "周主任", "administrator"),
            ("fs_sales", "林晓", "clerk"),
            ("fs_planner", "陈静", "supervisor"),
            ("fs_tech", "李德福", "technician"),
        ):
            self.users[username] = make_user(username, first_name=name)
            membership_grant(
                actor=None,
                organisation=self.uni,
                user=self.users[username],
                roles=[role],
            )

    def test_from_an_incomplete_order_to_the_bill_of_the_fourth_visit(self) -> None:
        with time_machine.travel("2026-11-05 09:00 +0800", tick=False):
            self.switch_to("fs_admin")
            public = self.sign_the_contract_and_the_rate_card()
            self.switch_to("fs_planner")
            self.list_the_product_and_the_technician()
            self.switch_to("fs_sales")
            order = self.enter_the_order()
            self.switch_to("fs_planner")
            self.agree_and_dispatch(order, [("09:00", "11:00")])
            self.switch_to("fs_tech")
            self.sign_on_the_phone()
            self.check_the_signed_record(order)
            self.as_the_customer(public, used="1", remaining="2")
            self.switch_to("fs_planner")
            more = [("11:00", "12:00"), ("13:00", "14:00"), ("15:00", "16:00")]
            self.agree_and_dispatch(order, more)
            self.switch_to("fs_tech")
            self.sign_on_the_phone()
            self.sign_on_the_phone()
            self.sign_on_the_phone(people="2", fares="88.80")
            self.as_the_customer(public, used="3", remaining="0")
            self.switch_to("fs_sales")
            self.check_the_bill()

    def switch_to(self, username: str) -> None:
        self.context.clear_cookies()
        self.page.set_viewport_size(DESKTOP)
        self.sign_in(username, PASSWORD)

    def submit(self, selector: str = "form.fs-form button[type=submit]") -> None:
        with self.page.expect_navigation():
            self.page.click(selector)

    def sign_the_contract_and_the_rate_card(self) -> str:
        page = self.page
        page.goto(self.url("/staff/service-contracts/new/"))
        page.fill("#id_number", CONTRACT)
        page.fill("#id_customer_name", CUSTOMER)
        page.fill("#id_system", "中央空调")
        page.select_option("#id_location", "local")
        page.fill("#id_start_date", "2026-03-01")
        self.submit("section.card button[type=submit]")
        public = page.locator("#public-link").get_attribute("href")
        assert public is not None
        page.goto(self.url("/staff/service-contracts/rate-cards/"))
        page.fill("#id_valid_from", "2026-01-01")
        for name, value in RATES.items():
            page.fill(f"#id_{name}", value)
        page.fill("#id_development", "1000")
        self.submit("section.card button[type=submit]")
        self.assertIn("550.00", page.inner_text("table.grid"))
        return public

    def list_the_product_and_the_technician(self) -> None:
        page = self.page
        page.goto(self.url("/staff/field/products/new/"))
        for name, value in (
            ("name", "壁挂式空调"),
            ("model", "KFR-35GW"),
            ("unit", "台"),
            ("procurement_days", "3"),
            ("production_days", "2"),
        ):
            page.fill(f"#id_{name}", value)
        self.submit()
        page.locator('#products tr[data-product="KFR-35GW"]').wait_for()
        page.click("#nav-technicians")
        page.click("#technician-new")
        page.fill("#id_name", "李德福")
        page.select_option("#id_user", str(self.users["fs_tech"].pk))
        page.fill("#id_home_latitude", "30.50")
        page.fill("#id_home_longitude", "114.40")
        page.fill("#id_shift_start", "08:00")
        page.fill("#id_shift_end", "18:00")
        self.submit()
        self.assertIn("李德福", page.inner_text("#technicians"))

    def enter_the_order(self) -> Order:
        page = self.page
        page.goto(self.url("/staff/field/orders/new/"))
        for name, value in order_fields(contact_person="").items():
            if name != "special_requirements":
                page.fill(f"#id_{name}", value)
        page.fill("#id_contract_number", CONTRACT)
        for name, value in line().items():
            page.fill(f"#id_line1_{name}", value)
        self.submit()
        page.locator('#order-problems li[data-field="contact_person"]').wait_for()
        self.assertEqual(page.locator("#order-problems li").count(), 1)
        self.assertFalse(Order.objects.exists())
        page.fill("#id_contact_person", "张老师")
        self.submit()
        self.assertEqual(page.inner_text("#earliest"), "2026-11-12")
        return Order.objects.get()

    def agree_and_dispatch(self, order: Order, windows: list[tuple[str, str]]) -> None:
        page = self.page
        page.goto(self.url(f"/staff/field/orders/{order.pk}/"))
        if page.locator("#agree-form").count():
            page.fill("#agree-form input[name=day]", DAY)
            self.submit("#agree-form button")
            self.assertEqual(page.inner_text("#agreed"), DAY)
            self.submit("#goods-ready")
        for start, end in windows:
            page.fill("#book-form input[name=day]", DAY)
            page.fill("#book-form input[name=window_start]", start)
            page.fill("#book-form input[name=window_end]", end)
            self.submit("#book-form button")
        page.goto(self.url(f"/staff/field/dispatch/?day={DAY}"))
        self.submit("#plan-form button")
        route = page.locator('section[data-technician="李德福"]')
        for start, _end in windows:
            self.assertIn(start, route.inner_text())
        self.assertIn(order.number, route.inner_text())

    def sign_on_the_phone(self, *, people: str = "1", fares: str = "0") -> None:
        page = self.page
        page.set_viewport_size(PHONE)
        page.goto(self.url(f"/staff/field/my-jobs/?day={DAY}"))
        page.click(".fs-jobs li:not(:has([data-status=done])) a.button")
        page.fill("#id_work_done", "安装空调，试机制冷正常")
        page.fill("#id_parts", "铜管 3 米")
        page.select_option("#id_people", people)
        page.fill("#id_travel_cost", fares)
        page.fill("#id_customer_name", "张老师")
        page.select_option("#id_satisfaction", "5")
        pad = page.locator("#signature-pad")
        pad.scroll_into_view_if_needed()
        box = pad.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + 20, box["y"] + 60)
        page.mouse.down()
        for step in range(1, 12):
            page.mouse.move(box["x"] + 20 + 25 * step, box["y"] + 60 + (step % 3) * 20)
        page.mouse.up()
        self.submit("#record-form button[type=submit]")
        problems = page.locator(".fs-problems")
        self.assertEqual(problems.count(), 0, problems.all_inner_texts())
        page.locator("#signed-record").wait_for()

    def check_the_signed_record(self, order: Order) -> None:
        # The signature is served by its own request: wait until the image has
        # loaded (a broken image never gets a width, and the wait times out).
        self.page.wait_for_function(
            "() => { const img = document.querySelector('#signature-image');"
            " return img !== null && img.complete && img.naturalWidth > 0; }",
        )
        record = ServiceRecord.objects.get(job__order=order)
        self.assertEqual(record.signature.read()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(record.signature.size, 500)  # strokes, not a blank canvas
        self.assertEqual(record.job.status, JobStatus.DONE)
        order.refresh_from_db()
        self.assertEqual(order.status, OrderStatus.DELIVERED)

    def as_the_customer(self, public: str, *, used: str, remaining: str) -> None:
        self.context.clear_cookies()
        self.page.set_viewport_size(DESKTOP)
        self.page.goto(self.url(public))
        row = self.page.locator("#entitlements tr[data-kind=visit]")
        self.assertEqual(row.locator(".used").inner_text(), used)
        self.assertEqual(row.locator(".remaining").inner_text(), remaining)

    def check_the_bill(self) -> None:
        page = self.page
        page.goto(self.url("/staff/service-contracts/"))
        page.click(f"text={CONTRACT}")
        bills = page.locator("#requests a.bill-link")
        self.assertEqual(bills.count(), 1)  # only the fourth visit
        with page.expect_navigation():
            bills.first.click()
        people, days = 2, 1
        fares = Decimal("88.80")
        expected = [fares] + [
            Decimal(RATES[name]) * people * days
            for name in ("lodging", "meals", "labour")
        ]
        amounts = [Decimal(a) for a in page.locator(".lines .amount").all_inner_texts()]
        self.assertEqual(amounts, expected)
        self.assertEqual(
            page.locator(".lines .working").all_inner_texts(),
            [
                "88.80 = 88.80",
                "2 × 1 × 120.00 = 240.00",
                "2 × 1 × 60.00 = 120.00",
                "2 × 1 × 550.00 = 1100.00",
            ],
        )
        self.assertEqual(
            Decimal(page.inner_text(".lines .total")), sum(expected, Decimal(0))
        )
