"""Acceptances over HTTP: gunicorn on loopback serving ``config.wsgi``, and
concurrent clients posting intakes to the API with a token.

(Not ``http.py``: run with this directory on ``sys.path``, that name would
hide the standard library's ``http`` package.)
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib.util
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from rest_framework.authtoken.models import Token

from onestop.organisations.models import Organisation

from .acceptances import intake_bodies, intake_body
from .measure import Figure
from .options import BENCH_DIR, ROOT
from .plans import ItemPlan

INTAKE = "/api/v1/cases/intake/"
GUNICORN_LOG = BENCH_DIR / "gunicorn.log"
WARM_UP = 2  # requests per client before the clock starts


def acceptances_http(
    args: argparse.Namespace,
    organisation: Organisation,
    clerk: Any,
    items: list[ItemPlan],
) -> Figure:
    name = (
        f"acceptances over HTTP (gunicorn -w {args.http_workers}, "
        f"{args.http_clients} clients)"
    )
    if importlib.util.find_spec("gunicorn") is None:
        return Figure(name, skipped="gunicorn missing: pip install -e '.[bench]'")
    api = _Api(
        _free_port(),
        f"{INTAKE}?organisation={organisation.pk}",
        Token.objects.get_or_create(user=clerk)[0].key,
    )
    with _gunicorn(args.http_workers, api.port) as started:
        if not started:
            return Figure(name, skipped=f"gunicorn did not start; see {GUNICORN_LOG}")
        rng = random.Random(args.seed + 4)
        refusal = _probe(api, intake_body(items[0], rng))
        if refusal:
            return Figure(name, skipped=refusal)
        bodies = intake_bodies(items, args.http_requests + 8, rng)
        return _clients_run(name, api, bodies, args.http_clients)


class _Api:
    """The intake endpoint of the server on loopback, with the clerk's token."""

    def __init__(self, port: int, path: str, token: str) -> None:
        self.port, self.path, self.token = port, path, token

    def post(self, body: dict[str, Any]) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                "POST",
                self.path,
                body=json.dumps(body).encode(),
                headers={
                    "Authorization": f"Token {self.token}",
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                },
            )
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _gunicorn(workers: int, port: int) -> Iterator[bool]:
    """gunicorn serving ``config.wsgi``; whether it started listening within 60 s."""
    log = open(GUNICORN_LOG, "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "-w", str(workers), "-b", f"127.0.0.1:{port}",
            "--log-level", "warning", "--timeout", "120",
        ],
        cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield _listening(server, port, deadline=time.monotonic() + 60)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _listening(server: subprocess.Popen[bytes], port: int, deadline: float) -> bool:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def _probe(api: _Api, body: dict[str, Any]) -> str:
    """Why the endpoint cannot be measured, or "" when it accepts an intake."""
    status, content = api.post(body)
    if status == 404 and b"<" in content[:200]:
        return f"endpoint missing (POST {INTAKE} answers 404)"
    if status != 201:
        return f"probe answered {status}: {content[:300].decode(errors='replace')}"
    return ""


def _clients_run(
    name: str, api: _Api, bodies: list[dict[str, Any]], clients: int
) -> Figure:
    """``clients`` threads posting their share of ``bodies``; latencies and the rate."""
    shares = [bodies[i::clients] for i in range(clients)]
    latencies: list[float] = []
    failures: Counter[int] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client(mine: list[dict[str, Any]]) -> None:
        for body in mine[:WARM_UP]:  # warm each worker's connection and caches
            api.post(body)
        barrier.wait()
        for body in mine[WARM_UP:]:
            t0 = time.perf_counter()
            code, _ = api.post(body)
            ms = (time.perf_counter() - t0) * 1e3
            with lock:
                latencies.append(ms)
                if code != 201:
                    failures[code] += 1

    threads = [threading.Thread(target=client, args=(s,)) for s in shares]
    for thread in threads:
        thread.start()
    barrier.wait()
    t0 = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    return _rate_figure(name, latencies, failures, wall)


def _rate_figure(
    name: str, latencies: list[float], failures: Counter[int], wall: float
) -> Figure:
    ok = len(latencies) - sum(failures.values())
    figure = Figure(name, latencies)
    figure.rate = ok / wall
    figure.note = f"{ok:,} accepted in {wall:.1f} s → {ok / wall:,.0f} acceptances/s"
    if failures:
        figure.note += f"; failures by status: {dict(failures)}"
    return figure
