"""The settings gunicorn serves the benchmark with: the project's, rate limits raised.

Every client of the benchmark comes from 127.0.0.1, so with the project's
limits (10 status lookups per 10 minutes per address) all but the first ten
lookups would be answered 429. The counting itself still runs on every request
(``onestop.common.ratelimit.hit``: one cache add or incr); only the ceiling
is out of reach. Nothing else differs from ``config.settings``.
"""

from config.settings import *  # noqa: F403
from config.settings import ONESTOP_RATE_LIMITS as PROJECT_RATE_LIMITS

BENCH_LIMIT = 10**9  # attempts per window: never reached in a run
ONESTOP_RATE_LIMITS = {
    scope: (BENCH_LIMIT, window)
    for scope, (_limit, window) in PROJECT_RATE_LIMITS.items()
}
