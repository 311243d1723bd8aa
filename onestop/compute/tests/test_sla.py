"""Tests for onestop.compute.sla (限时办结 clock).

Every expected instant is derived by hand in the comment beside it, from the
office hours 08:30–12:00 and 13:30–17:30 (3.5 h + 4 h = 7.5 h a day,
Asia/Shanghai) and the State Council holiday notices cited in
test_workdays.py: 2025 — 1-28..2-4 off, Sun 1-26 and Sat 2-8 made up;
2026 — 2-15..2-23 off, Sat 2-14 and Sat 2-28 made up; 9-25..9-27 and
10-1..10-7 off, Sat 10-10 made up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from onestop.compute.sla import ClockState, Pause, clock_reading, due_at
from onestop.compute.workdays import china_calendar

SH = ZoneInfo("Asia/Shanghai")
CAL = china_calendar()
REPO_ROOT = Path(__file__).resolve().parents[3]


def local(text: str) -> datetime:
    """An ISO date-time read as Asia/Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def hours(h: float) -> timedelta:
    return timedelta(hours=h)


def pauses(*spans: tuple[str, str | None]) -> tuple[Pause, ...]:
    return tuple(Pause(local(s), None if e is None else local(e)) for s, e in spans)


# (why, started_at, working_days, extension_days, closed pauses, deadline)
DEADLINES: list[tuple[str, str, int, int, tuple[Pause, ...], str]] = [
    # No pause: due_after. Wed 3-12 → 3-13, 3-14, 3-17, 3-18, 3-19.
    ("no pause", "2025-03-12 10:00", 5, 0, (), "2025-03-19 17:30"),
    # Fri 1-24 → Sun 1-26 (made up), Mon 1-27, 1-28..2-4 off, Wed 2-5.
    ("no pause, Spring Festival 2025", "2025-01-24 10:00", 3, 0, (), "2025-02-05 17:30"),
    # Fri 2-13 → Sat 2-14 (made up), 2-15..2-23 off, Tue 2-24.
    ("no pause, Spring Festival 2026", "2026-02-13 16:00", 2, 0, (), "2026-02-24 17:30"),
    # Mon 3-10 → 3-11..3-14, 3-17: Mon 3-17 17:30 unpaused. The pause holds all
    # of Wed 3-12 and Thu 3-13 (15 h): two days later, Wed 3-19 17:30.
    (
        "pause of two whole working days",
        "2025-03-10 09:00", 5, 0,
        pauses(("2025-03-12 08:30", "2025-03-14 08:30")),
        "2025-03-19 17:30",
    ),
    # Same limit; the pause runs Thu 17:30 → Tue 08:30 and holds Fri 3-14 and
    # Mon 3-17 (the weekend costs nothing): 15 h, again Wed 3-19 17:30.
    (
        "two working days across a weekend",
        "2025-03-10 09:00", 5, 0,
        pauses(("2025-03-13 17:30", "2025-03-18 08:30")),
        "2025-03-19 17:30",
    ),
    # A pause over a weekend only holds no office time: no change.
    (
        "weekend-only pause",
        "2025-03-10 09:00", 5, 0,
        pauses(("2025-03-15 09:00", "2025-03-16 18:00")),
        "2025-03-17 17:30",
    ),
    # Fri 3-07 → 3-10..3-14: Fri 3-14 17:30. A 2 h pause Tue 09:00–11:00 moves
    # it 2 h of office time on: Mon 3-17 08:30 + 2 h = 10:30.
    (
        "2 h morning pause, Friday → Monday",
        "2025-03-07 10:00", 5, 0,
        pauses(("2025-03-11 09:00", "2025-03-11 11:00")),
        "2025-03-17 10:30",
    ),
    # Thu 9-24 → 9-25..9-27 off (中秋), 9-28, 9-29, 9-30, 10-1..10-7 off, 10-8,
    # 10-9: Fri 10-9 17:30 unpaused. Pause Wed 9-30 14:30 → Thu 10-8 10:30
    # holds 3 h on 9-30 and 2 h on 10-8 (the holiday week costs nothing): 5 h,
    # taken on make-up Sat 10-10: 3.5 h to 12:00, 1.5 h from 13:30 → 15:00.
    (
        "pause across National Day 2026",
        "2026-09-24 10:00", 5, 0,
        pauses(("2026-09-30 14:30", "2026-10-08 10:30")),
        "2026-10-10 15:00",
    ),
    # Two pauses: Tue 09:00–11:00 (2 h) and Wed 16:30–Thu 09:30 (1 h + 1 h):
    # 4 h after Fri 3-14 17:30 → Mon 3-17 12:00 (3.5 h) + 0.5 h → 14:00.
    (
        "two pauses add up",
        "2025-03-07 10:00", 5, 0,
        pauses(
            ("2025-03-11 09:00", "2025-03-11 11:00"),
            ("2025-03-12 16:30", "2025-03-13 09:30"),
        ),
        "2025-03-17 14:00",
    ),
    # Tue 2-10 → 2-11, 2-12, 2-13 (3 days), extended 5 (第四十二条): Sat 2-14
    # (made up), 2-15..2-23 off, 2-24, 2-25, 2-26, 2-27 → Fri 2-27.
    ("extension 5 across Spring Festival 2026", "2026-02-10 10:00", 3, 5, (),
     "2026-02-27 17:30"),
    # … and a sixth day is make-up Sat 2-28.
    ("extension 6 ends on make-up Sat 2-28", "2026-02-10 10:00", 3, 6, (),
     "2026-02-28 17:30"),
]  # fmt: skip


