"""The demo's staff: one login per role in each organisation, all with one password.

One quality inspector works for both organisations (an outside assessor the
university and the tax hall both engage), so switching organisation can be
tried with a single login.
"""

from __future__ import annotations

from datetime import date

from onestop.organisations.roles import Role

from .specs import MemberSpec, PersonSpec, PostingSpec

DEMO_PASSWORD = "onestop-demo"


def _on(post: str, *, lead: bool = False, since: date | None = None) -> PostingSpec:
    return PostingSpec(post=post, is_lead=lead, since=since)


def _staff(
    username: str,
    name: tuple[str, str],
    organisation: str,
    role: str,
    staff_number: str,
    *posts: PostingSpec,
    is_staff: bool = False,
) -> PersonSpec:
    """A person in one organisation with one role; ``name`` is (surname, given name)."""
    return PersonSpec(
        username=username,
        last_name=name[0],
        first_name=name[1],
        memberships=(MemberSpec(organisation, (role,), staff_number, posts),),
        is_staff=is_staff,
    )


PLATFORM = PersonSpec(
    username="platform",
    last_name="高",
    first_name="远",
    memberships=(),
    is_staff=True,
    is_superuser=True,
    email="platform@onestop.example",
)

_SINCE = date(2021, 9, 1)

# One line per person reads as a staff list; keep the formatter out.
# fmt: off
UNIVERSITY_STAFF = (
    _staff("uni-admin", ("孙", "立军"), "uni", Role.ADMINISTRATOR, "HQ0102",
           _on("OFFICE-02", lead=True), is_staff=True),
    _staff("uni-clerk", ("王", "晓燕"), "uni", Role.CLERK, "HQ0211",
           _on("HALL-01", lead=True, since=date(2022, 3, 1))),
    _staff("uni-backoffice", ("刘", "建国"), "uni", Role.BACK_OFFICE, "HQ0305",
           _on("APT-01", lead=True)),
    # One person, two posts: the duty supervisor also serves at the windows,
    # so the window post has two people.
    _staff("uni-supervisor", ("陈", "静"), "uni", Role.SUPERVISOR, "HQ0201",
           _on("HALL-02", lead=True, since=_SINCE), _on("HALL-01", since=_SINCE)),
    _staff("uni-manager", ("赵", "志刚"), "uni", Role.MANAGER, "HQ0101",
           _on("OFFICE-01", lead=True)),
    _staff("uni-tech", ("李", "德福"), "uni", Role.TECHNICIAN, "HQ0412",
           _on("REPAIR-02", lead=True)),
    # The repair dispatcher takes web and phone reports and sends them out.
    _staff("uni-dispatch", ("韩", "雪"), "uni", Role.BACK_OFFICE, "HQ0409",
           _on("REPAIR-01", lead=True)),
    # One clerk runs bookings for the conference centre and the motor pool.
    _staff("uni-affairs", ("吕", "明辉"), "uni", Role.BACK_OFFICE, "HQ0515",
           _on("CONF-01", lead=True), _on("TRANS-01", lead=True)),
    # Staff of the outsourced property company (恒安物业), not of the university.
    _staff("uni-provider", ("马", "春梅"), "uni", Role.PROVIDER, "HA-0031",
           _on("PROP-01", lead=True)),
    # The repair hotline's operators (demo.hotline).
    _staff("uni-hotline-01", ("宋", "佳"), "uni", Role.AGENT, "HQ0420", _on("REPAIR-01")),
    _staff("uni-hotline-02", ("邓", "文博"), "uni", Role.AGENT, "HQ0421", _on("REPAIR-01")),
    _staff("uni-hotline-03", ("蒋", "小芸"), "uni", Role.AGENT, "HQ0422", _on("REPAIR-01")),
)

TAX_HALL_STAFF = (
    _staff("tax-admin", ("郑", "磊"), "tax", Role.ADMINISTRATOR, "CD0105",
           _on("OFFICE-02", lead=True), is_staff=True),
    # The window clerk also staffs the invoice window.
    _staff("tax-clerk", ("杨", "帆"), "tax", Role.CLERK, "CD0213",
           _on("HALL-01", lead=True, since=date(2020, 7, 1)), _on("HALL-04")),
    _staff("tax-backoffice", ("黄", "丽娟"), "tax", Role.BACK_OFFICE, "CD0308",
           _on("COLLECT-01", lead=True)),
    _staff("tax-chief", ("曹", "文斌"), "tax", Role.BACK_OFFICE, "CD0302",
           _on("COLLECT-02", lead=True)),
    _staff("tax-source", ("徐", "国栋"), "tax", Role.BACK_OFFICE, "CD0411",
           _on("SOURCE-01", lead=True)),
    _staff("tax-supervisor", ("吴", "海涛"), "tax", Role.SUPERVISOR, "CD0201",
           _on("HALL-02", lead=True), _on("HALL-01")),
    _staff("tax-manager", ("何", "志远"), "tax", Role.MANAGER, "CD0101",
           _on("OFFICE-01", lead=True)),
    # The 12366 agent also guides visitors in the hall (导税).
    _staff("tax-agent", ("林", "小雨"), "tax", Role.AGENT, "CD0506",
           _on("SERVICE-01", lead=True), _on("HALL-03")),
    # The rest of the 12366 seats (demo.hotline).
    _staff("tax-hotline-01", ("张", "慧敏"), "tax", Role.AGENT, "CD0521", _on("SERVICE-01")),
    _staff("tax-hotline-02", ("王", "磊"), "tax", Role.AGENT, "CD0522", _on("SERVICE-01")),
    _staff("tax-hotline-03", ("刘", "佳琪"), "tax", Role.AGENT, "CD0523", _on("SERVICE-01")),
    _staff("tax-hotline-04", ("陈", "晨"), "tax", Role.AGENT, "CD0524", _on("SERVICE-01")),
    _staff("tax-hotline-05", ("赵", "雅婷"), "tax", Role.AGENT, "CD0525", _on("SERVICE-01")),
    _staff("tax-hotline-06", ("孙", "浩"), "tax", Role.AGENT, "CD0526", _on("SERVICE-01")),
    _staff("tax-hotline-07", ("周", "丽萍"), "tax", Role.AGENT, "CD0527", _on("SERVICE-01")),
    _staff("tax-hotline-08", ("郭", "志强"), "tax", Role.AGENT, "CD0528", _on("SERVICE-01")),
)

# fmt: on

SHARED_STAFF = (
    PersonSpec(
        username="qa-inspector",
        last_name="周",
        first_name="敏",
        memberships=(
            MemberSpec("uni", (Role.INSPECTOR,), "HQ0601", (_on("QA-01", lead=True),)),
            MemberSpec(
                "tax", (Role.INSPECTOR,), "CD0609", (_on("SERVICE-03", lead=True),)
            ),
        ),
    ),
)

STAFF = UNIVERSITY_STAFF + TAX_HALL_STAFF + SHARED_STAFF
PEOPLE = (PLATFORM, *STAFF)

DEMO_LOGINS: list[tuple[str, tuple[str, ...], str]] = [
    (person.username, tuple(str(role) for role in member.roles), member.organisation)
    for person in STAFF
    for member in person.memberships
] + [(PLATFORM.username, (), "")]
"""(username, roles, organisation slug) per membership; the superuser has none."""
