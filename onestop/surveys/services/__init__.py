"""Writes of the surveys app, one module per idea; import them from here."""

from onestop.surveys.services.answering import (
    Respondent,
    response_exclusion_set,
    response_record,
)
from onestop.surveys.services.building import (
    QuestionFields,
    QuestionnaireFields,
    question_add,
    question_delete,
    question_move,
    questionnaire_create,
    questionnaire_new_version,
    questionnaire_publish,
    questionnaire_update,
    section_add,
)
from onestop.surveys.services.invitations import (
    RuleFields,
    invitation_for_case,
    invitation_for_phone_call,
    invitation_links_create,
    return_visit_record,
    sampling_rule_create,
    sampling_run,
)
from onestop.surveys.services.servqual import servqual_create

__all__ = [
    "QuestionFields",
    "QuestionnaireFields",
    "Respondent",
    "RuleFields",
    "invitation_for_case",
    "invitation_for_phone_call",
    "invitation_links_create",
    "question_add",
    "question_delete",
    "question_move",
    "questionnaire_create",
    "questionnaire_new_version",
    "questionnaire_publish",
    "questionnaire_update",
    "response_exclusion_set",
    "response_record",
    "return_visit_record",
    "sampling_rule_create",
    "sampling_run",
    "section_add",
    "servqual_create",
]
