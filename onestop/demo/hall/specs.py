"""The shape of the demo hall: queue categories, appointment slots and bookings, today's tickets.

Window types, windows and items are named by their codes and numbers, as in
the rest of the demo data. A booking names its slot by window type, the
index of the day among the booking days (0 = the first working day after
the load) and the slot's start. Today's hall is a script in minutes *before*
the load moment: the numbers taken at the kiosk, and each window's visits —
called, served from, served to, or did not come.
"""

from __future__ import annotations

from dataclasses import dataclass

from onestop.queueing.models import Priority

BOOKING_DAYS = 5
"""Slots are opened for this many working days after the day of the load."""


@dataclass(frozen=True)
class CategorySpec:
    """A kind of business at the kiosk; ``code`` is its letter (A for A023)."""

    code: str
    name: str
    window_type: str


@dataclass(frozen=True)
class SlotPlanSpec:
    """The slots of each booking day for one window type, as ``appointment_slots`` takes them."""

    window_type: str
    times: str
    capacity: int


@dataclass(frozen=True)
class BookingSpec:
    window_type: str
    day: int
    start: str
    name: str
    phone: str
    item: str = ""


@dataclass(frozen=True)
class Take:
    """A number taken at the kiosk ``ago`` minutes before the load."""

    ago: int
    category: str
    priority: str = Priority.NORMAL


@dataclass(frozen=True)
class Visit:
    """One call at a window and what followed, in minutes before the load.

    A visit ends served (``start`` and ``finish``) or as a no-show
    (``skip``): the script leaves every window free, so the next day's
    script — and the clerk trying the panel — can call at once.
    """

    window: str
    by: str
    call: int
    start: int | None = None
    finish: int | None = None
    skip: int | None = None


@dataclass(frozen=True)
class HallSpec:
    categories: tuple[CategorySpec, ...]
    slots: tuple[SlotPlanSpec, ...]
    bookings: tuple[BookingSpec, ...]
    takes: tuple[Take, ...]
    visits: tuple[Visit, ...]

    @property
    def span(self) -> int:
        """Minutes from the first scripted moment to the load."""
        return max(
            [t.ago for t in self.takes] + [v.call for v in self.visits], default=0
        )


def take(ago: int, category: str, priority: str = Priority.NORMAL) -> Take:
    return Take(ago, category, priority)


def served(window: str, by: str, call: int, start: int, finish: int) -> Visit:
    return Visit(window, by, call, start=start, finish=finish)


def no_show(window: str, by: str, call: int, skip: int) -> Visit:
    return Visit(window, by, call, skip=skip)
