"""A hand-checked May 2025 at the university, shared by the assessment tests.

Every figure the tests expect is counted here, beside the rows:

uni_clerk (post U-P1 窗口受理岗, department U-FRONT):
- case steps finished in May: 1, on time            → on-time rate 100 %
- requests received in May with notices 1, 1, 1, 2 (and two with none)
                                                     → one-time rate 3 / 4 = 75 %
- ratings in May 5, 4, 2, 1 (and a 1 found invalid, not counted)
                                                     → average 12 / 4 = 3.0, bad 2
- the 2 was verified as a valid complaint on 12 May  → complaints 1
- hand-over lines received: confirmed in time, confirmed late → 50 %
- hall numbers called: waits 10 and 20 min, serving 5 and 9 min → 15 and 7
uni_technician (post U-P2 审核岗, department U-BACK):
- case steps finished in May 3 on time, 1 late (and one finished on 30 April)
                                                     → on-time rate 3 / 4 = 75 %
- one rating of 5                                    → average 5.0, bad 0
uni_supervisor handles the rectifications: one due 20 May replied 22 May
(overdue), one found invalid (not counted)           → overdue 1
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from onestop.assessment.testing import (
    at,
    make_case,
    make_category,
    make_handover,
    make_rating,
    make_rectification,
    make_step,
    ticket_row,
)
from onestop.common.testing import make_item
from onestop.organisations.models import Membership
from onestop.posts.models import Post, PostAssignment
from onestop.queueing.models import Ticket


def assign(user: Any, post: Post) -> None:
    membership = Membership.objects.get(user=user, organisation=post.organisation)
    PostAssignment.objects.create(post=post, membership=membership)


def populate_may(t: Any) -> None:
    """Give the test class ``t`` the posts, people and recorded May work above."""
    s = t.uni_structure
    t.front, t.back, t.post_front = s["front"], s["back"], s["post"]
    t.post_back = Post.objects.create(
        organisation=t.uni, department=t.back, code="U-P2", name="审核岗", duties="审核"
    )
    assign(t.uni_clerk, t.post_front)
    assign(t.uni_technician, t.post_back)
    item = make_item(t.uni, s, code="U-001", name="宿舍调换")
    t.item = item
    _steps(t, item)
    _notices(t, item)
    _ratings(t, item)
    _handovers(t)
    _tickets(t)


def _steps(t: Any, item: Any) -> None:
    clerk_case = make_case(item, clerk=t.uni_clerk, received_at=at("2025-04-28 09:00"))
    make_step(
        clerk_case,
        department=t.front,
        post=t.post_front,
        assignee=t.uni_clerk,
        due_at=at("2025-05-06 17:30"),
        finished_at=at("2025-05-06 10:00"),
    )
    finished = [
        ("05-08", "05-07"),
        ("05-14", "05-14"),
        ("05-21", "05-20"),
        ("05-23", "05-26"),
    ]  # (due, finished): the last one is late
    for due, done in finished:
        case = make_case(item, clerk=t.uni_clerk, received_at=at("2025-04-29 09:00"))
        make_step(
            case,
            department=t.back,
            post=t.post_back,
            assignee=t.uni_technician,
            due_at=at(f"2025-{due} 17:30"),
            finished_at=at(f"2025-{done} 15:00"),
        )
    april = make_case(item, clerk=t.uni_clerk, received_at=at("2025-04-20 09:00"))
    make_step(
        april,
        department=t.back,
        post=t.post_back,
        assignee=t.uni_technician,
        due_at=at("2025-04-25 17:30"),
        finished_at=at("2025-04-30 15:00"),
    )


def _notices(t: Any, item: Any) -> None:
    for day, notices in (("05", 1), ("06", 1), ("07", 1), ("08", 2), ("09", 0)):
        make_case(item, clerk=t.uni_clerk, received_at=at(f"2025-05-{day} 10:00"),
                  notices=notices)  # fmt: skip


def _ratings(t: Any, item: Any) -> None:
    rated = {}
    for day, level in (("10", 5), ("11", 4), ("12", 2), ("13", 1)):
        case = make_case(item, clerk=t.uni_clerk, received_at=at("2025-04-01 09:00"))
        rated[level] = make_rating(case, staff=t.uni_clerk, level=level,
                                   rated_at=at(f"2025-05-{day} 11:00"))  # fmt: skip
    invalid_case = make_case(
        item, clerk=t.uni_clerk, received_at=at("2025-04-01 09:00")
    )
    invalid = make_rating(invalid_case, staff=t.uni_clerk, level=1,
                          rated_at=at("2025-05-14 11:00"))  # fmt: skip
    invalid.counted = False
    invalid.save(update_fields=["counted"])
    tech_case = make_case(item, clerk=t.uni_clerk, received_at=at("2025-04-01 09:00"))
    make_rating(tech_case, staff=t.uni_technician, level=5,
                rated_at=at("2025-05-15 11:00"))  # fmt: skip
    make_rectification(rated[2], handler=t.uni_supervisor, due_at=at("2025-05-20 17:30"),
                       valid=True, verified_at=at("2025-05-12 15:00"),
                       replied_at=at("2025-05-22 10:00"))  # fmt: skip
    make_rectification(invalid, handler=t.uni_supervisor, due_at=at("2025-05-25 17:30"),
                       valid=False, verified_at=at("2025-05-14 15:00"))  # fmt: skip


def _handovers(t: Any) -> None:
    for confirmed in ("2025-05-15 16:00", "2025-05-17 09:00"):
        make_handover(t.uni, giver=t.uni_technician, receiver=t.uni_clerk,
                      department=t.front, handed_over_at=at("2025-05-15 10:00"),
                      due_at=at("2025-05-16 17:30"), received_at=at(confirmed))  # fmt: skip


def _tickets(t: Any) -> None:
    category = make_category(t.uni, t.uni_structure["window_type"])
    Ticket.objects.bulk_create(
        ticket_row(category, staff=t.uni_clerk, taken_at=at("2025-05-19 09:00")
                   + timedelta(hours=i), wait_minutes=wait, serve_minutes=serve)
        for i, (wait, serve) in enumerate(((10, 5), (20, 9)))
    )  # fmt: skip
