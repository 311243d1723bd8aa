"""The pages: who may see what, one organisation at a time, a technician only
their own jobs, the figures as SVG and Excel."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from onestop.common.testing import make_user
from onestop.fieldservice import services
from onestop.fieldservice.models import Order, ServiceRecord
from onestop.fieldservice.testing import PNG_1PX, line, order_fields
from onestop.fieldservice.tests.test_jobs import DAY, FieldTestCase
from onestop.organisations.services import membership_grant


class OrderPageTests(FieldTestCase):
    def test_a_missing_field_is_named_on_the_page_and_nothing_saved(self) -> None:
        self.login(self.uni_clerk)
        data = {**order_fields(contact_person=""), "order_date": "2026-11-05"}
        data.update({f"line1_{k}": v for k, v in line().items()})
        before = Order.objects.count()
        response = self.client.post(reverse("staff:fs_order_new"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-field="contact_person"')
        self.assertEqual(Order.objects.count(), before)

    def test_a_complete_order_is_saved_from_the_page(self) -> None:
        self.login(self.uni_clerk)
        data = order_fields(customer="东区食堂")
        data.update({f"line1_{k}": v for k, v in line().items()})
        response = self.client.post(reverse("staff:fs_order_new"), data)
        order = Order.objects.get(customer="东区食堂")
        self.assertRedirects(response, reverse("staff:fs_order", args=[order.pk]))

    def test_the_list_masks_the_phone(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:fs_orders"))
        self.assertContains(response, "138****5678")
        self.assertNotContains(response, "13812345678")

    def test_another_organisation_gets_404_on_every_object(self) -> None:
        job = self.book()
        incident = services.incident_report(
            order=self.order, actor=None, kind="damage", description="划痕"
        )
        self.login(self.tax_admin)
        for name, pk in (
            ("staff:fs_order", self.order.pk),
            ("staff:fs_job_record", job.pk),
            ("staff:fs_signature", job.pk),
        ):
            with self.subTest(name):
                self.assertEqual(
                    self.client.get(reverse(name, args=[pk])).status_code, 404
                )
        for name, pk in (
            ("staff:fs_order_agree", self.order.pk),
            ("staff:fs_job_late", job.pk),
            ("staff:fs_incident_close", incident.pk),
        ):
            with self.subTest(name):
                response = self.client.post(reverse(name, args=[pk]), {"eta": "12:00"})
                self.assertEqual(response.status_code, 404)
        self.assertNotContains(
            self.client.get(reverse("staff:fs_orders")), self.order.number
        )

    def test_a_clerk_may_not_dispatch(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(reverse("staff:fs_dispatch")).status_code, 403)

    def test_the_planner_agrees_a_date_on_the_page(self) -> None:
        order = services.order_create(
            organisation=self.uni, actor=None, fields=order_fields(), lines=[line()]
        )
        self.login(self.uni_supervisor)
        self.client.post(
            reverse("staff:fs_order_agree", args=[order.pk]), {"day": "2026-11-16"}
        )
        order.refresh_from_db()
        self.assertEqual(order.agreed_date.isoformat(), "2026-11-16")


class TechnicianSeesOwnJobsTests(FieldTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.other_user = make_user("provider_tech", first_name="赵")
        membership_grant(
            actor=None, organisation=self.uni, user=self.other_user, roles=["provider"]
        )
        from onestop.fieldservice.testing import make_technician

        self.other = make_technician(self.uni, self.other_user, "赵师傅")
        self.mine = self.book(9, 11)
        self.theirs = self.book(14, 16)
        self.mine.technician, self.theirs.technician = self.tech, self.other
        self.mine.save()
        self.theirs.save()

    def test_a_providers_technician_lists_only_their_own_jobs(self) -> None:
        self.login(self.other_user)
        response = self.client.get(
            reverse("staff:fs_my_jobs"), {"day": DAY.isoformat()}
        )
        self.assertContains(response, f'data-job="{self.theirs.pk}"')
        self.assertNotContains(response, f'data-job="{self.mine.pk}"')
        for name in ("staff:fs_job_record", "staff:fs_signature"):
            with self.subTest(name):
                url = reverse(name, args=[self.mine.pk])
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_technician_gets_404_on_someone_elses_job(self) -> None:
        self.login(self.uni_technician)
        for name in ("staff:fs_job_record", "staff:fs_signature"):
            with self.subTest(name):
                url = reverse(name, args=[self.theirs.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(
            reverse("staff:fs_job_late", args=[self.theirs.pk]), {"eta": "15:00"}
        )
        self.assertEqual(response.status_code, 404)

    def test_a_technician_may_not_open_orders_or_dispatch(self) -> None:
        self.login(self.uni_technician)
        self.assertEqual(self.client.get(reverse("staff:fs_orders")).status_code, 403)
        self.assertEqual(self.client.get(reverse("staff:fs_dispatch")).status_code, 403)

    def test_the_technician_signs_on_the_phone_page(self) -> None:
        self.login(self.uni_technician)
        url = reverse("staff:fs_job_record", args=[self.mine.pk])
        response = self.client.post(
            url,
            {
                "work_done": "安装并试机",
                "customer_name": "张老师",
                "satisfaction": "5",
                "resolved": "on",
                "signature": PNG_1PX,
            },
        )
        self.assertRedirects(response, url)
        signature = self.client.get(reverse("staff:fs_signature", args=[self.mine.pk]))
        self.assertEqual(signature["Content-Type"], "image/png")
        self.assertEqual(b"".join(signature.streaming_content)[:4], b"\x89PNG")


class PlannerReadsTheRecordTests(FieldTestCase):
    def test_a_planner_reads_the_signed_record_but_may_not_sign(self) -> None:
        job = self.book()
        self.login(self.uni_supervisor)
        url = reverse("staff:fs_job_record", args=[job.pk])
        unsigned = self.client.get(url)
        self.assertContains(unsigned, 'id="not-signed"')
        self.assertNotContains(unsigned, 'id="record-form"')
        response = self.client.post(url, {"work_done": "x", "signature": PNG_1PX})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ServiceRecord.objects.exists())
        self.sign(job)
        self.assertContains(self.client.get(url), 'id="signed-record"')


class FigureTests(FieldTestCase):
    def test_figures_count_on_time_first_visit_fix_and_km(self) -> None:
        job = self.book(9, 11)
        services.dispatch_plan_day(organisation=self.uni, actor=None, day=DAY)
        job.refresh_from_db()
        self.sign(job)  # signed "now", after the agreed day: late
        second = self.book(14, 16)
        second.technician = self.tech
        second.save()
        self.sign(second, resolved=False)
        self.login(self.uni_supervisor)
        params = {"start": "2026-11-01", "end": "2026-11-30"}
        response = self.client.get(reverse("staff:fs_figures"), params)
        row = response.context["rows"][0]
        self.assertEqual((row.delivered, row.on_time), (1, 0))
        self.assertEqual((row.first_visits, row.first_visit_fixed), (1, 1))
        self.assertEqual((row.jobs_done, row.technician_days), (2, 1))
        self.assertGreater(row.route_km, 0)
        self.assertContains(response, "<svg", count=4)
        excel = self.client.get(reverse("staff:fs_figures_excel"), params)
        sheet = load_workbook(io.BytesIO(excel.content)).active
        self.assertEqual(sheet["A2"].value, "2026-11")
        self.assertEqual(sheet["H2"].value, 2)

    def test_the_dispatch_board_shows_a_table_per_technician(self) -> None:
        self.book(9, 11)
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:fs_dispatch"), {"day": DAY.isoformat()}, follow=True
        )
        self.assertContains(response, 'data-technician="王师傅"')
        self.assertContains(response, "09:00")

    def test_date_inputs_carry_iso_dates_the_browser_accepts(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:fs_dispatch"), {"day": "2026-11-13"})
        self.assertContains(response, 'value="2026-11-13"')
