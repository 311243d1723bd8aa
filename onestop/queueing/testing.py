"""The tax hall's queue for tests: two window types, three windows, two categories.

Window 1 is all-round (综合服务, from the common fixture), window 2 takes
综合服务 only, window 3 发票管理 only. Category A 综合业务 is for 综合服务
windows, B 发票业务 for 发票管理 windows. The university has its own A.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from onestop.appointments.models import Appointment, AppointmentSlot
from onestop.appointments.services import appointment_book
from onestop.posts.models import Window, WindowType
from onestop.queueing.models import QueueCategory

SH = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 9, 28, tzinfo=SH).date()  # a Monday


def at(hour: int, minute: int = 0, second: int = 0, *, days: int = 0) -> datetime:
    """A moment on the test day (or ``days`` after it) in the hall's zone."""
    return datetime.combine(DAY + timedelta(days=days), time(hour, minute, second), SH)


def populate_hall(target: Any) -> None:
    s = target.tax_structure
    target.general = s["window_type"]
    target.invoices = WindowType.objects.create(
        organisation=target.tax, code="INV", name="发票管理"
    )
    target.window_all_round = s["window"]  # number 1
    target.window_general = Window.objects.create(
        organisation=target.tax,
        number="2",
        window_type=target.general,
        department=s["front"],
    )
    target.window_invoices = Window.objects.create(
        organisation=target.tax,
        number="3",
        window_type=target.invoices,
        department=s["front"],
    )
    target.cat_a = QueueCategory.objects.create(
        organisation=target.tax,
        code="A",
        name="综合业务",
        window_type=target.general,
        order=1,
    )
    target.cat_b = QueueCategory.objects.create(
        organisation=target.tax,
        code="B",
        name="发票业务",
        window_type=target.invoices,
        order=2,
    )
    target.uni_cat = QueueCategory.objects.create(
        organisation=target.uni,
        code="A",
        name="宿舍报修",
        window_type=target.uni_structure["window_type"],
    )


def booking(
    target: Any,
    *,
    start: time = time(10, 0),
    window_type: WindowType | None = None,
    phone: str = "13912345678",
) -> Appointment:
    """A booking on the test day, made the day before."""
    slot, _created = AppointmentSlot.objects.get_or_create(
        organisation=target.tax,
        window_type=window_type or target.general,
        day=DAY,
        start=start,
        defaults={"end": time(start.hour + 1, start.minute), "capacity": 5},
    )
    return appointment_book(slot=slot, name="李四", phone=phone, now=at(15, days=-1))
