"""A day's dispatch: which technician visits which customer, in what order.

Pure Python and OR-Tools; no Django. Times are minutes after midnight of the
planned day, distances kilometres; both are arguments, never globals.

The problem is the vehicle routing problem with time windows (VRPTW,
Solomon, "Algorithms for the vehicle routing and scheduling problems with time
window constraints", *Operations Research* 35(2), 1987): each technician
leaves home at the start of their working hours, visits jobs whose
appointment window must contain the arrival (waiting is allowed), spends the
job's service time there and is home again by the end of their hours. A job
needing a skill goes only to a technician who has it. A job that fits no
one's day is left unassigned rather than making the plan infeasible.

Travel comes from coordinates: the great-circle (haversine) distance
(Sinnott, "Virtues of the Haversine", *Sky and Telescope* 68(2), 1984)
times a road factor — road distance over straight-line distance, about 1.3
in cities (Boscoe, Henry & Zdeb, "A nationwide comparison of driving
distance versus straight-line distance", *The Professional Geographer*
64(2), 2012) — driven at an average speed.

:func:`plan_routes` solves it with Google OR-Tools' routing library
(path-cheapest-arc start, guided local search: Voudouris & Tsang, "Guided
local search", *European Journal of Operational Research* 113(2), 1999);
:func:`plan_nearest_neighbour` is the classic greedy baseline (Solomon 1987,
§2 "nearest neighbor heuristic") to measure it against.
"""

from __future__ import annotations

import math
import time as _clock
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
DEFAULT_ROAD_FACTOR = 1.3
DEFAULT_SPEED_KMH = 30.0
_METRES = 1000  # the solver works in whole metres and whole minutes
_DROP_PENALTY = 10_000_000  # metres: dropping a job costs more than any detour


@dataclass(frozen=True)
class Point:
    """A place by latitude and longitude in degrees (WGS-84)."""

    lat: float
    lon: float


@dataclass(frozen=True)
class Stop:
    """One job: where, the agreed window for arrival, how long the work takes."""

    key: str
    location: Point
    window_start: int
    window_end: int
    service_minutes: int
    skill: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.window_start <= self.window_end:
            raise ValueError(f"stop {self.key}: window must be 0 <= start <= end")
        if self.service_minutes < 0:
            raise ValueError(f"stop {self.key}: service time must not be negative")


@dataclass(frozen=True)
class Technician:
    """Someone who travels: home base, working hours (minutes), skills."""

    key: str
    home: Point
    shift_start: int
    shift_end: int
    skills: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not 0 <= self.shift_start < self.shift_end:
            raise ValueError(f"technician {self.key}: shift must start before it ends")

    def can_do(self, stop: Stop) -> bool:
        return not stop.skill or stop.skill in self.skills


@dataclass(frozen=True)
class Visit:
    """A stop on a route: arrival and start of work (minutes), km driven to it."""

    stop_key: str
    arrival: int
    start: int
    km_from_previous: float


@dataclass(frozen=True)
class Route:
    """One technician's day: the visits in order and the km including the way home."""

    technician_key: str
    visits: tuple[Visit, ...]
    km: float
    home_at: int


