"""Writes of quality inspection. Each runs in one transaction with an audit event."""

from onestop.inspection.services.appeals import (
    Decision,
    appeal_decide,
    appeal_file,
    inspections_finalise,
)
from onestop.inspection.services.inspections import (
    MarkInput,
    VisitInput,
    calibration_start,
    inspection_assign,
    inspection_score,
    mystery_visit_create,
)
from onestop.inspection.services.sampling import RuleDraft, rule_save, sample_run
from onestop.inspection.services.scorecards import (
    DeductionDraft,
    ItemDraft,
    ScorecardDraft,
    SectionDraft,
    scorecard_as_draft,
    scorecard_create,
    scorecard_new_version,
    scorecard_update,
)

__all__ = [
    "Decision",
    "DeductionDraft",
    "ItemDraft",
    "MarkInput",
    "RuleDraft",
    "ScorecardDraft",
    "SectionDraft",
    "VisitInput",
    "appeal_decide",
    "appeal_file",
    "calibration_start",
    "inspection_assign",
    "inspection_score",
    "inspections_finalise",
    "mystery_visit_create",
    "rule_save",
    "sample_run",
    "scorecard_as_draft",
    "scorecard_create",
    "scorecard_new_version",
    "scorecard_update",
]
