"""The two measured endpoints, as the clients ask them.

- the status lookup, ``/o/<slug>/status/``: each client first GETs the form,
  as a browser does, for the CSRF cookie and the form's token; then it POSTs
  lookups from the mix (``lookups.py``) with both. An answer is right when
  the page shows a status for a right pair and "no case matches" otherwise.
- the hall display's data, ``/o/<slug>/display.json``: a GET, as the display
  polls it every second. An answer is right when it is JSON with the calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from .client import Check, Connection, Response, request
from .lookups import Lookup

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
FOUND = b'class="card portal-card result"'
NOT_FOUND = b'class="notice error"'


def status_path(slug: str) -> str:
    return reverse("status_lookup", args=[slug])


def display_path(slug: str) -> str:
    return reverse("queue_display_json", args=[slug])


@dataclass
class _Form:
    cookie: str
    token: str


class StatusLookups:
    """POSTs of the lookups, in turn, with each client's CSRF cookie and token."""

    def __init__(self, slug: str, lookups: list[Lookup]) -> None:
        self.path, self.lookups = status_path(slug), lookups
        self.host = ""

    async def start(self, connection: Connection) -> _Form:
        self.host = connection.host
        answer = await connection.send(request("GET", self.path, self.host, {}))
        match = TOKEN.search(answer.body)
        cookie = answer.cookies().get("csrftoken", "")
        if answer.status != 200 or match is None or not cookie:
            raise SystemExit(
                f"bench: GET {self.path} answered {answer.status} without a CSRF "
                f"cookie and token: {answer.body[:300]!r}"
            )
        return _Form(cookie, match.group(1).decode())

    def next(self, state: _Form, i: int) -> tuple[bytes, Check]:
        lookup = self.lookups[i % len(self.lookups)]
        body = urlencode(
            {
                "csrfmiddlewaretoken": state.token,
                "number": lookup.number,
                "phone_last4": lookup.phone_last4,
            }
        ).encode()
        headers = {
            "Cookie": f"csrftoken={state.cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        raw = request("POST", self.path, self.host, headers, body)
        return raw, lambda answer: _lookup_check(answer, lookup)


def _lookup_check(answer: Response, lookup: Lookup) -> str:
    if answer.status != 200:
        return f"HTTP {answer.status}"
    if lookup.found and FOUND not in answer.body:
        return "right pair not found"
    if not lookup.found and NOT_FOUND not in answer.body:
        return f"{lookup.kind} not refused"
    return ""


class Display:
    """GETs of the hall display's data."""

    def __init__(self, slug: str) -> None:
        self.path = display_path(slug)
        self.raw = b""

    async def start(self, connection: Connection) -> None:
        self.raw = request(
            "GET", self.path, connection.host, {"Accept": "application/json"}
        )

    def next(self, state: None, i: int) -> tuple[bytes, Check]:
        return self.raw, _display_check


def _display_check(answer: Response) -> str:
    if answer.status != 200:
        return f"HTTP {answer.status}"
    if not answer.body.startswith(b"{") or b'"called"' not in answer.body:
        return "not the display's JSON"
    return ""
