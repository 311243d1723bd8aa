"""Submitting the demo's online applications through the portal's service.

``application_submit`` — the service behind the public apply page — checks
the applicant and every file and keeps them in private storage (MEDIA_ROOT,
``var/private/`` by default). Only for an organisation with no online
application yet; they stay waiting for the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.models import Organisation
from onestop.portal.models import OnlineApplication
from onestop.portal.services import application_submit
from onestop.portal.uploads import Upload

from .files import demo_file
from .specs import ApplicationSpec


def applications_submit(
    *, organisation: Organisation, specs: Sequence[ApplicationSpec]
) -> int:
    """Submit the sample applications; how many, or 0 if it had applications."""
    if (
        not specs
        or OnlineApplication.objects.filter(organisation=organisation).exists()
    ):
        return 0
    for spec in specs:
        try:
            application_submit(
                organisation=organisation,
                item_code=spec.item,
                applicant=spec.applicant,
                uploads=[
                    Upload(position, demo_file(name, position))
                    for position, name in spec.files
                ],
                now=spec.submitted,
            )
        except (ServiceError, ServiceErrors) as error:
            raise ValueError(
                f"Demo application {spec.item} of {spec.applicant.name} refused: {error}"
            ) from error
    return len(specs)
