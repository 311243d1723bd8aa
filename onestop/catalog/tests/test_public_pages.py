"""The public catalogue: Chinese search, guide pages, and what the public never sees."""

from __future__ import annotations

from django.urls import reverse

from onestop.catalog.search import search_terms
from onestop.common.testing import OneStopTestCase, make_item


class CatalogueFixture(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s = cls.tax_structure
        cls.invoice = make_item(
            cls.tax, s, code="FP-01", name="发票领用", category="发票办理"
        )
        cls.agency = make_item(
            cls.tax,
            s,
            code="FP-02",
            name="发票代开",
            category="发票办理",
            promised=None,
        )
        cls.register = make_item(
            cls.tax,
            s,
            code="DJ-01",
            name="设立税务登记",
            category="税务登记",
            keywords="开业 办照",
            materials=("营业执照副本", "经办人身份证件"),
        )
        cls.certificate = make_item(
            cls.tax,
            s,
            code="ZM-01",
            name="开具税收完税证明",
            category="证明开具",
            materials=("经办人身份证件",),
        )
        cls.hidden = make_item(
            cls.tax, s, code="XX-01", name="内部发票核查", is_published=False
        )
        cls.uni_invoice = make_item(
            cls.uni, cls.uni_structure, code="U-FP", name="发票报销咨询"
        )

    def index(self, query: str = "") -> str:
        return self.client.get(
            reverse("catalogue_public", args=["tax"]), {"q": query}
        ).content.decode()


class SearchTests(CatalogueFixture):
    def test_searching_invoice_finds_the_invoice_items_only(self) -> None:
        page = self.index("发票")
        self.assertIn("发票领用", page)
        self.assertIn("发票代开", page)
        self.assertNotIn("设立税务登记", page)
        self.assertNotIn("开具税收完税证明", page)

    def test_words_in_another_order_still_match(self) -> None:
        self.assertIn("发票领用", self.index("领用发票"))

    def test_a_question_finds_its_item(self) -> None:
        self.assertIn("开具税收完税证明", self.index("我要怎么开完税证明"))

    def test_keywords_are_searched(self) -> None:
        self.assertIn("设立税务登记", self.index("开业"))

    def test_unpublished_and_other_organisations_items_are_never_listed(self) -> None:
        page = self.index("发票")
        self.assertNotIn("内部发票核查", page)
        self.assertNotIn("发票报销咨询", page)

    def test_nothing_found_says_so(self) -> None:
        self.assertIn("没有找到", self.index("护照"))

    def test_search_terms_drop_question_words(self) -> None:
        self.assertEqual(search_terms("我要怎么办理发票"), ["发票"])


class GuidePageTests(CatalogueFixture):
    def guide(self, code: str, org: str = "tax") -> str:
        return self.client.get(reverse("guide", args=[org, code])).content.decode()

    def test_guide_shows_materials_limits_fee_legal_basis_steps_and_faq(self) -> None:
        page = self.guide("FP-01")
        for expected in (
            "经办人身份证件",
            "发票领用簿",
            "5 个工作日",
            "20 个工作日",
            "《中华人民共和国发票管理办法》第十五条",
            "审核",
            "可以委托他人办理吗？",
            "不收费",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, page)

    def test_guide_prints_on_a4(self) -> None:
        css = self.client.get("/static/onestop/site.css")
        text = (
            b"".join(css.streaming_content).decode()
            if css.streaming
            else css.content.decode()
        )
        self.assertIn("@page { size: A4", text)
        self.assertIn("@media print", text)
        self.assertIn('class="no-print"', self.guide("FP-01"))

    def test_unpublished_item_has_no_guide(self) -> None:
        response = self.client.get(reverse("guide", args=["tax", "XX-01"]))
        self.assertEqual(response.status_code, 404)

    def test_an_item_is_only_found_under_its_own_organisation(self) -> None:
        response = self.client.get(reverse("guide", args=["uni", "FP-01"]))
        self.assertEqual(response.status_code, 404)

    def test_english_guide(self) -> None:
        self.client.cookies["django_language"] = "en"
        page = self.guide("FP-01")
        self.assertIn("Materials to bring", page)
        self.assertIn("5 working days", page)
