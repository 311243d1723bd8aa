"""The rule language of segments: each operator, AND/OR, missing attributes."""

from __future__ import annotations

from decimal import Decimal

from django.test import SimpleTestCase

from onestop.customers.rules import Condition, Rule, rule_selects

LARGE_FIRM = {"kind": "organisation", "规模": "大型", "年纳税额": Decimal("1200000")}


def rule(match: str, *conditions: tuple[str, str, str]) -> Rule:
    return Rule(match=match, conditions=tuple(Condition(*c) for c in conditions))


class RuleTests(SimpleTestCase):
    def test_each_operator_on_numbers_and_text(self) -> None:
        table = [
            (("年纳税额", "eq", "1200000"), True),
            (("年纳税额", "ne", "1200000"), False),
            (("年纳税额", "lt", "1200000"), False),
            (("年纳税额", "le", "1200000"), True),
            (("年纳税额", "gt", "1000000"), True),
            (("年纳税额", "ge", "1200001"), False),
            (("规模", "eq", "大型"), True),
            (("规模", "in", "中型，大型"), True),
            (("规模", "in", "小型,微型"), False),
            (("kind", "eq", "individual"), False),
            (("规模", "gt", "5"), False),  # text never orders against a number
        ]
        for condition, expected in table:
            with self.subTest(condition=condition):
                self.assertIs(
                    rule_selects(rule("all", condition), LARGE_FIRM), expected
                )

    def test_all_needs_every_condition_and_any_needs_one(self) -> None:
        conditions = (("kind", "eq", "organisation"), ("规模", "eq", "小型"))
        self.assertFalse(rule_selects(rule("all", *conditions), LARGE_FIRM))
        self.assertTrue(rule_selects(rule("any", *conditions), LARGE_FIRM))

    def test_a_missing_attribute_satisfies_no_condition_not_even_not_equal(
        self,
    ) -> None:
        self.assertFalse(
            rule_selects(rule("all", ("风险偏好", "ne", "保守")), LARGE_FIRM)
        )

    def test_an_empty_rule_selects_nobody(self) -> None:
        self.assertFalse(rule_selects(rule("all"), LARGE_FIRM))
