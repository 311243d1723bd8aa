"""The wording used until an organisation writes its own template."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onestop.notifications.models import NotificationKind

K = NotificationKind

DEFAULT_SUBJECTS = {
    K.RECEIPT: _("{{ organisation }}: {{ item }} accepted, no. {{ case_number }}"),
    K.NOTICE: _("{{ organisation }}: materials to supplement for {{ item }}"),
    K.INFO_REQUEST: _("{{ organisation }}: information needed for {{ case_number }}"),
    K.EXTENSION: _("{{ organisation }}: time limit of {{ case_number }} extended"),
    K.COMPLETION: _("{{ organisation }}: {{ item }} completed, ready to collect"),
    K.MESSAGE: _("{{ organisation }}: about your application {{ case_number }}"),
    K.ESCALATION: _("Case {{ case_number }} needs attention: {{ message }}"),
}

DEFAULT_BODIES = {
    K.RECEIPT: _(
        "{{ applicant }}, your application for {{ item }} was accepted "
        "(no. {{ case_number }}). We will complete it by {{ due }}. {{ pickup }}"
    ),
    K.NOTICE: _(
        "{{ applicant }}, to complete your application for {{ item }} "
        "(no. {{ case_number }}) please bring: {{ owed }}."
    ),
    K.INFO_REQUEST: _(
        "{{ applicant }}, for application {{ case_number }} we need: {{ message }} "
        "The time limit stops until we hear from you."
    ),
    K.EXTENSION: _(
        "{{ applicant }}, the time limit of application {{ case_number }} was extended: "
        "{{ message }} It will be completed by {{ due }}."
    ),
    K.COMPLETION: _(
        "{{ applicant }}, your application {{ case_number }} for {{ item }} is complete. "
        "{{ pickup }}"
    ),
    K.MESSAGE: _("{{ applicant }}, about application {{ case_number }}: {{ message }}"),
    K.ESCALATION: _(
        "Case {{ case_number }} ({{ item }}) — {{ message }} Due: {{ due }}."
    ),
}