class DeadlineTests(unittest.TestCase):
    def test_table(self) -> None:
        for why, started, n, ext, closed, expected in DEADLINES:
            with self.subTest(why=why):
                got = due_at(
                    CAL,
                    started_at=local(started),
                    working_days=n,
                    pauses=closed,
                    extension_days=ext,
                )
                self.assertEqual(got, local(expected))
                assert got is not None
                self.assertIs(got.tzinfo, SH)
                # Read after every pause has closed: the same deadline.
                reading = clock_reading(
                    CAL,
                    started_at=local(started),
                    working_days=n,
                    now=local("2026-12-31 18:00"),
                    pauses=closed,
                    extension_days=ext,
                )
                self.assertEqual(reading.due_at, local(expected))
                self.assertIs(reading.state, ClockState.RED)
                if not closed:
                    self.assertEqual(
                        got, CAL.due_after(local(started), n + ext), "unpaused"
                    )

    def test_open_pause_has_no_deadline(self) -> None:
        got = due_at(
            CAL,
            started_at=local("2025-03-07 10:00"),
            working_days=5,
            pauses=pauses(("2025-03-10 09:00", "2025-03-10 10:00"),
                          ("2025-03-11 09:00", None)),
        )  # fmt: skip
        self.assertIsNone(got)

    def test_reading_at_deadline_has_nothing_left(self) -> None:
        # Property: with random closed pauses in the first five days and a
        # limit of 10..20 working days (so every pause is over before the
        # deadline), remaining is zero at the deadline, one µs before it, and
        # the state turns RED exactly there.
        rng = np.random.default_rng(45)
        for _ in range(200):
            start = local("2025-01-01 00:00") + timedelta(
                minutes=int(rng.integers(0, 600 * 24 * 60))
            )
            cuts = sorted(rng.integers(0, 5 * 24 * 60, size=4).tolist())
            ps = tuple(
                Pause(start + timedelta(minutes=a), start + timedelta(minutes=b))
                for a, b in zip(cuts[::2], cuts[1::2], strict=True)
            )
            n, ext = int(rng.integers(10, 21)), int(rng.integers(0, 5))
            due = due_at(
                CAL, started_at=start, working_days=n, pauses=ps, extension_days=ext
            )
            assert due is not None
            for now, left, state in (
                (due, 0, ClockState.RED),
                (due - timedelta(microseconds=1), 1, ClockState.YELLOW),
            ):
                with self.subTest(start=start, n=n, ext=ext, pauses=ps, now=now):
                    r = clock_reading(
                        CAL,
                        started_at=start,
                        working_days=n,
                        now=now,
                        pauses=ps,
                        extension_days=ext,
                    )
                    self.assertEqual(r.remaining, timedelta(microseconds=left))
                    self.assertEqual(r.due_at, due)
                    self.assertIs(r.state, state)
                    paused = sum(
                        (CAL.working_time_between(p.start, p.end) for p in ps if p.end),
                        timedelta(0),
                    )
                    self.assertEqual(r.paused, paused)
                    self.assertEqual(
                        due, CAL.add_working_time(CAL.due_after(start, n + ext), paused)
                    )


