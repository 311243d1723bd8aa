"""Browser: from an incomplete order to a customer's drawn signature (篇4).

Sales at the university's logistics centre enters an order for two
air-conditioners and leaves the contact person out: the page names it and
keeps nothing. Completed, the order shows its earliest delivery date (3 + 2
working days after Thursday 5 November 2026: Thursday 12th). The planner
agrees Friday 13th, marks the goods ready, agrees a 09:00–11:00 window with
the customer and plans the day's routes: the technician's table shows the
job. On the phone-sized page the technician records the work, the customer
types a name, draws a signature on the canvas and rates 5; the signed record
is shown with the signature as a PNG.
"""

from __future__ import annotations

import shutil
import tempfile

import time_machine
from django.test import override_settings

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_organisation, make_user
from onestop.fieldservice.models import JobStatus, Order, OrderStatus, ServiceRecord
from onestop.fieldservice.testing import (
    line,
    make_product,
    make_technician,
    order_fields,
)
from onestop.organisations.models import OrganisationKind
from onestop.organisations.services import membership_grant

PHONE = {"width": 390, "height": 844}


class OrderToSignatureTests(BrowserTestCase):
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
        users = {}
        for username, name, role in (
            ("fs_sales", "林晓", "clerk"),
            ("fs_planner", "陈静", "supervisor"),
            ("fs_tech", "李德福", "technician"),
        ):
            users[username] = make_user(username, first_name=name)
            membership_grant(
                actor=None, organisation=self.uni, user=users[username], roles=[role]
            )
        make_product(self.uni, "KFR-35GW", procurement=3, production=2)
        make_technician(self.uni, users["fs_tech"], "李德福")

    def test_sales_to_signature(self) -> None:
        with time_machine.travel("2026-11-05 09:00 +0800", tick=False):
            self.sign_in("fs_sales", PASSWORD)
            order = self.enter_the_order()
            self.switch_to("fs_planner")
            self.plan(order)
            self.switch_to("fs_tech")
            self.sign_on_the_phone(order)

    def switch_to(self, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username, PASSWORD)

    def enter_the_order(self) -> Order:
        page = self.page
        page.goto(self.url("/staff/field/orders/new/"))
        fields = order_fields(contact_person="")
        for name, value in fields.items():
            if name != "special_requirements":
                page.fill(f"#id_{name}", value)
        for name, value in line().items():
            page.fill(f"#id_line1_{name}", value)
        page.click("form.fs-form button[type=submit]")
        problem = page.locator('#order-problems li[data-field="contact_person"]')
        problem.wait_for()
        self.assertEqual(page.locator("#order-problems li").count(), 1)
        self.assertFalse(Order.objects.exists())
        page.fill("#id_contact_person", "张老师")
        page.click("form.fs-form button[type=submit]")
        page.wait_for_selector("#earliest")
        self.assertEqual(page.inner_text("#earliest"), "2026-11-12")
        return Order.objects.get()

    def plan(self, order: Order) -> None:
        page = self.page
        page.goto(self.url(f"/staff/field/orders/{order.pk}/"))
        page.fill("#agree-form input[name=day]", "2026-11-13")
        page.click("#agree-form button")
        page.wait_for_selector("#goods-ready")
        self.assertEqual(page.inner_text("#agreed"), "2026-11-13")
        page.click("#goods-ready")
        page.wait_for_selector("#book-form")
        page.fill("#book-form input[name=day]", "2026-11-13")
        page.fill("#book-form input[name=window_start]", "09:00")
        page.fill("#book-form input[name=window_end]", "11:00")
        page.click("#book-form button")
        page.wait_for_selector("#jobs tr[data-job]")
        page.goto(self.url("/staff/field/dispatch/?day=2026-11-13"))
        page.click("#plan-form button")
        route = page.locator('section[data-technician="李德福"]')
        route.wait_for()
        self.assertIn(order.number, route.inner_text())
        self.assertIn("09:00", route.inner_text())
        order.refresh_from_db()
        self.assertEqual(order.status, OrderStatus.DISPATCHED)

    def sign_on_the_phone(self, order: Order) -> None:
        page = self.page
        page.set_viewport_size(PHONE)
        page.goto(self.url("/staff/field/my-jobs/?day=2026-11-13"))
        page.click(".fs-jobs a.button")
        page.fill("#id_work_done", "安装两台空调，试机制冷正常")
        page.fill("#id_parts", "铜管 3 米")
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
        page.click("#record-form button[type=submit]")
        page.wait_for_selector("#signed-record, .fs-problems")
        problems = page.locator(".fs-problems")
        self.assertEqual(problems.count(), 0, problems.all_inner_texts())
        # The signature is served by its own request: wait until the image has
        # loaded (a broken image never gets a width, and the wait times out).
        page.wait_for_function(
            "() => { const img = document.querySelector('#signature-image');"
            " return img !== null && img.complete && img.naturalWidth > 0; }",
            timeout=15_000,
        )
        record = ServiceRecord.objects.get(job__order=order)
        self.assertEqual(record.signature.read()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(record.signature.size, 500)  # strokes, not a blank canvas
        self.assertEqual(record.job.status, JobStatus.DONE)
        order.refresh_from_db()
        self.assertEqual(order.status, OrderStatus.DELIVERED)
