"""Orders: complete or refused naming the field; lead times on the working-day
calendar; the date agreed; goods ready tell QC, installers and the warehouse."""

from __future__ import annotations

from datetime import date

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.fieldservice import services
from onestop.fieldservice.models import Order, OrderLine, OrderStatus
from onestop.fieldservice.testing import line, make_order, make_product, order_fields
from onestop.notifications.models import Notification


class OrderCompletenessTests(OneStopTestCase):
    def setUp(self) -> None:
        make_product(self.uni)

    def refused(self, fields: dict[str, str], lines: list[dict[str, str]]) -> list:
        with self.assertRaises((ServiceError, ServiceErrors)) as caught:
            services.order_create(
                organisation=self.uni, actor=None, fields=fields, lines=lines
            )
        error = caught.exception
        return error.errors if isinstance(error, ServiceErrors) else [error]

    def test_a_missing_phone_is_named_and_nothing_is_written(self) -> None:
        problems = self.refused(order_fields(phone=""), [line()])
        self.assertEqual([p.field for p in problems], ["phone"])
        self.assertIn("电话", problems[0].message)
        self.assertEqual(Order.objects.count(), 0)
        self.assertEqual(OrderLine.objects.count(), 0)

    def test_every_missing_or_invalid_field_is_named_at_once(self) -> None:
        problems = self.refused(
            order_fields(customer="", latitude="north", requested_date="2026-11-01"),
            [line(quantity="0"), line(model="NOPE-1")],
        )
        self.assertEqual(
            {p.field for p in problems},
            {
                "customer",
                "latitude",
                "requested_date",
                "line1_quantity",
                "line2_model",
            },
        )

    def test_an_order_without_lines_is_refused(self) -> None:
        problems = self.refused(order_fields(), [{}])
        self.assertEqual([p.code.code for p in problems], ["no_lines"])

    def test_a_complete_order_is_saved_with_decimal_amounts_and_audited(self) -> None:
        order = make_order(self.uni, self.uni_clerk)
        self.assertEqual(order.number, "HQ-D20261105-001")
        self.assertEqual(str(order.total), "5999.00")
        self.assertEqual(order.status, OrderStatus.RECEIVED)
        self.assertTrue(
            AuditEvent.objects.filter(verb="fieldservice.order_created").exists()
        )

    def test_the_phone_is_masked_on_the_order(self) -> None:
        self.assertEqual(make_order(self.uni).masked_phone, "138****5678")


class LeadTimeTests(OneStopTestCase):
    def test_earliest_date_counts_working_days_after_the_order_day(self) -> None:
        # 3 + 2 working days from Thursday 5 November 2026: Fri 6, Mon 9 … Thu 12.
        make_product(self.uni, procurement=3, production=2)
        self.assertEqual(make_order(self.uni).earliest_date, date(2026, 11, 12))

    def test_the_national_day_holiday_is_skipped(self) -> None:
        # 国务院办公厅 2026 notice: 1–7 October off; 29 Sep + 3 → 30 Sep, 8, 9 Oct.
        make_product(self.uni, procurement=3, production=0)
        order = make_order(
            self.uni, order_date="2026-09-29", requested_date="2026-10-09"
        )
        self.assertEqual(order.earliest_date, date(2026, 10, 9))

    def test_the_longest_line_decides(self) -> None:
        make_product(self.uni, "A-1", procurement=1, production=0)
        make_product(self.uni, "B-2", procurement=4, production=4)
        order = services.order_create(
            organisation=self.uni,
            actor=None,
            fields=order_fields(),
            lines=[line("A-1"), line("B-2")],
        )
        self.assertEqual(order.earliest_date, date(2026, 11, 17))


class AgreeAndReadyTests(OneStopTestCase):
    def setUp(self) -> None:
        make_product(self.uni)
        self.order = make_order(self.uni)

    def test_a_date_before_the_earliest_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.order_agree_date(
                order=self.order, actor=None, day=date(2026, 11, 11)
            )
        self.assertEqual(caught.exception.code.code, "before_earliest")
        self.order.refresh_from_db()
        self.assertIsNone(self.order.agreed_date)

    def test_a_weekend_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.order_agree_date(
                order=self.order, actor=None, day=date(2026, 11, 14)
            )
        self.assertEqual(caught.exception.code.code, "not_workday")

    def test_goods_ready_notifies_qc_installers_and_warehouse_only(self) -> None:
        for user in (self.uni_inspector, self.uni_technician, self.uni_clerk):
            user.email = f"{user.username}@example.edu.cn"
            user.save()
        services.order_agree_date(order=self.order, actor=None, day=date(2026, 11, 13))
        with self.captureOnCommitCallbacks(execute=True):
            sent = services.order_goods_ready(order=self.order, actor=None)
        self.assertEqual(
            sorted(n.recipient for n in sent),
            ["uni_inspector@example.edu.cn", "uni_technician@example.edu.cn"],
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, OrderStatus.READY)

    def test_goods_cannot_be_ready_before_a_date_is_agreed(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.order_goods_ready(order=self.order, actor=None)
        self.assertEqual(caught.exception.code.code, "not_allowed_in_state")
        self.assertFalse(Notification.objects.exists())
