"""Celery tasks of circulation; beat runs the sweep every five minutes (settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="circulation.sweep", ignore_result=True)
def sweep() -> None:
    from onestop.circulation.sweep import cases_sweep

    cases_sweep()
