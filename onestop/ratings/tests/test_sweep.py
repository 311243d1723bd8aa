"""Overdue rectifications are escalated to the supervisors once, with an event."""

from __future__ import annotations

from django.core import mail

from onestop.ratings.models import Level, Rectification
from onestop.ratings.services import (
    rectification_rectify,
    rectification_reply,
    rectification_verify,
)
from onestop.ratings.sweep import rectifications_sweep
from onestop.ratings.testing import RatingTestCase, at


class SweepTests(RatingTestCase):
    def setUp(self) -> None:
        # Rated Mon 28 Sep 2026 15:00: due Sat 10 Oct 17:30 (see test_rectification).
        rating = self.rate(
            self.on_the_spot("2026-09-28 14:00"), Level.DISSATISFIED, "2026-09-28 15:00"
        )
        self.rectification = rating.rectification

    def sweep(self, when: str) -> str:
        with self.captureOnCommitCallbacks(execute=True):
            return str(rectifications_sweep(now=at(when)))

    def test_silent_before_the_deadline(self) -> None:
        self.assertEqual(self.sweep("2026-10-10 17:29"), "")

    def test_escalated_once_when_overdue(self) -> None:
        mail.outbox.clear()
        self.assertEqual(self.sweep("2026-10-10 17:30"), "1 escalated")
        self.assertEqual(self.sweep("2026-10-12 09:00"), "")
        r = Rectification.objects.get(pk=self.rectification.pk)
        self.assertEqual(r.escalated_at, at("2026-10-10 17:30"))
        self.assertEqual(
            list(r.events.values_list("action", flat=True)), ["open", "escalate"]
        )
        self.assertEqual([m.to for m in mail.outbox], [["tax_supervisor@example.cn"]])
        self.assertIn(r.rating.case.number, mail.outbox[0].subject)

    def test_a_rectification_answered_in_time_is_never_escalated(self) -> None:
        for step, actor, params in (
            (rectification_verify, self.tax_supervisor, {"valid": True}),
            (rectification_rectify, self.tax_clerk, {"measures": "调整窗口排班"}),
            (rectification_reply, self.tax_clerk, {"text": "已调整排班"}),
        ):
            with self.captureOnCommitCallbacks(execute=True):
                self.rectification = step(
                    actor=actor,
                    rectification=self.rectification,
                    now=at("2026-10-09 10:00"),
                    **params,
                )
        self.assertEqual(self.sweep("2026-10-12 09:00"), "")

    def test_the_sweep_is_configured(self) -> None:
        from django.conf import settings

        self.assertIn(
            "onestop.ratings.sweep.rectifications_sweep", settings.ONESTOP_SWEEPS
        )
