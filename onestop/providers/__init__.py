"""Outsourced providers (社会化服务商): contracts per service type and region, KPIs,
payment by score, renewal, feedback officers (信息员)."""