@dataclass(frozen=True)
class Plan:
    routes: tuple[Route, ...]
    unassigned: tuple[str, ...]
    solve_seconds: float

    @property
    def total_km(self) -> float:
        return sum(route.km for route in self.routes)

    @property
    def assigned(self) -> int:
        return sum(len(route.visits) for route in self.routes)


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in km (Sinnott 1984)."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)
    h = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def road_km_matrix(
    points: Sequence[Point], road_factor: float
) -> npt.NDArray[np.float64]:
    """Road km between every pair: haversine times ``road_factor``, vectorised."""
    lat = np.radians(np.array([p.lat for p in points], dtype=np.float64))
    lon = np.radians(np.array([p.lon for p in points], dtype=np.float64))
    dphi = lat[:, None] - lat[None, :]
    dlmb = lon[:, None] - lon[None, :]
    h = (
        np.sin(dphi / 2) ** 2
        + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlmb / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return km * road_factor  # type: ignore[no-any-return]


def travel_minutes(km: float, speed_kmh: float) -> int:
    """Whole minutes to drive ``km`` at ``speed_kmh``, rounded up."""
    return math.ceil(km / speed_kmh * 60 - 1e-9)


class _Network:
    """Nodes 0..T-1 are the technicians' homes, T.. the stops."""

    def __init__(
        self,
        stops: Sequence[Stop],
        technicians: Sequence[Technician],
        road_factor: float,
        speed_kmh: float,
    ) -> None:
        if speed_kmh <= 0 or road_factor < 1:
            raise ValueError("speed must be positive and the road factor at least 1")
        if len({s.key for s in stops}) != len(stops):
            raise ValueError("stop keys must be unique")
        self.stops, self.technicians = list(stops), list(technicians)
        points = [t.home for t in technicians] + [s.location for s in stops]
        self.km = road_km_matrix(points, road_factor)
        self.minutes = np.ceil(self.km / speed_kmh * 60 - 1e-9).astype(np.int64)
        self.offset = len(technicians)

    def stop(self, node: int) -> Stop:
        return self.stops[node - self.offset]

    def service(self, node: int) -> int:
        return self.stop(node).service_minutes if node >= self.offset else 0

    def route(self, t: int, nodes: list[int], starts: list[int]) -> Route:
        """A technician's visits, with arrivals as if they left at the shift start."""
        visits: list[Visit] = []
        previous, leave, km = t, self.technicians[t].shift_start, 0.0
        for node, start in zip(nodes, starts, strict=True):
            leg = float(self.km[previous, node])
            arrival = leave + int(self.minutes[previous, node])
            visits.append(Visit(self.stop(node).key, arrival, start, round(leg, 3)))
            km += leg
            previous, leave = node, start + self.service(node)
        km += float(self.km[previous, t])
        home_at = leave + int(self.minutes[previous, t])
        return Route(self.technicians[t].key, tuple(visits), round(km, 3), home_at)


def plan_routes(
    stops: Sequence[Stop],
    technicians: Sequence[Technician],
    *,
    road_factor: float = DEFAULT_ROAD_FACTOR,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    time_limit_seconds: float = 10.0,
) -> Plan:
    """Assign and order the stops with OR-Tools (VRPTW, guided local search).

    Minimises total road km; a stop no technician can reach inside its window
    (or without the skill) is returned in ``unassigned``.
    """
    from ortools.constraint_solver import (  # type: ignore[import-untyped]
        pywrapcp,
        routing_enums_pb2,
    )

    started = _clock.perf_counter()
    net = _Network(stops, technicians, road_factor, speed_kmh)
    if not stops or not technicians:
        return _empty(net, started)
    n_nodes = net.offset + len(stops)
    homes = list(range(net.offset))
    manager = pywrapcp.RoutingIndexManager(n_nodes, len(technicians), homes, homes)
    routing = pywrapcp.RoutingModel(manager)
    metres = (net.km * _METRES).round().astype(np.int64).tolist()
    service = [net.service(n) for n in range(n_nodes)]
    minutes = net.minutes.tolist()
    durations = [
        [minutes[i][j] + service[i] for j in range(n_nodes)] for i in range(n_nodes)
    ]
    cost = routing.RegisterTransitMatrix(metres)
    routing.SetArcCostEvaluatorOfAllVehicles(cost)
    time_cb = routing.RegisterTransitMatrix(durations)
    horizon = max(t.shift_end for t in technicians)
    routing.AddDimension(time_cb, horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    for v, tech in enumerate(technicians):
        clock.CumulVar(routing.Start(v)).SetRange(tech.shift_start, tech.shift_end)
        clock.CumulVar(routing.End(v)).SetRange(tech.shift_start, tech.shift_end)
    for node in range(net.offset, n_nodes):
        stop, index = net.stop(node), manager.NodeToIndex(node)
        clock.CumulVar(index).SetRange(stop.window_start, stop.window_end)
        allowed = [v for v, t in enumerate(technicians) if t.can_do(stop)]
        if len(allowed) < len(technicians):
            routing.VehicleVar(index).SetValues([-1, *allowed])  # -1: dropped
        routing.AddDisjunction([index], _DROP_PENALTY)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(time_limit_seconds * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return _empty(net, started)
    routes, seen = [], set()
    for v in range(len(technicians)):
        nodes, starts = [], []
        index = solution.Value(routing.NextVar(routing.Start(v)))
        while not routing.IsEnd(index):
            nodes.append(manager.IndexToNode(index))
            starts.append(solution.Min(clock.CumulVar(index)))
            index = solution.Value(routing.NextVar(index))
        seen.update(nodes)
        routes.append(net.route(v, nodes, starts))
    unassigned = tuple(
        net.stop(n).key for n in range(net.offset, n_nodes) if n not in seen
    )
    return Plan(tuple(routes), unassigned, _clock.perf_counter() - started)


def plan_nearest_neighbour(
    stops: Sequence[Stop],
    technicians: Sequence[Technician],
    *,
    road_factor: float = DEFAULT_ROAD_FACTOR,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> Plan:
    """Greedy baseline: the technician free earliest goes to the closest stop
    they can still reach in its window and finish before going home (Solomon
    1987's nearest-neighbour heuristic, run in parallel over technicians)."""
    started = _clock.perf_counter()
    net = _Network(stops, technicians, road_factor, speed_kmh)
    left = set(range(net.offset, net.offset + len(stops)))
    at = list(range(net.offset))
    free = [t.shift_start for t in technicians]
    tours: list[list[tuple[int, int]]] = [[] for _ in technicians]
    active = set(range(len(technicians)))
    while active and left:
        v = min(active, key=lambda k: (free[k], k))
        choice = _nearest_feasible(net, v, at[v], free[v], left)
        if choice is None:
            active.discard(v)
            continue
        node, start = choice
        tours[v].append((node, start))
        left.discard(node)
        at[v], free[v] = node, start + net.service(node)
    routes = tuple(
        net.route(v, [n for n, _ in tour], [s for _, s in tour])
        for v, tour in enumerate(tours)
    )
    unassigned = tuple(net.stop(n).key for n in sorted(left))
    return Plan(routes, unassigned, _clock.perf_counter() - started)


def _nearest_feasible(
    net: _Network, v: int, here: int, now: int, left: set[int]
) -> tuple[int, int] | None:
    # Solomon's (1987) closeness: distance, waiting and urgency weighted
    # 0.4 / 0.4 / 0.2, all in minutes, so the nearest job in *time and space*
    # wins — plain distance would drive to an afternoon job at 08:00 and wait.
    tech = net.technicians[v]
    best: tuple[float, int, int] | None = None
    for node in left:
        stop = net.stop(node)
        if not tech.can_do(stop):
            continue
        drive = int(net.minutes[here, node])
        start = max(now + drive, stop.window_start)
        finish = start + stop.service_minutes + int(net.minutes[node, v])
        if start > stop.window_end or finish > tech.shift_end:
            continue
        urgency = stop.window_end - (now + drive)
        key = (0.4 * drive + 0.4 * (start - now) + 0.2 * urgency, node, start)
        if best is None or key < best:
            best = key
    return None if best is None else (best[1], best[2])


def _empty(net: _Network, started: float) -> Plan:
    routes = tuple(net.route(v, [], []) for v in range(len(net.technicians)))
    keys = tuple(s.key for s in net.stops)
    return Plan(routes, keys, _clock.perf_counter() - started)
