"""The demo's field service (送货安装): a university logistics centre's deliveries.

The 后勤集团 delivers and installs equipment bought for campus buildings —
air-conditioners, water dispensers, laboratory fridges, network cabinets —
through its own technicians and the outsourced property company's. The
loader enters complete orders through the services (so lead times come from
the working-day calendar), agrees dates, marks goods ready, books appointment
windows on the next working day, plans that day's routes, and signs one
earlier delivery on site. A second run changes nothing.
"""

from __future__ import annotations

import base64
import contextlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from onestop.common.errors import ServiceError
from onestop.fieldservice import services
from onestop.fieldservice.models import Product, Technician
from onestop.fieldservice.returnvisits import return_visit_rule_set, return_visits_draw
from onestop.organisations.models import Membership, Organisation
from onestop.organisations.selectors import work_calendar_for

# The surveys demo's satisfaction questionnaire (onestop/demo/surveys).
RETURN_VISIT_QUESTIONNAIRE = "SAT"

PRODUCTS = (
    # model, name, unit, procurement, production, skill, minutes
    ("KFR-35GW/BP3", "壁挂式变频空调", "台", 3, 0, "空调", 60),
    ("KFR-72LW/N1", "柜式空调", "台", 5, 2, "空调", 90),
    ("YR-5T13", "立式温热饮水机", "台", 2, 0, "", 30),
    ("BCD-539WGHP", "实验室冷藏柜", "台", 7, 0, "", 45),
    ("NC-42U", "42U网络机柜", "台", 5, 5, "网络", 120),
)
CUSTOMERS = (
    # customer, contact, phone, address, lat, lon, model, quantity, price, note
    (
        "计算机学院",
        "周老师",
        "13907161234",
        "南一楼 305 室",
        "30.5107",
        "114.4139",
        "NC-42U",
        2,
        "6800.00",
        "机房须提前一天断电，进门需刷卡",
    ),
    (
        "学生公寓管理中心",
        "吴主任",
        "13871234567",
        "紫菘公寓 12 栋值班室",
        "30.5156",
        "114.4305",
        "KFR-35GW/BP3",
        6,
        "2999.00",
        "宿舍楼无电梯，需搬运上 5 楼",
    ),
    (
        "化学学院",
        "郑老师",
        "13545678901",
        "化学楼 B 座 210 实验室",
        "30.5089",
        "114.4201",
        "BCD-539WGHP",
        1,
        "4580.00",
        "冷藏柜须远离通风橱",
    ),
    (
        "图书馆",
        "钱馆长",
        "13618889999",
        "图书馆主馆一楼服务台",
        "30.5125",
        "114.4098",
        "YR-5T13",
        4,
        "1260.00",
        "",
    ),
    (
        "校医院",
        "孙护士长",
        "13707150000",
        "校医院门诊楼二楼",
        "30.5171",
        "114.4012",
        "KFR-72LW/N1",
        2,
        "8650.00",
        "门诊时间施工须避开 8:00-10:00",
    ),
)
SIGNATURE = (
    "data:image/png;base64,"
    + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 24).decode()
)


def fieldservice_demo_load(organisation: Organisation) -> None:
    """Products, technicians, orders at each step, a day's routes; idempotent."""
    if Product.objects.filter(organisation=organisation).exists():
        return
    for model, name, unit, proc, prod, skill, minutes in PRODUCTS:
        Product.objects.create(
            organisation=organisation,
            model=model,
            name=name,
            unit=unit,
            procurement_days=proc,
            production_days=prod,
            install_skill=skill,
            install_minutes=minutes,
        )
    _technicians(organisation)
    _orders(organisation)
    _return_visits(organisation)


def _return_visits(organisation: Organisation) -> None:
    """Half the signed visits called back with the surveys demo's questionnaire."""
    with contextlib.suppress(ServiceError):  # no such questionnaire: no rule
        return_visit_rule_set(
            organisation=organisation,
            actor=None,
            questionnaire_code=RETURN_VISIT_QUESTIONNAIRE,
            percent="50",
            is_active=True,
        )
        now = timezone.now()
        return_visits_draw(
            organisation=organisation,
            actor=None,
            month=timezone.localdate(now).replace(day=1),
            now=now,
        )


