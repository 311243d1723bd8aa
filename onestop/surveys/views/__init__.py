"""Survey pages, one module per idea; the URL modules import them from here.

The public answer page behind a token (``answering``), and the staff's pages:
questionnaires and their builder (``questionnaires``), invitations, sampling
and return visits (``invitations``), import (``imports``), responses with
their screening, scores and response rates (``results``) and the SERVQUAL
report (``servqual``).
"""

from onestop.surveys.views.answering import answer
from onestop.surveys.views.imports import import_page, import_template_download
from onestop.surveys.views.invitations import (
    invitation_qr,
    invitations,
    return_visit,
    return_visits,
    sampling,
    sampling_run,
)
from onestop.surveys.views.questionnaires import (
    home,
    question_add,
    question_delete,
    question_move,
    questionnaire_new,
    questionnaire_new_version,
    questionnaire_page,
    questionnaire_publish,
    questionnaire_settings,
    questionnaires,
    section_add,
    servqual_new,
)
from onestop.surveys.views.results import (
    question_answers,
    rates,
    response_page,
    responses,
    results_download,
    results_page,
)
from onestop.surveys.views.servqual import servqual_page

__all__ = [
    "answer",
    "home",
    "import_page",
    "import_template_download",
    "invitation_qr",
    "invitations",
    "question_add",
    "question_answers",
    "question_delete",
    "question_move",
    "questionnaire_new",
    "questionnaire_new_version",
    "questionnaire_page",
    "questionnaire_publish",
    "questionnaire_settings",
    "questionnaires",
    "rates",
    "response_page",
    "responses",
    "results_download",
    "results_page",
    "return_visit",
    "return_visits",
    "sampling",
    "sampling_run",
    "section_add",
    "servqual_new",
    "servqual_page",
]
