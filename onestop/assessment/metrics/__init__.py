"""The data-sourced metrics an indicator can be computed from (指标数据来源).

Every metric is counted in SQL with one grouped query over the period
[00:00 on ``start``, 24:00 on ``end``) in the organisation's time zone, and
is attributed to the person whose work it measures:

- a **person** is the user named on the record (the step's assignee, the
  case's first responsible, the rated staff member …);
- a **post** or a **department** is read from the record where the record
  names one (a case step's post and department, a hand-over's receiving
  department); otherwise the person's figures are rolled up over the posts
  they are assigned to (post → department), each person counted once per
  post and once per department;
- a **group** (an outsourced provider's contract) is the union of the user
  ids the caller maps to it, optionally narrowed to the records of the
  catalogue items the caller names for it (the contract's service type), so a
  provider holding two contracts has each one's work counted for it alone.

Rates are percentages (0–100) and averages are recomputed from the summed
numerators and denominators, never averaged from averages. A count metric
with no events is 0 for anyone listed; a rate or average with nothing
counted has no value (the subject is absent from the result).

One module per idea; import from here: the metric registry
(``definitions``), the grouped query over one table of records (``tables``),
where each metric is counted (``sources``), summing the rows per subject and
rolling people up (``rollups``), and the entry points ``metric_figures`` and
``metric_values`` (``figures``).
"""

from onestop.assessment.metrics.definitions import (
    METRICS,
    Direction,
    Metric,
    MetricValue,
    Subject,
    Unit,
)
from onestop.assessment.metrics.figures import metric_figures, metric_values
from onestop.assessment.metrics.sources import SOURCES

__all__ = [
    "METRICS",
    "SOURCES",
    "Direction",
    "Metric",
    "MetricValue",
    "Subject",
    "Unit",
    "metric_figures",
    "metric_values",
]
