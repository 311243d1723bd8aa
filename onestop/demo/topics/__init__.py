"""The demo's contact reasons and hot topics (诉求分类与热点).

Each organisation gets a reason tree with keywords, four weeks of contact
notes its staff have labelled, a trained classifier, and last week's notes —
unlabelled — in which a new topic appears: 青春流量包 at the university's
logistics centre, 新办纳税人套餐 at the tax hall. The weekly digest (which
opens on last week) names it. A few notes are taken from the organisation's
cases. ``topics_demo_load(organisation)`` does nothing for an organisation
that already has reasons, so the demo can be loaded again.
"""

from __future__ import annotations

from .loader import topics_demo_load

__all__ = ["topics_demo_load"]
