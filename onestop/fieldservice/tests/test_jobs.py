"""Appointments, dispatch, the late warning, replacements and the signed record."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, time
from decimal import Decimal
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.testing import OneStopTestCase
from onestop.fieldservice import services
from onestop.fieldservice.models import (
    IncidentKind,
    JobKind,
    JobStatus,
    OrderStatus,
    ServiceRecord,
)
from onestop.fieldservice.testing import (
    PNG_1PX,
    make_order,
    make_product,
    make_technician,
)
from onestop.notifications.models import Channel, Notification

DAY = date(2026, 11, 13)


class FieldTestCase(OneStopTestCase):
    def setUp(self) -> None:
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=self.media)
        media.enable()
        self.addCleanup(media.disable)
        make_product(self.uni)
        self.order = make_order(self.uni)
        services.order_agree_date(order=self.order, actor=None, day=DAY)
        services.order_goods_ready(order=self.order, actor=None)
        self.tech = make_technician(self.uni, self.uni_technician)

    def book(self, start: int = 9, end: int = 11, **kw: object):  # type: ignore[no-untyped-def]
        return services.job_book(
            order=self.order,
            actor=None,
            day=DAY,
            window_start=time(start),
            window_end=time(end),
            **kw,  # type: ignore[arg-type]
        )

    def sign(self, job, **overrides: object) -> ServiceRecord:  # type: ignore[no-untyped-def]
        values = {
            "work_done": "安装两台空调并试机",
            "parts": "铜管 3 米",
            "resolved": True,
            "customer_name": "张老师",
            "signature": PNG_1PX,
            "satisfaction": 5,
        }
        values.update(overrides)
        return services.record_sign(job=job, actor=self.uni_technician, **values)  # type: ignore[arg-type]


class DispatchTests(FieldTestCase):
    def test_the_plan_assigns_the_job_inside_its_window_and_counts_km(self) -> None:
        job = self.book(10, 12)
        plan = services.dispatch_plan_day(organisation=self.uni, actor=None, day=DAY)
        job.refresh_from_db()
        self.assertEqual(job.technician, self.tech)
        self.assertEqual(job.sequence, 1)
        self.assertEqual(job.planned_start.astimezone().time(), time(10))
        self.assertGreater(plan.total_km, 0)
        self.assertEqual(plan.routes.get().km, plan.total_km)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, OrderStatus.DISPATCHED)

    def test_a_job_needing_a_skill_nobody_has_stays_unassigned(self) -> None:
        job = self.book()
        job.skill = "电梯"
        job.save()
        plan = services.dispatch_plan_day(organisation=self.uni, actor=None, day=DAY)
        job.refresh_from_db()
        self.assertIsNone(job.technician)
        self.assertEqual(plan.unassigned, 1)

    def test_a_day_without_jobs_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            services.dispatch_plan_day(organisation=self.uni, actor=None, day=DAY)
        self.assertEqual(caught.exception.code.code, "no_jobs")

    def test_an_empty_window_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            self.book(11, 9)
        self.assertEqual(caught.exception.field, "window_end")


class ConfirmAndLateTests(FieldTestCase):
    def test_the_confirmation_call_is_recorded(self) -> None:
        job = self.book()
        script = services.confirmation_script(job)
        self.assertIn("KFR-35GW", script)
        self.assertIn(self.order.address, script)
        services.job_confirm(job=job, actor=None, note=script)
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.CONFIRMED)
        self.assertEqual(job.confirmation_note, script)

    def test_a_late_technician_sends_the_customer_an_sms_with_the_new_eta(self) -> None:
        from onestop.notifications.sms import LocmemBackend

        LocmemBackend.outbox.clear()
        job = self.book()
        services.dispatch_plan_day(organisation=self.uni, actor=None, day=DAY)
        job.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            sms = services.job_warn_late(job=job, actor=None, eta=time(11, 40))
        self.assertEqual(sms.channel, Channel.SMS)
        self.assertEqual(sms.recipient, "138****5678")
        self.assertIn("11:40", sms.body)
        self.assertEqual(LocmemBackend.outbox[-1]["to"], "13812345678")
        job.refresh_from_db()
        self.assertIsNotNone(job.eta_warned_at)

    def test_an_unassigned_job_cannot_warn(self) -> None:
        with self.assertRaises(ServiceError):
            services.job_warn_late(job=self.book(), actor=None, eta=time(12))
        self.assertFalse(Notification.objects.filter(channel=Channel.SMS).exists())


class RecordTests(FieldTestCase):
    def test_signing_closes_the_job_and_delivers_the_order(self) -> None:
        job = self.book()
        photo = SimpleUploadedFile("site.png", b"\x89PNG\r\n\x1a\n0000", "image/png")
        record = self.sign(job, photos=[photo])
        job.refresh_from_db()
        self.order.refresh_from_db()
        self.assertEqual(job.status, JobStatus.DONE)
        self.assertEqual(self.order.status, OrderStatus.DELIVERED)
        self.assertEqual(record.signature.read()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(record.photos.get().content_type, "image/png")

    def test_without_a_signature_nothing_is_kept(self) -> None:
        job = self.book()
        with self.assertRaises((ServiceError, ServiceErrors)) as caught:
            self.sign(job, signature="", satisfaction=None, customer_name="")
        errors = caught.exception.errors  # type: ignore[union-attr]
        self.assertEqual(
            {e.field for e in errors}, {"signature", "satisfaction", "customer_name"}
        )
        self.assertFalse(ServiceRecord.objects.exists())
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.BOOKED)

    def test_a_renamed_executable_photo_is_refused(self) -> None:
        job = self.book()
        bad = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00", "image/jpeg")
        with self.assertRaises(ServiceError) as caught:
            self.sign(job, photos=[bad])
        self.assertEqual(caught.exception.code.code, "file_type")

    def test_a_job_cannot_close_without_its_record(self) -> None:
        job = self.book()
        with self.assertRaises(ServiceError) as caught:
            services.job_close(job=job, actor=None)
        self.assertEqual(caught.exception.code.code, "no_record")
        self.sign(job)
        self.assertEqual(services.job_close(job=job, actor=None), job)

    def test_service_contracts_hear_of_each_signed_visit(self) -> None:
        job = self.book()
        hook = mock.Mock()
        module = mock.Mock(visit_record=hook)
        with mock.patch.dict(
            "sys.modules", {"onestop.servicecontracts.services": module}
        ):
            self.sign(job)
        hook.assert_called_once_with(job=job)

    def test_a_refusal_from_service_contracts_keeps_nothing(self) -> None:
        job = self.book()
        module = mock.Mock(visit_record=mock.Mock(side_effect=RuntimeError("boom")))
        with (
            mock.patch.dict(
                "sys.modules", {"onestop.servicecontracts.services": module}
            ),
            self.assertRaises(RuntimeError),
        ):
            self.sign(job)
        self.assertFalse(ServiceRecord.objects.exists())


class IncidentTests(FieldTestCase):
    def test_an_incident_is_driven_to_closure_before_the_order_closes(self) -> None:
        job = self.book()
        self.sign(job)
        incident = services.incident_report(
            order=self.order,
            actor=None,
            kind=IncidentKind.DAMAGE,
            description="外机面板有划痕",
        )
        with self.assertRaises(ServiceError) as caught:
            services.order_close(order=self.order, actor=None)
        self.assertEqual(caught.exception.code.code, "open_incidents")
        replacement = services.incident_replace(
            incident=incident,
            actor=None,
            day=date(2026, 11, 16),
            window_start=time(14),
            window_end=time(16),
        )
        self.assertEqual(replacement.kind, JobKind.REPLACEMENT)
        self.assertEqual(replacement.incident, incident)
        self.sign(replacement, work_done="收回原机，更换新机")
        services.incident_close(incident=incident, actor=None, resolution="已换新机")
        services.order_close(order=self.order, actor=None)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, OrderStatus.CLOSED)

    def test_closing_needs_a_resolution(self) -> None:
        incident = services.incident_report(
            order=self.order,
            actor=None,
            kind=IncidentKind.CUSTOMER_ABSENT,
            description="无人",
        )
        with self.assertRaises(ServiceError) as caught:
            services.incident_close(incident=incident, actor=None, resolution=" ")
        self.assertEqual(caught.exception.field, "resolution")


class ServiceContractsHandOverTests(FieldTestCase):
    def test_a_signed_visit_reaches_service_contracts_once_with_its_reference(
        self,
    ) -> None:
        from onestop.servicecontracts.models import ServiceRequest

        job = self.book()
        self.sign(job, people=2, travel_cost=Decimal("36.50"))
        request = ServiceRequest.objects.get(reference=job.reference)
        self.assertEqual(request.customer_name, self.order.customer)
        self.assertEqual((request.people, request.travel_cost), (2, Decimal("36.50")))
        self.assertEqual(request.days, Decimal(1))