def _technicians(organisation: Organisation) -> None:
    members = Membership.objects.filter(
        organisation=organisation,
        is_active=True,
        roles__name__in=["technician", "provider"],
    ).select_related("user")
    bases = (("30.5060", "114.4150"), ("30.5200", "114.4250"), ("30.5000", "114.4000"))
    for n, member in enumerate(members.distinct()):
        lat, lon = bases[n % len(bases)]
        Technician.objects.get_or_create(
            organisation=organisation,
            user=member.user,
            defaults={
                "name": member.user.get_full_name() or member.user.username,
                "skills": "空调,网络" if n % 2 == 0 else "空调",
                "home_latitude": Decimal(lat),
                "home_longitude": Decimal(lon),
                "shift_start": time(8, 30),
                "shift_end": time(17, 30),
            },
        )


def _orders(organisation: Organisation) -> None:
    calendar = work_calendar_for(organisation)
    today = timezone.localdate()
    ordered = today - timedelta(days=21)
    orders = []
    for (
        customer,
        contact,
        phone,
        address,
        lat,
        lon,
        model,
        qty,
        price,
        note,
    ) in CUSTOMERS:
        product = Product.objects.get(organisation=organisation, model=model)
        orders.append(
            services.order_create(
                organisation=organisation,
                actor=None,
                fields={
                    "customer": customer,
                    "contact_person": contact,
                    "phone": phone,
                    "address": f"华中科技大学 {address}",
                    "latitude": lat,
                    "longitude": lon,
                    "order_date": ordered.isoformat(),
                    "requested_date": (ordered + timedelta(days=14)).isoformat(),
                    "salesperson": "后勤集团采购供应中心 林晓",
                    "special_requirements": note,
                },
                lines=[
                    {
                        "product_name": product.name,
                        "model": model,
                        "unit": product.unit,
                        "quantity": str(qty),
                        "unit_price": price,
                    }
                ],
                now=timezone.make_aware(datetime.combine(ordered, time(10))),
            )
        )
    _progress(organisation, orders, _next_workday(calendar, today))


def _next_workday(calendar: object, day: date) -> date:
    day += timedelta(days=1)
    while not calendar.is_workday(day):  # type: ignore[attr-defined]
        day += timedelta(days=1)
    return day


def _progress(organisation: Organisation, orders: list, tomorrow: date) -> None:  # type: ignore[type-arg]
    # The fifth order stays "received": sales and the planner have yet to agree.
    delivered, *upcoming = orders[:4]
    day = max(delivered.earliest_date, delivered.order_date)
    services.order_agree_date(order=delivered, actor=None, day=day)
    services.order_goods_ready(order=delivered, actor=None)
    job = services.job_book(
        order=delivered, actor=None, day=day, window_start=time(9), window_end=time(11)
    )
    services.job_confirm(job=job, actor=None, note=services.confirmation_script(job))
    services.record_sign(
        job=job,
        actor=None,
        work_done="安装 42U 机柜两台，理线并接地，交换机上架通电测试正常",
        parts="M6 螺丝 40 套，接地线 2 条",
        resolved=True,
        customer_name="周老师",
        signature=SIGNATURE,
        satisfaction=5,
        now=timezone.make_aware(datetime.combine(day, time(10, 40))),
    )
    services.incident_report(
        order=delivered,
        actor=None,
        kind="damage",
        description="一台机柜侧板运输中有凹痕",
    )
    windows = ((time(9), time(11)), (time(13, 30), time(15, 30)), (time(10), time(12)))
    for order, (start, end) in zip(upcoming, windows, strict=True):
        agreed = max(order.earliest_date, tomorrow)
        while not work_calendar_for(organisation).is_workday(agreed):
            agreed += timedelta(days=1)
        services.order_agree_date(order=order, actor=None, day=agreed)
        services.order_goods_ready(order=order, actor=None)
        services.job_book(
            order=order, actor=None, day=agreed, window_start=start, window_end=end
        )
    if Technician.objects.filter(organisation=organisation).exists():
        # If every date was agreed later than tomorrow, there is nothing to plan.
        with contextlib.suppress(ServiceError):
            services.dispatch_plan_day(
                organisation=organisation,
                actor=None,
                day=tomorrow,
                time_limit_seconds=1,
            )
