"""The shape of the demo data: plain, frozen records that ``loading`` turns into rows.

The data modules (``university``, ``taxhall``) fill these in; nothing here
touches the database. Departments, posts and windows are referred to by
their codes, as a catalogue kept in Excel would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from onestop.catalog.models import ItemKind, MaterialForm, Necessity

ORIGINAL = MaterialForm.ORIGINAL
COPY = MaterialForm.COPY
ORIGINAL_AND_COPY = MaterialForm.ORIGINAL_AND_COPY
ELECTRONIC = MaterialForm.ELECTRONIC

NO_FEE = "不收费"


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    is_back_office: bool = False
    phone: str = ""


@dataclass(frozen=True)
class WindowTypeSpec:
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class WindowSpec:
    number: str
    window_type: str
    department: str
    is_all_round: bool = False
    location: str = ""


@dataclass(frozen=True)
class PostSpec:
    code: str
    name: str
    department: str
    duties: tuple[str, ...]
    windows: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostingSpec:
    """A person on a post; ``is_lead`` marks the post's lead (岗位负责人)."""

    post: str
    is_lead: bool = False
    since: date | None = None


@dataclass(frozen=True)
class MemberSpec:
    """A person's place in one organisation: roles, staff number, posts."""

    organisation: str
    roles: tuple[str, ...]
    staff_number: str = ""
    posts: tuple[PostingSpec, ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    username: str
    last_name: str
    first_name: str
    memberships: tuple[MemberSpec, ...]
    is_staff: bool = False
    is_superuser: bool = False
    email: str = ""


@dataclass(frozen=True)
class MaterialSpec:
    """A required material; a non-empty ``condition`` makes it conditional."""

    name: str
    form: str = ORIGINAL
    copies: int = 1
    condition: str = ""
    notes: str = ""

    @property
    def necessity(self) -> str:
        return Necessity.CONDITIONAL if self.condition else Necessity.MANDATORY


@dataclass(frozen=True)
class StepSpec:
    name: str
    department: str
    limit_days: int
    post: str = ""
    description: str = ""


@dataclass(frozen=True)
class FaqSpec:
    question: str
    answer: str


@dataclass(frozen=True)
class ItemSpec:
    """A catalogue item; a promised item (承诺件) exactly when it has a promise."""

    code: str
    name: str
    category: str
    department: str
    window_type: str
    legal_basis: str
    materials: tuple[MaterialSpec, ...]
    statutory_limit_days: int | None = None
    promised_limit_days: int | None = None
    steps: tuple[StepSpec, ...] = ()
    summary: str = ""
    eligibility: str = ""
    fee: str = NO_FEE
    fee_basis: str = ""
    result: str = ""
    delivery_ways: str = ""
    online_available: bool = False
    consult_phone: str = ""
    keywords: str = ""
    faqs: tuple[FaqSpec, ...] = ()

    @property
    def kind(self) -> str:
        return ItemKind.PROMISED if self.promised_limit_days else ItemKind.IMMEDIATE


@dataclass(frozen=True)
class CalendarExceptionSpec:
    date: date
    kind: str
    reason: str


@dataclass(frozen=True)
class DutyLogSpec:
    author: str
    day: date
    shift: str
    summary: str
    post: str = ""
    incidents: str = ""
    handover_notes: str = ""


@dataclass(frozen=True)
class HandoverSpec:
    """A register line; the receiver confirms ``confirmed`` ones on load."""

    reference: str
    materials: tuple[str, ...]
    copies: int
    from_user: str
    from_department: str
    to_user: str
    to_department: str
    handed_over_at: datetime
    due_at: datetime | None = None
    remarks: str = ""
    confirmed: bool = False


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    code: str
    name: str
    short_name: str
    kind: str
    address: str
    phone: str
    office_hours: str
    commitments: tuple[str, ...]
    departments: tuple[DepartmentSpec, ...]
    window_types: tuple[WindowTypeSpec, ...]
    windows: tuple[WindowSpec, ...]
    posts: tuple[PostSpec, ...]
    items: tuple[ItemSpec, ...]
    calendar_exceptions: tuple[CalendarExceptionSpec, ...] = ()
    duty_log: tuple[DutyLogSpec, ...] = ()
    handovers: tuple[HandoverSpec, ...] = field(default=())
