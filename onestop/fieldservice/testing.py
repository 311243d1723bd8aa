"""Test helpers: products, technicians and a complete order, for field-service tests."""

from __future__ import annotations

import base64
from datetime import time
from decimal import Decimal
from typing import Any

from onestop.fieldservice.models import Order, Product, Technician
from onestop.fieldservice.services import order_create
from onestop.organisations.models import Organisation

# The PNG signature (RFC 2083 §3.1) and some bytes: what the canvas sends.
PNG_1PX = (
    "data:image/png;base64,"
    + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 24).decode()
)


def make_product(
    organisation: Organisation,
    model: str = "KFR-35GW",
    *,
    procurement: int = 3,
    production: int = 2,
    skill: str = "",
) -> Product:
    return Product.objects.create(
        organisation=organisation,
        model=model,
        name="壁挂式空调",
        unit="台",
        procurement_days=procurement,
        production_days=production,
        install_skill=skill,
        install_minutes=60,
    )


def order_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "customer": "华中大学后勤集团",
        "contact_person": "张老师",
        "phone": "13812345678",
        "address": "武汉市洪山区珞喻路1037号 东九楼",
        "latitude": "30.513",
        "longitude": "114.420",
        "order_date": "2026-11-05",
        "requested_date": "2026-11-13",
        "salesperson": "李销售",
        "special_requirements": "",
    }
    fields.update(overrides)
    return fields


def line(model: str = "KFR-35GW", **overrides: str) -> dict[str, str]:
    values = {
        "product_name": "壁挂式空调",
        "model": model,
        "unit": "台",
        "quantity": "2",
        "unit_price": "2999.50",
    }
    values.update(overrides)
    return values


def make_order(
    organisation: Organisation, actor: Any = None, **overrides: str
) -> Order:
    return order_create(
        organisation=organisation,
        actor=actor,
        fields=order_fields(**overrides),
        lines=[line()],
    )


def make_technician(
    organisation: Organisation,
    user: Any,
    name: str = "王师傅",
    *,
    skills: str = "",
    lat: str = "30.50",
    lon: str = "114.40",
) -> Technician:
    return Technician.objects.create(
        organisation=organisation,
        user=user,
        name=name,
        skills=skills,
        home_latitude=Decimal(lat),
        home_longitude=Decimal(lon),
        shift_start=time(8),
        shift_end=time(18),
    )
