"""Reproducible draws and round-robin assignment, without the database."""

from datetime import date
from decimal import Decimal
from unittest import TestCase

from onestop.inspection.sampling import (
    Candidate,
    draw_per_staff,
    draw_percent,
    round_robin,
    run_seed,
)

SEED = run_seed(7, date(2025, 3, 1), date(2025, 3, 31))


def population() -> list[Candidate]:
    # Staff 1 handled 10 cases of item A, staff 2 six of item B, staff 3 two of A.
    rows = [Candidate(i, 1, "A") for i in range(1, 11)]
    rows += [Candidate(i, 2, "B") for i in range(11, 17)]
    rows += [Candidate(i, 3, "A") for i in range(17, 19)]
    return rows


class DrawTests(TestCase):
    def test_per_staff_draws_up_to_the_count_of_each_person(self) -> None:
        drawn = draw_per_staff(population(), count=5, seed=SEED)
        by_staff = {s: sum(1 for c in drawn if c.staff_id == s) for s in (1, 2, 3)}
        self.assertEqual(by_staff, {1: 5, 2: 5, 3: 2})

    def test_same_seed_draws_the_same_objects_whatever_the_input_order(self) -> None:
        first = draw_per_staff(population(), count=3, seed=SEED)
        again = draw_per_staff(list(reversed(population())), count=3, seed=SEED)
        self.assertEqual(first, again)
        other = draw_per_staff(
            population(), count=3, seed=run_seed(7, date(2025, 4, 1), date(2025, 4, 30))
        )
        self.assertNotEqual([c.object_id for c in first], [c.object_id for c in other])

    def test_a_new_person_does_not_change_the_others_draws(self) -> None:
        first = draw_per_staff(population(), count=3, seed=SEED)
        more = draw_per_staff(
            [*population(), Candidate(99, 4, "C")], count=3, seed=SEED
        )
        self.assertEqual([c for c in more if c.staff_id != 4], first)

    def test_percent_rounds_each_group_up(self) -> None:
        # A has 12 objects: 3% is 0.36, drawn as 1; B has 6: 1.
        drawn = draw_percent(population(), percent=Decimal(3), seed=SEED)
        self.assertEqual(sorted(c.group for c in drawn), ["A", "B"])
        half = draw_percent(population(), percent=Decimal(50), seed=SEED)
        self.assertEqual(sorted(c.group for c in half).count("A"), 6)


class RoundRobinTests(TestCase):
    def test_turns_skip_the_inspector_whose_own_work_it_is(self) -> None:
        drawn = [
            Candidate(1, 5, "A"),
            Candidate(2, 5, "A"),
            Candidate(3, 6, "A"),
            Candidate(4, 7, "A"),
        ]
        # Staff 5 never gets work of their own, so the second case goes to 6 too.
        self.assertEqual(round_robin(drawn, [5, 6]), [6, 6, 5, 6])

    def test_nobody_left_when_the_only_inspector_is_the_staff_member(self) -> None:
        self.assertEqual(round_robin([Candidate(1, 5, "A")], [5]), [None])
