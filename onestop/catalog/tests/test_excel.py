"""The catalogue workbook: a faithful round trip, and all-or-nothing imports."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import override
from openpyxl.worksheet.worksheet import Worksheet

from onestop.catalog.excel import write_catalogue
from onestop.catalog.importing import (
    CatalogueImportRejected,
    ImportReport,
    catalogue_import,
)
from onestop.catalog.models import (
    ItemKind,
    ItemVersion,
    MaterialForm,
    Necessity,
    ServiceItem,
)
from onestop.catalog.selectors import items_for_export
from onestop.catalog.services import item_record_version
from onestop.catalog.versions import item_snapshot
from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.organisations.models import Organisation
from onestop.posts.models import Department, Post, WindowType

# --- Workbooks in memory --------------------------------------------------------


def book_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def bytes_of(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cell_values(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = book_of(data)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def row_of(sheet: Worksheet, code: str) -> int:
    """The first row whose first column (item code on every sheet) is ``code``."""
    return next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code
    )


def column_of(sheet: Worksheet, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def set_cell(sheet: Worksheet, code: str, header: str, value: Any) -> None:
    # Assigned, not passed to cell(): cell() ignores a value of None.
    sheet.cell(row_of(sheet, code), column_of(sheet, header)).value = value


def copy_row(sheet: Worksheet, code: str, **changes: Any) -> None:
    """Append a copy of ``code``'s row, with some cells changed (by header)."""
    values = [c.value for c in sheet[row_of(sheet, code)]]
    for header, value in changes.items():
        values[column_of(sheet, header) - 1] = value
    sheet.append(values)


def delete_rows_of(sheet: Worksheet, code: str) -> None:
    while any(sheet.cell(r, 1).value == code for r in range(2, sheet.max_row + 1)):
        sheet.delete_rows(row_of(sheet, code))


# --- The catalogue every test starts from ---------------------------------------------


