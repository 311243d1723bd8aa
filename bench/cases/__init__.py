"""Benchmark: casework over a large history, and acceptances per second.

Run from the repository root::

    .venv/bin/python bench/cases.py --db postgres              # 1,000,000 cases
    .venv/bin/python bench/cases.py --db sqlite                # 200,000 cases
    .venv/bin/python bench/cases.py --db postgres --cases 200000

It builds a database of its own — PostgreSQL: ``onestop_bench`` on the server
of ``--pg-url`` (created, then dropped at the end); SQLite: a file under
``var/bench/`` (deleted at the end) — migrates it, loads the demo
organisations (``manage.py load_demo``'s data) plus two copies of them under
other names, and bulk-loads N cases with histories: material lines, step
activations, 1–8 events (3–8 for every case that went through the back
office), documents, suspensions and extensions, in batches (PostgreSQL: COPY
with the secondary indexes dropped and rebuilt afterwards; SQLite:
executemany). Then it measures, on the busiest organisation:

1. "my work" (``selectors.my_work``) of the handler with the most open cases
   waiting, p50/p95 over ``--samples`` calls;
2. the supervisor's board (``selectors.supervisor_board``);
3. a case page: ``case_get`` and everything the page computes (clocks,
   allowed actions, colour, every prefetched list), over ``--samples``
   different cases, half of them open;
4. the same three as pages over the Django test client (templates included),
   when the staff pages are there;
5. acceptances per second through the service layer (``case_intake`` with
   outcome "accepted", one caller, ``--acceptances`` calls);
6. acceptances per second over HTTP: ``gunicorn -w 2`` on loopback serving
   ``config.wsgi``, ``--http-clients`` concurrent clients posting to
   ``/api/v1/cases/intake/`` with a token; "skipped" when the endpoint is
   missing or gunicorn is not installed (``pip install -e '.[bench]'``).

It prints, for each query behind 1–3, the number of queries and the slowest
one with its plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on
SQLite); whole plans go to ``var/bench/explain-<db>.txt``. ``--profile``
adds a cProfile of one acceptance over the API.

The modules, in the order a run uses them:

- ``options``: the command line, the benchmark's files and the goals;
- ``database``: the benchmark's own database, created and dropped, and Django
  started on it;
- ``main``: the entry point; ``run``: the steps of a run once Django is up;
- ``organisations``: the demo's organisations and renamed copies of them;
- ``plans``: what the generator needs to know of each organisation;
- ``population``, ``applicants``, ``timeline``: the mix of statuses and
  channels, who applies, office hours and working days;
- ``histories``: one case after another (organisation, item, status, age);
- ``drafts``, ``paths``, ``documents``: one case's history and its rows;
- ``tables``, ``loading``: the rows written in bulk, indexes dropped and
  rebuilt;
- ``subjects``, ``sanity``: who and what is measured, and a check that the
  loaded data holds together;
- ``measure``, ``explain``, ``reads``: latency samples, query plans, and the
  three reads (selectors and pages);
- ``acceptances``, ``over_http``, ``profiling``: acceptances through the
  service layer, over gunicorn, and one under cProfile;
- ``report``: the printed figures and the verdicts.

Goals printed next to the figures: p95 < 100 ms at 1,000,000 cases on
PostgreSQL; at least 300 acceptances/s over HTTP. Text messages and e-mail go
to memory (``SMS_BACKEND=locmem``), and Celery runs in-process as in the
embedded deployment. See ``bench/README.md`` for how to read the figures.
"""
