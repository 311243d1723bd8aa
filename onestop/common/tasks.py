"""Celery tasks shared by all apps; beat runs the sweep every five minutes (settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="common.sweep", ignore_result=True)
def sweep() -> None:
    from onestop.common.sweeps import sweeps_run

    sweeps_run()
