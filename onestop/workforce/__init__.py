"""Workforce: forecast a hotline queue's calls, staff it, roster it, test the roster.

A week is planned in half hours (``intervals``):

1. ``services.forecast_make`` reads the queue's offered calls (``history``),
   treats special days (``specialdays``: holidays, make-up days, days the
   organisation enters) and forecasts the week with the method that did best
   on the last week(s) held out (``compute.forecast``), stored as a
   ``Forecast`` with its MAPE.
2. ``staffing`` turns calls into agents by the queue's targets: Erlang C, or
   Erlang A when the queue's planning sets a patience (``compute.erlang``).
3. ``services.roster_compute`` assigns shift templates to agents for the week
   by CP-SAT (``compute.rostering``); ``services.roster_shift_add`` adds a
   shift by hand under the same limits.
4. ``simulation`` runs a day of the roster with VIP priority and callers who
   give up (``compute.callsim``).

Other apps plan with ``selectors.staffing_gap`` (documented there).
"""
