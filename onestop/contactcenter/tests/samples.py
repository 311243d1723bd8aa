"""Small call detail files written for the tests, and calls made straight in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from onestop.contactcenter.models import CallImport, CallRecord, Disposition, Queue
from onestop.organisations.models import Organisation

SH = ZoneInfo("Asia/Shanghai")
JERUSALEM = ZoneInfo("Asia/Jerusalem")

STANDARD_HEADER = (
    "call_id,queue,arrival,answer,end,agent,abandoned,caller_number,"
    "customer_tier,disposition,case_number"
)


def standard_csv(*rows: str, header: str = STANDARD_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


# The Technion file's 17 columns, tab-separated with CRLF line ends.
TECHNION_HEADER = (
    "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\t"
    "vru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver"
)

# One row per quirk the data's README documents, in file order (row 2 onwards).
TECHNION_ROWS = (
    # 2: served after queueing; priority 2; service starts 1 s before the
    #    queue exit (clock rounding).
    "AA0101\t34540\t23317894\t2\tPS\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:27\t5"
    "\tAGENT\t8:09:26\t8:12:00\t154\tDORIT",
    # 3: PHANTOM, "a virtual call to be ignored".
    "AA0101\t34541\t0\t0\tPS\t990201\t8:10:00\t8:10:05\t5\t8:10:05\t8:10:30\t25"
    "\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER",
    # 4: negative vru_time (clock skew): left out.
    "AA0102\t30456\t25627027\t2\tPS\t990201\t9:48:14\t9:47:17\t-57\t9:47:17\t9:50:11"
    "\t174\tAGENT\t9:50:11\t9:51:28\t77\tKAZAV",
    # 5: served without queueing by NO_SERVER (a transfer).
    "AA0101\t34542\t0\t1\tNW\t990201\t10:00:00\t10:00:09\t9\t0:00:00\t0:00:00\t0"
    "\tAGENT\t10:00:08\t10:00:13\t5\tNO_SERVER",
    # 6: hung up in the voice menu, before the queue.
    "AA0101\t34543\t0\t0\tPS\t990201\t10:05:00\t10:05:12\t12\t0:00:00\t0:00:00\t0"
    "\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
    # 7: abandoned in the queue after 44 s, with a stray service time (the
    #    outcome decides).
    "AA0101\t35244\t0\t0\tNW\t990201\t10:51:21\t10:51:30\t9\t10:51:30\t10:52:14\t44"
    "\tHANG\t10:52:15\t10:52:23\t8\tNO_SERVER",
    # 8: arrives before midnight, queues, is served after it.
    "AA0102\t31056\t15696776\t2\tPS\t990201\t23:58:10\t23:58:20\t10\t23:58:20\t0:00:30"
    "\t130\tAGENT\t0:00:29\t0:03:00\t151\tAVNI",
)


def technion_file(*rows: str) -> bytes:
    lines = [TECHNION_HEADER, *(rows or TECHNION_ROWS)]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def at(text: str, zone: ZoneInfo = SH) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def make_source(organisation: Organisation, name: str = "test.csv") -> CallImport:
    return CallImport.objects.create(
        organisation=organisation,
        file_name=name,
        sha256=f"{name:0<64}"[:64],
        mapping="test",
        rows=0,
        imported_at=timezone.now(),
    )


def make_call(
    source: CallImport,
    queue: Queue,
    arrival: str,
    disposition: str = Disposition.ANSWERED,
    *,
    wait: int = 0,
    talk: int = 0,
    agent: str = "",
    **fields: Any,
) -> CallRecord:
    abandoned = disposition in (Disposition.ABANDONED, Disposition.ABANDONED_IVR)
    return CallRecord.objects.create(
        organisation=source.organisation,
        source=source,
        queue=queue,
        call_id=fields.pop("call_id", f"{queue.code}-{arrival}"),
        arrived_at=at(arrival),
        wait_s=wait,
        talk_s=talk,
        abandoned=abandoned,
        disposition=disposition,
        agent_name=agent,
        **fields,
    )
