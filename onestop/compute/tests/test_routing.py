"""Dispatch routing: haversine against a published value, windows, skills, the baseline."""

from __future__ import annotations

import unittest

from onestop.compute.routing import (
    EARTH_RADIUS_KM,
    Point,
    Stop,
    Technician,
    haversine_km,
    plan_nearest_neighbour,
    plan_routes,
    road_km_matrix,
)

HOME = Point(30.50, 114.40)


def stop(
    key: str, lat: float, lon: float, start: int = 480, end: int = 1080, **kw: object
) -> Stop:
    return Stop(key, Point(lat, lon), start, end, kw.pop("service", 30), **kw)  # type: ignore[arg-type]


def tech(key: str = "T1", skills: frozenset[str] = frozenset()) -> Technician:
    return Technician(key, HOME, 480, 1080, skills)


class HaversineTests(unittest.TestCase):
    def test_nashville_to_los_angeles_matches_the_published_value(self) -> None:
        # Rosetta Code "Haversine formula": BNA (36.12, -86.67) to LAX
        # (33.94, -118.40) is 2887.2599506071106 km with R = 6372.8 km.
        km = haversine_km(Point(36.12, -86.67), Point(33.94, -118.40))
        self.assertAlmostEqual(km * 6372.8 / EARTH_RADIUS_KM, 2887.2599506071106, 6)

    def test_the_matrix_applies_the_road_factor(self) -> None:
        a, b = Point(30.5, 114.4), Point(30.6, 114.3)
        matrix = road_km_matrix([a, b], 1.3)
        self.assertAlmostEqual(matrix[0, 1], haversine_km(a, b) * 1.3, 9)
        self.assertEqual(matrix[0, 0], 0)


class RoutingTests(unittest.TestCase):
    def test_arrivals_fall_inside_each_window_even_against_geography(self) -> None:
        # The far stop must come first: its window closes at 09:30.
        stops = [
            stop("near", 30.51, 114.40, start=600, end=700),
            stop("far", 30.60, 114.40, start=480, end=570),
        ]
        plan = plan_routes(stops, [tech()], time_limit_seconds=1)
        visits = plan.routes[0].visits
        self.assertEqual([v.stop_key for v in visits], ["far", "near"])
        by_key = {s.key: s for s in stops}
        for visit in visits:
            with self.subTest(visit.stop_key):
                self.assertGreaterEqual(
                    visit.start, by_key[visit.stop_key].window_start
                )
                self.assertLessEqual(visit.start, by_key[visit.stop_key].window_end)

    def test_a_job_needing_a_skill_goes_to_the_technician_who_has_it(self) -> None:
        stops = [stop("ac", 30.50, 114.41, skill="aircon")]
        people = [tech("plain"), tech("fitter", frozenset({"aircon"}))]
        plan = plan_routes(stops, people, time_limit_seconds=1)
        (route,) = [r for r in plan.routes if r.visits]
        self.assertEqual(route.technician_key, "fitter")

    def test_an_unreachable_job_is_left_unassigned_not_infeasible(self) -> None:
        # 300 km away with a window closing at 08:30: nobody can be there.
        stops = [stop("ok", 30.51, 114.40), stop("far", 33.2, 114.4, end=510)]
        for planner in (plan_routes, plan_nearest_neighbour):
            with self.subTest(planner.__name__):
                plan = planner(stops, [tech()])
                self.assertEqual(plan.unassigned, ("far",))
                self.assertEqual(plan.assigned, 1)

    def test_route_km_includes_the_way_home(self) -> None:
        plan = plan_routes([stop("a", 30.60, 114.40)], [tech()], time_limit_seconds=1)
        one_way = haversine_km(HOME, Point(30.60, 114.40)) * 1.3
        self.assertAlmostEqual(plan.total_km, 2 * one_way, 2)

    def test_the_solver_is_no_longer_than_the_baseline_on_a_grid(self) -> None:
        stops = [
            stop(f"s{i}{j}", 30.45 + 0.02 * i, 114.35 + 0.02 * j)
            for i in range(4)
            for j in range(4)
        ]
        people = [tech("A"), tech("B")]
        solved = plan_routes(stops, people, time_limit_seconds=2)
        baseline = plan_nearest_neighbour(stops, people)
        self.assertEqual(solved.assigned, 16)
        self.assertLessEqual(solved.total_km, baseline.total_km + 1e-6)

    def test_a_window_ending_before_it_starts_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            Stop("x", HOME, 600, 500, 30)
