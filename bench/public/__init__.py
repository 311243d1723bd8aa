"""Benchmark: the public status lookup and the hall display's data, over HTTP.

Run from the repository root::

    .venv/bin/python bench/public.py --db postgres             # 1,000,000 cases
    .venv/bin/python bench/public.py --db sqlite               # 200,000 cases
    .venv/bin/python bench/public.py --db postgres --cases 200000 --keep
    .venv/bin/python bench/public.py --db postgres --reuse     # no load

It loads the cases as ``bench/cases.py`` does (its database, its generator,
its ``--keep``/``--reuse``), gives the busiest organisation (the tax hall) a
hall queue with three years of numbers and a day under way, then serves
``config.wsgi`` with ``gunicorn -w 2`` on loopback under ``bench.public.settings``
(the project's settings with the rate limits out of reach: every client comes
from 127.0.0.1). Eight concurrent clients then drive, one endpoint after the
other, a short warm-up and 20 measured seconds of:

1. the status lookup, ``POST /o/<slug>/status/`` (CSRF cookie and token
   fetched once per client with a GET of the form): right number and phone
   digits, wrong digits, unknown numbers;
2. the hall display's data, ``GET /o/<slug>/display.json``.

It prints requests/s, p50/p95/p99 latency and errors for each, against the
goal (≥ 500 requests/s with p95 < 50 ms). When one misses it (or with
``--profile``), it profiles a request of each kind under cProfile through
Django's test client and explains its queries.

The modules, in the order a run uses them:

- ``options``: the command line, the goal, where the outputs go;
- ``main``: the entry point (``bench.cases.database`` makes the database
  and starts Django); ``run``: the steps once Django is up;
- ``hall``: the queue categories and tickets, written with ``bench.cases``'
  table writers;
- ``lookups``: the mix of status lookups;
- ``settings``: what gunicorn serves with;
- ``client``: an asyncio HTTP/1.1 load generator (standard library only);
- ``endpoints``: the two endpoints as the clients ask them, and how an
  answer is checked;
- ``profiling``: cProfile and EXPLAIN of one request of each kind;
- ``report``: the printed set-up, figures and verdicts.
"""
