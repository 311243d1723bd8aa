"""Erlang B, Erlang C and Erlang A (Palm) queues, and staffing a call centre.

Pure Python + NumPy; no Django. Sources:

- A. K. Erlang, "Løsning af nogle Problemer fra Sandsynlighedsregningen af
  Betydning for de automatiske Telefoncentraler", Elektroteknikeren 13 (1917);
  English: "Solution of some problems in the theory of probabilities of
  significance in automatic telephone exchanges", P.O. Elec. Eng. J. 10
  (1917–18) 189–197 — the loss (B) and delay (C) formulas.
- R. B. Cooper, *Introduction to Queueing Theory*, 2nd ed., North Holland,
  1981 — the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) and
  C = n·B / (n − A·(1 − B)), which avoid factorials and powers entirely.
- G. Koole, *Call Center Optimization*, MG books, 2013; N. Gans,
  G. Koole, A. Mandelbaum, "Telephone call centers: tutorial, review, and
  research prospects", MSOM 5(2), 2003 — service level
  1 − C·exp(−(n − A)·t / AHT) and ASA = C·AHT / (n − A) of M/M/n.
- C. Palm, "Research on telephone traffic carried by full availability
  groups", Tele 1957 (1) (English ed.); O. Garnett, A. Mandelbaum,
  M. Reiman, "Designing a call center with impatient customers", MSOM 4(3),
  2002, 208–227; A. Mandelbaum, S. Zeltyn, "Service engineering in action:
  the Palm/Erlang-A queue, with applications to call centers", in *Advances
  in Services Innovations*, Springer, 2007, 17–45 — the M/M/n+M queue.

Staffing decisions are exact: inputs are read as the decimals they print as,
and a count on a boundary is settled in rationals (see :mod:`.staffing`).
Reported service levels, waits and probabilities are floats.

=================  ==============================================================
Module             Holds
=================  ==============================================================
``_checks``        input checks; ``_Problem``, the validated inputs of one problem
``formulas``       :func:`erlang_b`, :func:`erlang_c`, :func:`service_level`,
                   :func:`average_speed_of_answer` and their float helpers
``staffing``       :class:`Staffing`, :func:`required_agents`: one interval, with
                   the exact-arithmetic decisions (``_exact*``, ``_meets*``)
``staffing_many``  :class:`StaffingArrays`, :func:`required_agents_many`: many
                   intervals at once in NumPy
``palm``           :class:`ErlangA`, :func:`erlang_a`: the M/M/n+M queue
=================  ==============================================================
"""

from onestop.compute.erlang.formulas import (
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    service_level,
)
from onestop.compute.erlang.palm import ErlangA, erlang_a
from onestop.compute.erlang.staffing import Staffing, required_agents
from onestop.compute.erlang.staffing_many import StaffingArrays, required_agents_many

__all__ = [
    "ErlangA",
    "Staffing",
    "StaffingArrays",
    "average_speed_of_answer",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "required_agents",
    "required_agents_many",
    "service_level",
]
