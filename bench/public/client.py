"""A load generator on asyncio streams, standard library only.

``clients`` connections, each a closed loop: send a request, read the whole
answer, send the next. A connection is kept alive while the server allows
it; gunicorn's sync workers answer ``Connection: close`` and close, so there
each request opens a new TCP connection on loopback, which is part of its
latency, as it would be for a browser talking to those workers. One thread
and one event loop drive every connection, so the client costs little of the
CPU the server needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .cpu import CpuMeter

TIMEOUT_S = 30.0
Check = Callable[["Response"], str]  # "" when the answer is right, else what is wrong


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]  # names in lower case
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k == name), "")

    def cookies(self) -> dict[str, str]:
        out = {}
        for key, value in self.headers:
            if key == "set-cookie":
                pair = value.split(";", 1)[0]
                name, _, content = pair.partition("=")
                out[name.strip()] = content.strip()
        return out


def request(
    method: str, path: str, host: str, headers: dict[str, str], body: bytes = b""
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Connection:
    """One HTTP/1.1 connection to the server on loopback, reopened when closed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.host = f"127.0.0.1:{port}"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.opened = 0

    async def send(self, raw: bytes) -> Response:
        reused = self.writer is not None
        try:
            return await self._exchange(raw)
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            if not reused:
                raise
            return await self._exchange(raw)  # the server had closed it meanwhile

    async def _exchange(self, raw: bytes) -> Response:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port
            )
            self.opened += 1
        reader, writer = self.reader, self.writer
        assert reader is not None
        writer.write(raw)
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        first, *lines = head.split("\r\n")
        headers = []
        for line in lines:
            if line:
                name, _, value = line.partition(":")
                headers.append((name.strip().lower(), value.strip()))
        response = Response(int(first.split()[1]), headers, b"")
        length = response.header("content-length")
        if length:
            response.body = await reader.readexactly(int(length))
        elif "chunked" in response.header("transfer-encoding").lower():
            response.body = await _chunks(reader)
        else:
            response.body = await reader.read()
            await self.close()
        if response.header("connection").lower() == "close":
            await self.close()
        return response

    async def close(self) -> None:
        writer, self.reader, self.writer = self.writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return bytes(body)
        body += await reader.readexactly(size)
        await reader.readexactly(2)


class Workload(Protocol):
    """What the clients ask: a first exchange per client, then request after request."""

    async def start(self, connection: Connection) -> Any: ...

    def next(self, state: Any, i: int) -> tuple[bytes, Check]: ...


@dataclass
class Run:
    """Requests finished inside the measured window: latencies (ms) and what failed."""

    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    connections: int = 0  # TCP connections opened while measuring
    cpu: dict[str, float] = field(default_factory=dict)  # seconds, by whom (cpu.py)

    @property
    def ok(self) -> int:
        return len(self.latencies) - sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.ok / self.seconds


def drive(
    port: int,
    workload: Workload,
    clients: int,
    warm_up: float,
    duration: float,
    cpu: CpuMeter,
) -> Run:
    """``clients`` closed loops against the server: ``warm_up`` s, then ``duration`` s."""
    return asyncio.run(_drive(port, workload, clients, warm_up, duration, cpu))


async def _drive(
    port: int,
    workload: Workload,
    clients: int,
    warm_up: float,
    duration: float,
    cpu: CpuMeter,
) -> Run:
    connections = [Connection(port) for _ in range(clients)]
    states = [await workload.start(c) for c in connections]
    run = Run(clients, duration)
    begin = time.perf_counter() + warm_up
    end = begin + duration
    opened_before: list[int] = []
    readings: list[dict[str, float]] = []

    async def meter() -> None:
        """Who used the CPUs, read at both ends of the measured window."""
        for moment in (begin, end):
            await asyncio.sleep(max(0.0, moment - time.perf_counter()))
            readings.append(cpu.read())

    async def client(k: int) -> None:
        connection, state, i = connections[k], states[k], k
        counted = False
        while (started := time.perf_counter()) < end:
            if started >= begin and not counted:
                opened_before.append(connection.opened)
                counted = True
            raw, check = workload.next(state, i)
            i += clients
            try:
                answer = await asyncio.wait_for(connection.send(raw), TIMEOUT_S)
                error = check(answer)
            except (OSError, TimeoutError, asyncio.IncompleteReadError) as failure:
                error = type(failure).__name__
                await connection.close()
            done = time.perf_counter()
            if started >= begin and done <= end:
                run.latencies.append((done - started) * 1e3)
                if error:
                    run.errors[error] += 1
        await connection.close()

    await asyncio.gather(meter(), *(client(k) for k in range(clients)))
    run.connections = sum(c.opened for c in connections) - sum(opened_before)
    first, last = readings
    run.cpu = {who: last[who] - first[who] for who in first}
    return run
