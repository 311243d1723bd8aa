"""The shape of a demo online application: the item, the applicant, when, and the files.

``files`` pairs a material's position in the item's list with the name the
applicant's file had; its suffix decides whether a tiny PDF or PNG is made
(``files.demo_file``). Every mandatory material needs a file, as on the
public form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from onestop.demo.cases.specs import at
from onestop.intake.checks import Applicant


@dataclass(frozen=True)
class ApplicationSpec:
    item: str
    applicant: Applicant
    submitted: datetime
    files: tuple[tuple[int, str], ...]


def application(
    item: str, applicant: Applicant, when: str, *files: tuple[int, str]
) -> ApplicationSpec:
    """``when`` as in the case scripts (``"11-28 21:40"``)."""
    return ApplicationSpec(item, applicant, at(when), files)