class ReadingTests(unittest.TestCase):
    def test_states_and_yellow(self) -> None:
        # Accepted Fri 3-07 after close: 5 days are 3-10..3-14, budget exactly
        # 5 × 7.5 = 37.5 h, due Fri 3-14 17:30. Yellow when 20 % = 7.5 h remain,
        # i.e. 30 h used: the earliest such instant is Thu 3-13 17:30, the
        # close of the fourth day (the office time left is the same 7.5 h
        # until 08:30 on Fri 3-14, the start of the last working day).
        # (now, state, remaining hours)
        rows = [
            ("2025-03-10 08:30", ClockState.RUNNING, 37.5),
            ("2025-03-13 17:29", ClockState.RUNNING, 7.5 + 1 / 60),
            ("2025-03-13 17:30", ClockState.YELLOW, 7.5),
            ("2025-03-14 08:30", ClockState.YELLOW, 7.5),
            ("2025-03-14 17:29", ClockState.YELLOW, 1 / 60),
            ("2025-03-14 17:30", ClockState.RED, 0),
            ("2025-03-17 10:00", ClockState.RED, -1.5),  # Mon 08:30 + 1.5 h
            ("2025-03-21 17:30", ClockState.RED, -37.5),  # a whole week late
        ]
        for now, state, left in rows:
            with self.subTest(now=now):
                r = clock_reading(
                    CAL,
                    started_at=local("2025-03-07 18:00"),
                    working_days=5,
                    now=local(now),
                )
                self.assertIs(r.state, state)
                self.assertEqual(r.budget, hours(37.5))
                self.assertEqual(r.remaining, hours(left))
                self.assertEqual(r.used, hours(37.5 - left))
                self.assertEqual(r.paused, timedelta(0))
                self.assertEqual(r.due_at, local("2025-03-14 17:30"))
                self.assertEqual(r.yellow_at, local("2025-03-13 17:30"))
                self.assertEqual(r.started_at, local("2025-03-07 18:00"))

    def test_yellow_share_and_pause_move_yellow(self) -> None:
        start, now = local("2025-03-07 18:00"), local("2025-03-10 09:00")
        # (why, yellow_share, pauses, yellow_at, due_at)
        rows = [
            # Half of 37.5 h: 18.75 h used = Mon, Tue (15 h) + 3.75 h on Wed
            # 3-12: 3.5 h to 12:00, 0.25 h from 13:30 → 13:45.
            ("share 0.5", 0.5, (), "2025-03-12 13:45", "2025-03-14 17:30"),
            # Share 0: yellow coincides with the deadline.
            ("share 0", 0.0, (), "2025-03-14 17:30", "2025-03-14 17:30"),
            # A 2 h pause on Mon 3-10 08:30–10:30 moves both 2 h: yellow Thu
            # 17:30 → Fri 10:30; due Fri 17:30 → Mon 3-17 10:30.
            (
                "paused 2 h",
                0.2,
                pauses(("2025-03-10 08:30", "2025-03-10 10:30")),
                "2025-03-14 10:30",
                "2025-03-17 10:30",
            ),
        ]
        for why, share, ps, yellow, due in rows:
            with self.subTest(why=why):
                r = clock_reading(
                    CAL,
                    started_at=start,
                    working_days=5,
                    now=now if not ps else local("2025-03-10 11:00"),
                    pauses=ps,
                    yellow_share=share,
                )
                self.assertEqual(r.yellow_at, local(yellow))
                self.assertEqual(r.due_at, local(due))
                self.assertIs(r.state, ClockState.RUNNING)

    def test_open_pause_stops_and_freezes(self) -> None:
        # Accepted Fri 3-07 10:00, 5 days: due Fri 3-14 17:30 unpaused; budget
        # 6 h left on Fri 3-07 (10–12, 13:30–17:30) + 37.5 h = 43.5 h.
        # Suspended Tue 3-11 09:00. Used by then: 6 h Fri + 7.5 h Mon + 0.5 h
        # Tue = 14 h; 29.5 h remain, frozen while suspended.
        start, ps = local("2025-03-07 10:00"), pauses(("2025-03-11 09:00", None))
        # (now, office time paused so far)
        rows = [
            ("2025-03-11 09:00", 0.0),
            ("2025-03-11 11:00", 2.0),
            ("2025-03-12 15:00", 12.0),  # Tue 09:00–17:30 = 7 h, Wed to 15:00 = 5 h
            ("2025-03-24 09:00", 7 + 7.5 * 8 + 0.5),  # 3-12..14, 3-17..21
        ]
        for now, paused in rows:
            with self.subTest(now=now):
                r = clock_reading(
                    CAL, started_at=start, working_days=5, now=local(now), pauses=ps
                )
                self.assertIs(r.state, ClockState.STOPPED)
                self.assertIsNone(r.due_at)
                self.assertIsNone(r.yellow_at)
                self.assertEqual(r.budget, hours(43.5))
                self.assertEqual(r.used, hours(14))
                self.assertEqual(r.remaining, hours(29.5))
                self.assertEqual(r.paused, hours(paused))
        # Before the pause starts it is not yet in effect.
        r = clock_reading(
            CAL,
            started_at=start,
            working_days=5,
            now=local("2025-03-11 08:45"),
            pauses=ps,
        )
        self.assertIs(r.state, ClockState.RUNNING)
        self.assertEqual(r.due_at, local("2025-03-14 17:30"))
        # Resumed Wed 3-12 15:00 after 12 h: Fri 3-14 17:30 + 12 h = Mon 3-17
        # (7.5 h) + Tue 3-18 4.5 h: 3.5 h to 12:00, 1 h from 13:30 → 14:30.
        # A pause that ends exactly now is over.
        resumed = pauses(("2025-03-11 09:00", "2025-03-12 15:00"))
        for now in ("2025-03-12 15:00", "2025-03-13 10:00"):
            with self.subTest(resumed_at=now):
                r = clock_reading(
                    CAL,
                    started_at=start,
                    working_days=5,
                    now=local(now),
                    pauses=resumed,
                )
                self.assertIs(r.state, ClockState.RUNNING)
                self.assertEqual(r.due_at, local("2025-03-18 14:30"))
                self.assertEqual(r.paused, hours(12))
        # A closed pause ending after now is still open at now.
        r = clock_reading(
            CAL,
            started_at=start,
            working_days=5,
            now=local("2025-03-12 10:00"),
            pauses=resumed,
        )
        self.assertIs(r.state, ClockState.STOPPED)
        self.assertEqual(r.remaining, hours(29.5))
        self.assertEqual(
            due_at(CAL, started_at=start, working_days=5, pauses=resumed),
            local("2025-03-18 14:30"),
        )  # fmt: skip

    def test_extension_rescues_overdue_case(self) -> None:
        # Accepted Tue 2026-02-10 10:00 with 3 days: due Fri 2-13 17:30;
        # budget 6 h + 22.5 h = 28.5 h. Read on holiday Fri 2-20 12:00: used
        # 6 h + 22.5 h (2-11..2-13) + 7.5 h (make-up Sat 2-14) = 36 h.
        # Without extension 7.5 h overdue; with 5 days more (budget 28.5 +
        # 37.5 = 66 h, due Fri 2-27) 30 h remain; yellow at 13.2 h left.
        start, now = local("2026-02-10 10:00"), local("2026-02-20 12:00")
        r = clock_reading(CAL, started_at=start, working_days=3, now=now)
        self.assertIs(r.state, ClockState.RED)
        self.assertEqual(r.remaining, hours(-7.5))
        r = clock_reading(
            CAL, started_at=start, working_days=3, now=now, extension_days=5
        )
        self.assertIs(r.state, ClockState.RUNNING)
        self.assertEqual(
            (r.budget, r.used, r.remaining), (hours(66), hours(36), hours(30))
        )
        self.assertEqual(r.due_at, local("2026-02-27 17:30"))
        # 52.8 h used: 36 h by 2-20, then 2-24, 2-25 (15 h) → 51 h, and 1.8 h
        # on Thu 2-26 → 10:18.
        self.assertEqual(r.yellow_at, local("2026-02-26 10:18"))

    def test_now_before_start_reads_nothing_used(self) -> None:
        r = clock_reading(CAL, started_at=local("2025-03-12 10:00"), working_days=1,
                          now=local("2025-03-12 09:00"))  # fmt: skip
        self.assertEqual((r.used, r.state), (timedelta(0), ClockState.RUNNING))


