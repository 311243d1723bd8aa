"""北方大学后勤服务中心: the kiosk's four kinds of business, booking slots, a morning's numbers.

Windows 1, 2 and 6 are all-round; 3 (repairs) and 5 (apartments) call only
their own letters, and the card window (4) is not staffed, so card numbers
go to the all-round windows. On the day of the load four windows are open:
fourteen numbers in the last three quarters of an hour, a retired teacher
served first, one student who did not come, two still waiting.
"""

from __future__ import annotations

from onestop.queueing.models import Priority

from .specs import (
    BookingSpec,
    CategorySpec,
    HallSpec,
    SlotPlanSpec,
    no_show,
    served,
    take,
)

CLERK, SUPERVISOR = "uni-clerk", "uni-supervisor"
DISPATCH, APARTMENTS = "uni-dispatch", "uni-backoffice"
ELDERLY = Priority.ELDERLY

CATEGORIES = (
    CategorySpec("A", "报修服务", "REPAIR"),
    CategorySpec("B", "卡务办理", "CARD"),
    CategorySpec("C", "综合服务", "GEN"),
    CategorySpec("D", "公寓事务", "APT"),
)

SLOTS = (
    SlotPlanSpec(
        "GEN",
        "08:30-09:30, 09:30-10:30, 10:30-11:30, 14:00-15:00, 15:00-16:00, 16:00-17:00",
        5,
    ),
    SlotPlanSpec("REPAIR", "09:00-10:00, 14:30-15:30", 3),
    SlotPlanSpec("CARD", "08:30-09:30, 10:00-11:00, 14:00-15:00, 16:00-17:00", 4),
    SlotPlanSpec("APT", "09:00-10:00, 10:00-11:00, 15:00-16:00", 3),
)

# fmt: off
BOOKINGS = (
    BookingSpec("CARD", 0, "08:30", "吴雨涵", "15543109271", "HQ-KW-01"),
    BookingSpec("APT", 0, "09:00", "郭子墨", "17604319285", "HQ-GY-01"),
    BookingSpec("GEN", 1, "14:00", "黄立伟", "13944018326", "HQ-CD-01"),
    BookingSpec("REPAIR", 3, "09:00", "邱慧敏", "18686432017", "HQ-WX-03"),
)

TAKES = (
    take(45, "B"), take(43, "A"), take(42, "C"), take(40, "B"),
    take(37, "D"), take(34, "B", ELDERLY), take(30, "C"), take(27, "A"),
    take(24, "B"), take(20, "D"), take(15, "C"), take(10, "B"),
    take(6, "A"), take(3, "C"),
)

VISITS = (
    served("1", CLERK, 44, 43, 39),
    served("3", DISPATCH, 42, 41, 35),
    served("2", SUPERVISOR, 41, 40, 31),
    served("1", CLERK, 38, 37, 33),
    served("5", APARTMENTS, 36, 35, 24),
    served("1", CLERK, 32, 31, 26),
    no_show("2", SUPERVISOR, 29, 27),
    served("3", DISPATCH, 26, 25, 18),
    served("2", SUPERVISOR, 23, 22, 16),
    served("5", APARTMENTS, 19, 18, 8),
    served("1", CLERK, 14, 13, 7),
    served("2", SUPERVISOR, 9, 8, 2),
)
# fmt: on

HALL = HallSpec(CATEGORIES, SLOTS, BOOKINGS, TAKES, VISITS)
