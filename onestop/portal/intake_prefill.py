"""Opening the window screen on an online application: what it starts filled with.

The clerk still checks and decides; the screen only starts with the
applicant's details, the channel "online", and each material that has an
uploaded file ticked as received (the required number of copies, as an
electronic file) with a link to view the file. Materials are matched by
name, so an application made under an older version of the item still lines
up with the current list.
"""

from __future__ import annotations

from typing import Any

from onestop.cases.models import Channel
from onestop.catalog.models import MaterialForm
from onestop.portal.models import OnlineApplication

APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "applicant_phone",
    "applicant_id_number",
    "applicant_email",
    "applicant_address",
    "contact_person",
)


def applicant_initial(application: OnlineApplication | None) -> dict[str, Any] | None:
    if application is None:
        return None
    initial = {name: getattr(application, name) for name in APPLICANT_FIELDS}
    initial["channel"] = Channel.ONLINE
    return initial


def checklist_mark_uploads(
    checklist: Any, application: OnlineApplication | None
) -> None:
    """Tick the lines that have an uploaded file and hang the file on the line for its link."""
    if application is None:
        return
    by_name = {upload.material_name: upload for upload in application.uploads.all()}
    for form in checklist.forms:
        form.upload = by_name.get(form.spec.name)
        if form.upload is not None and not form.is_bound:
            form.initial.update(
                received=True,
                applies=True,
                count=form.spec.copies,
                form=MaterialForm.ELECTRONIC,
            )