class CatalogueWorkbookTestCase(OneStopTestCase):
    """The university has a full promised item A-100 and an on-the-spot item B-200."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        structure = cls.uni_structure
        cls.invoice_window = WindowType.objects.create(
            organisation=cls.uni, code="INV", name="发票管理"
        )
        cls.review_post = Post.objects.create(
            organisation=cls.uni,
            department=structure["back"],
            code="U-P2",
            name="审核岗",
            duties="审核材料",
        )
        cls.full = cls._full_item()
        cls.spot = cls._spot_item()

    def setUp(self) -> None:
        super().setUp()
        # The workbooks here are in the default language unless a test says
        # otherwise; a client request with Accept-Language may have left
        # another one active in this thread.
        translation.activate(settings.LANGUAGE_CODE)
        self.addCleanup(translation.deactivate)

    @classmethod
    def _full_item(cls) -> ServiceItem:
        """Every field filled, with the values a round trip could most easily lose."""
        item = ServiceItem.objects.create(
            organisation=cls.uni, **cls._full_item_fields()
        )
        cls._add_full_materials(item)
        cls._add_full_steps(item)
        for position, question in enumerate(
            ("可以代办吗？", "多久能搬？", "费用怎么交？"), 1
        ):
            item.faqs.create(
                position=position, question=question, answer=f"答复{position}"
            )
        item_record_version(item=item, actor=None, note="test")
        return item

    @classmethod
    def _full_item_fields(cls) -> dict[str, Any]:
        # A line break in a text, and both yes/no fields the other way from their default.
        return {
            "code": "A-100",
            "name": "学生宿舍调换",
            "category": "住宿服务",
            "department": cls.uni_structure["back"],
            "window_type": cls.invoice_window,
            "kind": ItemKind.PROMISED,
            "statutory_limit_days": 15,
            "promised_limit_days": 7,
            "summary": "在校学生申请调换宿舍。\n每学期限一次。",
            "eligibility": "全日制在校学生",
            "fee": "20元/次",
            "fee_basis": "《学生公寓管理办法》第八条",
            "legal_basis": "《普通高等学校学生管理规定》第三十八条",
            "result": "调换通知单",
            "delivery_ways": "窗口领取、短信通知",
            "online_available": True,
            "consult_phone": "010-62751234",
            "keywords": "换宿舍 调寝",
            "is_published": False,
        }

    @staticmethod
    def _add_full_materials(item: ServiceItem) -> None:
        # A note that looks like a formula, no copies at all, conditions, and
        # a gap in the numbering (no 4).
        add = item.materials.create
        add(position=1, name="调换申请表", form=MaterialForm.ORIGINAL, copies=2,
            notes="=按样表填写")  # fmt: skip
        add(position=2, name="学生证", form=MaterialForm.ORIGINAL_AND_COPY, copies=1)
        add(position=3, name="医院诊断证明", form=MaterialForm.COPY, copies=3,
            necessity=Necessity.CONDITIONAL, condition="因病申请的",
            notes="二级以上医院")  # fmt: skip
        add(position=5, name="电子照片", form=MaterialForm.ELECTRONIC, copies=0,
            necessity=Necessity.CONDITIONAL, condition="网上申请的",
            notes="白底")  # fmt: skip

    @classmethod
    def _add_full_steps(cls, item: ServiceItem) -> None:
        # Steps in two departments, each with a post of its own department.
        structure = cls.uni_structure
        item.steps.create(
            position=1, name="审核", department=structure["back"], post=cls.review_post,
            limit_days=2, description="核对材料与床位",
        )  # fmt: skip
        item.steps.create(
            position=2, name="审批", department=structure["front"],
            post=structure["post"], limit_days=3, description="中心领导审批",
        )  # fmt: skip

    @classmethod
    def _spot_item(cls) -> ServiceItem:
        structure = cls.uni_structure
        item = ServiceItem.objects.create(
            organisation=cls.uni,
            code="B-200",
            name="校园卡补办",
            category="校园卡",
            department=structure["front"],
            window_type=structure["window_type"],
            kind=ItemKind.IMMEDIATE,
            legal_basis="《校园卡管理办法》第五条",
        )
        item.materials.create(
            position=1, name="身份证", form=MaterialForm.ORIGINAL, copies=1
        )
        item.faqs.create(position=1, question="补卡要钱吗？", answer="工本费20元。")
        item.faqs.create(position=2, question="旧卡余额呢？", answer="自动转入新卡。")
        item_record_version(item=item, actor=None, note="test")
        return item

    def mirror_codes_in_tax(self) -> None:
        """Give the tax hall the university's codes (and names) for the round trip."""
        for code in ("U-FRONT", "U-BACK"):
            source = Department.objects.get(organisation=self.uni, code=code)
            Department.objects.create(
                organisation=self.tax, code=code, name=source.name
            )
        WindowType.objects.create(organisation=self.tax, code="INV", name="发票管理")
        for code in ("U-P1", "U-P2"):
            source = Post.objects.select_related("department").get(
                organisation=self.uni, code=code
            )
            department = Department.objects.get(
                organisation=self.tax, code=source.department.code
            )
            Post.objects.create(
                organisation=self.tax,
                department=department,
                code=code,
                name=source.name,
            )

    def export(self, organisation: Organisation | None = None) -> bytes:
        items = items_for_export(
            organisation=organisation or self.uni, published_only=False
        )
        return write_catalogue(items)

    def snapshots(self, organisation: Organisation) -> dict[str, dict[str, Any]]:
        items = ServiceItem.objects.filter(organisation=organisation)
        return {item.code: item_snapshot(item) for item in items}

    def import_into(self, organisation: Organisation, data: bytes) -> ImportReport:
        return catalogue_import(
            actor=self.uni_admin, organisation=organisation, file=io.BytesIO(data)
        )


# --- The round trip ----------------------------------------------------------------