class ValidationTests(unittest.TestCase):
    def test_bad_pauses_refused(self) -> None:
        start = local("2025-03-10 09:00")
        cases = {
            "overlap": pauses(
                ("2025-03-11 09:00", "2025-03-11 11:00"),
                ("2025-03-11 10:00", "2025-03-11 12:00"),
            ),
            "out of order": pauses(
                ("2025-03-12 09:00", "2025-03-12 11:00"),
                ("2025-03-11 09:00", "2025-03-11 11:00"),
            ),
            "only the last": pauses(
                ("2025-03-11 09:00", None), ("2025-03-12 09:00", "2025-03-12 10:00")
            ),
            "before the clock": pauses(("2025-03-10 08:00", "2025-03-10 10:00")),
        }
        for problem, ps in cases.items():
            for fn in ("clock_reading", "due_at"):
                with (
                    self.subTest(problem=problem, fn=fn),
                    self.assertRaisesRegex(ValueError, problem),
                ):
                    if fn == "due_at":
                        due_at(CAL, started_at=start, working_days=5, pauses=ps)
                    else:
                        clock_reading(
                            CAL,
                            started_at=start,
                            working_days=5,
                            now=local("2025-03-20 09:00"),
                            pauses=ps,
                        )
        with self.assertRaisesRegex(ValueError, "ends before it starts"):
            Pause(local("2025-03-11 11:00"), local("2025-03-11 09:00"))
        # Back to back is fine.
        touching = pauses(
            ("2025-03-11 09:00", "2025-03-11 11:00"),
            ("2025-03-11 11:00", "2025-03-11 12:00"),
        )
        # 3 h after Mon 3-17 17:30 → Tue 3-18 11:30.
        self.assertEqual(due_at(CAL, started_at=start, working_days=5, pauses=touching),
                         local("2025-03-18 11:30"))  # fmt: skip

    def test_naive_refused(self) -> None:
        naive, aware = datetime(2025, 3, 10, 9), local("2025-03-10 09:00")
        with self.assertRaisesRegex(ValueError, "naive"):
            Pause(naive, None)
        with self.assertRaisesRegex(ValueError, "naive"):
            Pause(aware, datetime(2025, 3, 10, 10))
        with self.assertRaisesRegex(ValueError, "naive"):
            clock_reading(CAL, started_at=naive, working_days=5, now=aware)
        with self.assertRaisesRegex(ValueError, "naive"):
            clock_reading(CAL, started_at=aware, working_days=5, now=naive)
        with self.assertRaisesRegex(ValueError, "naive"):
            due_at(CAL, started_at=naive, working_days=5)

    def test_bad_numbers_refused(self) -> None:
        start = local("2025-03-10 09:00")
        bad: list[dict[str, object]] = [
            {"working_days": 0},
            {"working_days": 1.5},
            {"extension_days": -1},
            {"extension_days": True},
            {"yellow_share": 1.0},
            {"yellow_share": -0.1},
            {"yellow_share": float("nan")},
        ]
        for kwargs in bad:
            args: dict[str, object] = {"working_days": 5, **kwargs}
            with self.subTest(**kwargs), self.assertRaises(ValueError):
                clock_reading(CAL, started_at=start, now=start, **args)  # type: ignore[arg-type]


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.sla, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
