"""城东区税务局办税服务厅: the kiosk's four kinds of business, booking slots, a morning's numbers.

Windows 1–6 are all-round and call every letter; 7 (invoices) and 8
(filing) only their own. On the day of the load two clerks are at windows 1
and 2: fifteen numbers in the last fifty minutes, an elderly taxpayer and a
credit-A taxpayer served first, one who did not come, four still waiting.
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

CLERK, SUPERVISOR = "tax-clerk", "tax-supervisor"
ELDERLY, VIP = Priority.ELDERLY, Priority.VIP  # VIP: 纳税信用 A 级

CATEGORIES = (
    CategorySpec("A", "综合业务", "GEN"),
    CategorySpec("B", "发票业务", "INVOICE"),
    CategorySpec("C", "申报缴税", "FILING"),
    CategorySpec("D", "登记认定", "REG"),
)

_HOURS = "09:00-10:00, 10:00-11:00, 14:00-15:00, 15:00-16:00"
SLOTS = (
    SlotPlanSpec(
        "GEN",
        "09:00-10:00, 10:00-11:00, 11:00-12:00, 14:00-15:00, 15:00-16:00, 16:00-17:00",
        6,
    ),
    SlotPlanSpec("INVOICE", _HOURS, 4),
    SlotPlanSpec("FILING", _HOURS, 4),
    SlotPlanSpec("REG", "09:00-10:30, 14:00-15:30", 3),
)

# fmt: off
BOOKINGS = (
    BookingSpec("GEN", 0, "09:00", "赵丽华", "13504431268", "TAX-SX-02"),
    BookingSpec("INVOICE", 0, "10:00", "孙志强", "18943120576", "TAX-FP-02"),
    BookingSpec("REG", 1, "09:00", "钱晓东", "15004312287", "TAX-DJ-03"),
    BookingSpec("FILING", 2, "14:00", "李秀云", "13331408865", "TAX-SB-03"),
)

TAKES = (
    take(50, "A"), take(48, "D"), take(46, "B"), take(45, "A", ELDERLY),
    take(41, "C"), take(38, "A"), take(35, "B", VIP), take(31, "C"),
    take(27, "A"), take(22, "D"), take(16, "B"), take(11, "A"),
    take(8, "C"), take(5, "A"), take(2, "B"),
)

VISITS = (
    served("1", CLERK, 49, 48, 42),
    served("2", SUPERVISOR, 47, 46, 37),
    served("1", CLERK, 41, 40, 33),
    served("2", SUPERVISOR, 36, 35, 29),
    served("1", CLERK, 32, 31, 25),
    no_show("2", SUPERVISOR, 28, 25),
    served("2", SUPERVISOR, 24, 23, 14),
    served("1", CLERK, 23, 22, 15),
    served("1", CLERK, 14, 13, 6),
    served("2", SUPERVISOR, 12, 11, 3),
    served("1", CLERK, 5, 4, 1),
)
# fmt: on

HALL = HallSpec(CATEGORIES, SLOTS, BOOKINGS, TAKES, VISITS)
