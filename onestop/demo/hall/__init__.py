"""The demo hall: queue categories, appointment slots with bookings, and today's numbers.

``HALLS`` maps an organisation's slug to its ``HallSpec``; ``runner.hall_load``
loads one. What depends on the day of the load:

- **Slots** are opened for the ``BOOKING_DAYS`` working days after the day
  of the load (as ``manage.py appointment_slots`` does), on the
  organisation's calendar. If the calendar does not reach those days — the
  holiday notices end with 2026 — no slots and no bookings are made.
- **Today's numbers** are played when the load falls on a working day the
  calendar covers, inside a stretch of office hours that opened at least the
  script's span earlier (tax hall from 09:20 and from 14:20; university
  from 08:45 and from 14:45); each scripted moment is that many minutes
  before the load. Before that, at lunch, after closing or on a rest day
  nothing is made; a day that has numbers already is left alone.
"""

from __future__ import annotations

from .runner import hall_load, hall_open
from .specs import BOOKING_DAYS, HallSpec
from .taxhall import HALL as TAX_HALL_HALL
from .university import HALL as UNIVERSITY_HALL

HALLS: dict[str, HallSpec] = {"uni": UNIVERSITY_HALL, "tax": TAX_HALL_HALL}

__all__ = ["BOOKING_DAYS", "HALLS", "hall_load", "hall_open"]