class RoundTripTests(CatalogueWorkbookTestCase):
    def test_export_then_import_elsewhere_keeps_every_field_of_every_item(self) -> None:
        self.mirror_codes_in_tax()
        before = self.snapshots(self.uni)
        data = self.export()

        report = self.import_into(self.tax, data)

        self.assertEqual(report.created, ("A-100", "B-200"))
        self.assertEqual(self.snapshots(self.tax), before)
        # The snapshot really holds the unusual values the round trip must keep.
        self.assertEqual(before["A-100"]["materials"][2]["condition"], "因病申请的")
        self.assertEqual(before["A-100"]["steps"][0]["post"], "U-P2")
        self.assertIs(before["A-100"]["is_published"], False)

    def test_exporting_the_imported_catalogue_gives_identical_cells(self) -> None:
        self.mirror_codes_in_tax()
        data = self.export()
        self.import_into(self.tax, data)

        again = self.export(self.tax)

        self.assertEqual(cell_values(again), cell_values(data))
        self.assertEqual(
            [row[1] for row in cell_values(data)["材料"][1:]], [1, 2, 3, 5, 1]
        )

    def test_english_workbook_round_trips_with_english_headers_and_labels(self) -> None:
        self.mirror_codes_in_tax()
        with override("en"):
            data = self.export()
            self.import_into(self.tax, data)
            again = self.export(self.tax)

        values = cell_values(data)
        self.assertEqual(
            list(values), ["Instructions", "Items", "Materials", "Steps", "FAQ"]
        )
        self.assertIn("Promised time limit (working days)", values["Items"][0])
        self.assertIn("Yes", values["Items"][1])
        self.assertEqual(self.snapshots(self.tax), self.snapshots(self.uni))
        self.assertEqual(cell_values(again), values)

    def test_chinese_workbook_has_chinese_headers_yes_no_and_a_bold_frozen_header(
        self,
    ) -> None:
        book = book_of(self.export())

        self.assertEqual(book.sheetnames, ["说明", "事项", "材料", "环节", "常见问题"])
        steps = book["环节"]
        self.assertEqual(
            [c.value for c in steps[1]],
            [
                "事项编码",
                "序号",
                "环节名称",
                "承办部门编码",
                "岗位编码",
                "时限（工作日）",
                "工作内容",
            ],
        )
        self.assertEqual(set_of_column(book["事项"], "对外公开"), {"是", "否"})
        self.assertTrue(steps["A1"].font.b)
        self.assertEqual(steps.freeze_panes, "A2")

    def test_text_starting_with_an_equals_sign_is_written_as_text_not_a_formula(
        self,
    ) -> None:
        materials = book_of(self.export())["材料"]

        cell = materials.cell(
            row_of(materials, "A-100"), column_of(materials, "样表及说明")
        )

        self.assertEqual((cell.value, cell.data_type), ("=按样表填写", "s"))

    def test_choice_codes_and_labels_in_either_language_are_accepted(self) -> None:
        book = book_of(self.export())
        set_cell(book["事项"], "A-100", "办件类型", "promised")
        set_cell(book["事项"], "B-200", "办件类型", "即办件")
        set_cell(book["事项"], "A-100", "可网上办理", "Yes")
        set_cell(book["材料"], "B-200", "材料形式", " ORIGINAL ")
        set_cell(book["材料"], "B-200", "是否必要", "")

        report = self.import_into(self.uni, bytes_of(book))

        self.assertEqual(report.unchanged, ("A-100", "B-200"))


# --- Versions ----------------------------------------------------------------------


class VersionTests(CatalogueWorkbookTestCase):
    def test_importing_the_same_workbook_twice_records_no_new_version(self) -> None:
        self.mirror_codes_in_tax()
        data = self.export()
        self.import_into(self.tax, data)
        versions = ItemVersion.objects.count()

        report = self.import_into(self.tax, data)

        self.assertEqual(ItemVersion.objects.count(), versions)
        self.assertEqual(report.unchanged, ("A-100", "B-200"))
        self.assertEqual((report.created, report.updated), ((), ()))

    def test_reimporting_an_unchanged_catalogue_keeps_its_rows(self) -> None:
        material_ids = list(self.full.materials.values_list("id", flat=True))

        self.import_into(self.uni, self.export())

        self.assertEqual(
            list(self.full.materials.values_list("id", flat=True)), material_ids
        )

    def test_a_changed_time_limit_records_exactly_one_new_version(self) -> None:
        book = book_of(self.export())
        set_cell(book["事项"], "A-100", "承诺时限（工作日）", 6)
        versions = ItemVersion.objects.count()

        report = self.import_into(self.uni, bytes_of(book))

        self.assertEqual((report.updated, report.unchanged), (("A-100",), ("B-200",)))
        self.assertEqual(ItemVersion.objects.count(), versions + 1)
        self.full.refresh_from_db()
        self.assertEqual((self.full.promised_limit_days, self.full.version), (6, 2))
        self.assertEqual(
            self.full.versions.get(number=2).snapshot["promised_limit_days"], 6
        )

    def test_import_replaces_an_items_parts_and_leaves_absent_items_alone(self) -> None:
        book = book_of(self.export())
        for sheet in ("事项", "材料", "环节", "常见问题"):
            delete_rows_of(book[sheet], "B-200")
        book["常见问题"].delete_rows(row_of(book["常见问题"], "A-100"))
        spot_before = item_snapshot(self.spot)

        report = self.import_into(self.uni, bytes_of(book))

        self.assertEqual((report.updated, report.unchanged), (("A-100",), ()))
        self.assertEqual(
            list(self.full.faqs.values_list("question", flat=True)),
            ["多久能搬？", "费用怎么交？"],
        )
        self.assertEqual(item_snapshot(self.spot), spot_before)

    def test_import_writes_one_audit_event_with_the_counts(self) -> None:
        book = book_of(self.export())
        copy_row(book["事项"], "B-200", 事项编码="C-300")

        self.import_into(self.uni, bytes_of(book))

        event = AuditEvent.objects.get(verb="catalog.catalogue_imported")
        self.assertEqual(
            (event.actor, event.organisation, event.data["created_codes"]),
            (self.uni_admin, self.uni, ["C-300"]),
        )
        self.assertEqual(
            [event.data[k] for k in ("created", "updated", "unchanged")], [1, 0, 2]
        )


