"""The demo's scorecards, written as the editor's outline (``onestop.inspection.outline``)."""

from __future__ import annotations

WINDOW_CARD = """\
# 服务规范
使用文明用语、首问负责 | 10 | 未使用文明用语 -3; 推诿、未首问负责 -5
一次性告知所需材料 | 15 | 未一次性告知 -5; 告知内容与办事指南不符 -5
仪容仪表、佩戴工牌 | 5 | pass
# 业务办理
受理审核准确、依据充分 | 20 | 材料审核遗漏 -5; 适用依据错误 -10
在承诺时限内办结 | 15 | pass
办结后告知领取方式 | 5 | pass
# 信息安全
未泄露申请人个人信息 | 10 | critical
"""

MYSTERY_CARD = """\
# 进门与取号
引导人员主动询问、指引取号 | 1 | pass
叫号后窗口人员起身或示意 | 1 | pass
# 窗口服务
佩戴工牌、桌面整洁 | 1 | pass
首问负责、不推诿 | 1 | pass
一次性告知、提供书面清单 | 1 | pass
办结后主动请求评价 | 1 | pass
"""

CARDS = {
    "uni": ("后勤服务窗口质检表", "后勤服务大厅暗访清单"),
    "tax": ("办税服务厅窗口质检表", "办税服务厅暗访清单"),
}
