"""A leaf bound to field service's on-site satisfaction (docs/quality.md)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, time

import time_machine
from django.test import override_settings

from onestop.common.testing import OneStopTestCase
from onestop.fieldservice import services as field
from onestop.fieldservice.testing import (
    PNG_1PX,
    make_order,
    make_product,
    make_technician,
)
from onestop.quality import services
from onestop.quality.models import BindingKind, Scheme, Source

DAY = date(2026, 11, 13)


class FieldSatisfactionLeafTests(OneStopTestCase):
    def setUp(self) -> None:
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)
        make_product(self.uni)
        self.order = make_order(self.uni)
        field.order_agree_date(order=self.order, actor=None, day=DAY)
        self.front = self.uni_structure["front"]
        self.tech = make_technician(self.uni, self.uni_technician)
        self.tech.department = self.front
        self.tech.save(update_fields=["department"])

    def signed(self, when: str, satisfaction: int) -> None:
        job = field.job_book(
            order=self.order,
            actor=None,
            day=DAY,
            window_start=time(9),
            window_end=time(11),
        )
        job.technician = self.tech
        job.save(update_fields=["technician"])
        with time_machine.travel(f"{when} +0800", tick=False):
            field.record_sign(
                job=job,
                actor=self.uni_technician,
                work_done="安装并试机",
                parts="",
                resolved=True,
                customer_name="张老师",
                signature=PNG_1PX,
                satisfaction=satisfaction,
            )

    def scheme(self) -> Scheme:
        scheme = services.scheme_create(
            actor=self.uni_admin,
            organisation=self.uni,
            purpose="monthly",
            name="上门服务质量",
            inner=(1.0, 0.0, 0.0),
            outer=(1.0, 0.0),
        )
        scheme, factor = services.factor_add(
            actor=self.uni_admin,
            scheme=scheme,
            source=Source.CUSTOMERS,
            key="qa-on-site",
            name="上门服务满意度",
            binding_kind=BindingKind.FIELD_SATISFACTION,
            binding_ref="whatever was typed",
            weight=1.0,
        )
        self.assertEqual(factor.binding_ref, "")
        return scheme

    def test_a_scheme_with_the_leaf_scores_the_signed_records_of_the_month(
        self,
    ) -> None:
        scheme = self.scheme()
        self.signed("2026-11-13 15:00", 5)
        self.signed("2026-11-20 10:00", 4)
        self.signed("2026-11-27 10:00", 2)
        self.signed("2026-12-01 09:00", 1)  # December: not counted
        with time_machine.travel("2026-12-02 09:00 +0800", tick=False):
            run = services.evaluation_compute(
                actor=self.uni_admin, scheme=scheme, month=date(2026, 11, 1)
            )
        whole = run.result["scopes"]["all"]
        # (5 + 4 + 2) / 3 = 11/3 on 1–5; (11/3 − 1) / 4 × 100 = 66.67.
        expected = (11 / 3 - 1) / 4 * 100
        self.assertAlmostEqual(whole["leaves"]["qa-on-site"]["score"], expected)
        self.assertEqual(whole["leaves"]["qa-on-site"]["count"], 3)
        self.assertAlmostEqual(whole["q_inner"], expected)
        front = run.result["scopes"][str(self.front.pk)]
        self.assertAlmostEqual(front["leaves"]["qa-on-site"]["score"], expected)