def set_of_column(sheet: Worksheet, header: str) -> set[Any]:
    index = column_of(sheet, header)
    return {sheet.cell(r, index).value for r in range(2, sheet.max_row + 1)}


# --- Bad workbooks -----------------------------------------------------------------


class BadWorkbookTests(CatalogueWorkbookTestCase):
    """Each bad workbook also holds valid changes — renaming B-200, adding C-300 —
    that must not be written either."""

    def english_book(self) -> openpyxl.Workbook:
        with override("en"):
            book = book_of(self.export())
        set_cell(book["Items"], "B-200", "Item name", "校园卡挂失与补办")
        copy_row(book["Items"], "B-200", **{"Item code": "C-300"})
        return book

    def assertRejected(self, data: bytes, expected: list[str]) -> None:
        counts = self._counts()
        with override("en"), self.assertRaises(CatalogueImportRejected) as caught:
            self.import_into(self.uni, data)
        with override("en"):
            self.assertEqual([str(p) for p in caught.exception.problems], expected)
        self.assertEqual(self._counts(), counts)
        self.assertFalse(ServiceItem.objects.filter(code="C-300").exists())
        self.spot.refresh_from_db()
        self.assertEqual(self.spot.name, "校园卡补办")

    def _counts(self) -> tuple[int, int, int]:
        return (
            ServiceItem.objects.count(),
            ItemVersion.objects.count(),
            AuditEvent.objects.count(),
        )

    def test_missing_time_limit_of_a_promised_item_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Items"], "A-100", "Promised time limit (working days)", None)

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, row 2, column Promised time limit (working days): "
                "A promised item needs a promised time limit in working days."
            ],
        )

    def test_unknown_department_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Items"], "A-100", "Handling department code", "NOPE")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, row 2, column Handling department code: "
                "No department has the code “NOPE” in this organisation."
            ],
        )

    def test_another_organisations_department_code_is_unknown(self) -> None:
        book = self.english_book()
        set_cell(book["Steps"], "A-100", "Department code", "T-BACK")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Steps, row 2, column Department code: "
                "No department has the code “T-BACK” in this organisation."
            ],
        )

    def test_unknown_post_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Steps"], "A-100", "Post code", "T-P1")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Steps, row 2, column Post code: "
                "No post has the code “T-P1” in this organisation."
            ],
        )

    def test_a_post_outside_its_steps_department_is_refused(self) -> None:
        book = self.english_book()
        # U-P1 works in the front office; this step is done by the back office.
        set_cell(book["Steps"], "A-100", "Post code", "U-P1")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Steps, row 2, column Post code: "
                "The post 窗口受理岗 is not in the department U审核科."
            ],
        )

    def test_a_conditional_material_without_its_condition_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Materials"], "A-100", "Required", "conditional")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Materials, row 2, column Condition: A material required only "
                "when a condition applies needs that condition."
            ],
        )

    def test_negative_days_are_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Steps"], "A-100", "Time limit (working days)", -2)

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Steps, row 2, column Time limit (working days): "
                "Enter a whole number from 0 to 32767, not -2."
            ],
        )

    def test_days_that_are_not_whole_numbers_are_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Materials"], "B-200", "Copies", 1.5)

        self.assertRejected(
            bytes_of(book),
            ["Sheet Materials, row 6, column Copies: Enter a whole number, not “1.5”."],
        )

    def test_duplicate_item_code_is_refused(self) -> None:
        book = self.english_book()
        copy_row(book["Items"], "A-100")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, row 5, column Item code: The item code A-100 appears "
                "more than once on this sheet (first on row 2)."
            ],
        )

    def test_wrong_sheet_is_refused(self) -> None:
        book = self.english_book()
        book["Materials"].title = "Material list"

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Material list: This sheet is not part of a catalogue workbook; "
                "the sheets are Items / Materials / Steps / FAQ.",
                "Sheet Materials: This sheet is missing.",
            ],
        )

    def test_missing_column_is_refused(self) -> None:
        book = self.english_book()
        items = book["Items"]
        items.delete_cols(column_of(items, "Promised time limit (working days)"))

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, column Promised time limit (working days): "
                "This column is missing."
            ],
        )

    def test_unknown_choice_label_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Items"], "A-100", "Kind", "sometimes")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, row 2, column Kind: Unknown value “sometimes”; use one "
                "of: Done on the spot (即办件) / Promised within a time limit (承诺件)."
            ],
        )

    def test_empty_legal_basis_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["Items"], "A-100", "Legal basis", "   ")

        self.assertRejected(
            bytes_of(book),
            ["Sheet Items, row 2, column Legal basis: This cell must not be empty."],
        )

    def test_question_of_an_item_missing_from_the_items_sheet_is_refused(self) -> None:
        book = self.english_book()
        set_cell(book["FAQ"], "B-200", "Item code", "Z-999")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet FAQ, row 5, column Item code: "
                "The item code Z-999 is not on the sheet Items."
            ],
        )

    def test_every_problem_is_listed_at_once(self) -> None:
        book = self.english_book()
        set_cell(book["Items"], "A-100", "Promised time limit (working days)", None)
        set_cell(book["Items"], "B-200", "Window type code", "NOPE")
        set_cell(book["Steps"], "A-100", "Time limit (working days)", "two")

        self.assertRejected(
            bytes_of(book),
            [
                "Sheet Items, row 2, column Promised time limit (working days): "
                "A promised item needs a promised time limit in working days.",
                "Sheet Items, row 3, column Window type code: "
                "No window type has the code “NOPE” in this organisation.",
                "Sheet Steps, row 2, column Time limit (working days): "
                "Enter a whole number, not “two”.",
            ],
        )

    def test_a_file_that_is_not_a_workbook_is_refused(self) -> None:
        self.assertRejected(
            "事项编码,事项名称\n".encode(),
            ["The file is not an Excel workbook (.xlsx)."],
        )

    def test_problems_name_the_chinese_sheet_and_column_in_chinese(self) -> None:
        book = book_of(self.export())
        set_cell(book["事项"], "A-100", "承诺时限（工作日）", None)

        with override("zh-hans"), self.assertRaises(CatalogueImportRejected) as caught:
            self.import_into(self.uni, bytes_of(book))

        with override("zh-hans"):
            text = str(caught.exception.problems[0])
        self.assertIn("事项", text)
        self.assertIn("承诺时限（工作日）", text)
        self.assertIn("2", text)


# --- The commands ------------------------------------------------------------------


class CommandTests(CatalogueWorkbookTestCase):
    def setUp(self) -> None:
        super().setUp()
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.path = str(Path(directory.name) / "catalogue.xlsx")

    def test_export_then_import_commands_copy_the_catalogue(self) -> None:
        self.mirror_codes_in_tax()
        out = io.StringIO()
        with override("en"):
            call_command("export_catalogue", "uni", self.path, stdout=out)
            call_command("import_catalogue", "tax", self.path, stdout=out)

        self.assertIn(
            "Created: 2. Updated with a new version: 0. Unchanged: 0.", out.getvalue()
        )
        self.assertEqual(self.snapshots(self.tax), self.snapshots(self.uni))

    def test_export_command_can_leave_out_unpublished_items(self) -> None:
        call_command(
            "export_catalogue",
            "uni",
            self.path,
            "--published-only",
            stdout=io.StringIO(),
        )

        rows = cell_values(Path(self.path).read_bytes())["事项"]
        self.assertEqual([row[0] for row in rows[1:]], ["B-200"])

    def test_import_command_prints_every_problem_and_fails(self) -> None:
        book = book_of(self.export())
        set_cell(book["事项"], "A-100", "承办部门编码", "NOPE")
        Path(self.path).write_bytes(bytes_of(book))
        err = io.StringIO()

        with override("en"), self.assertRaises(CommandError):
            call_command(
                "import_catalogue", "uni", self.path, stderr=err, stdout=io.StringIO()
            )

        self.assertIn(
            "Sheet 事项, row 2, column 承办部门编码: No department has the code “NOPE”",
            err.getvalue(),
        )
