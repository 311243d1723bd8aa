"""The catalogue workbook: its sheets and columns, writing it and reading it back.

The catalogue lives in Excel at most organisations today, so a workbook must
carry every field of an item and of its materials, steps and questions.

- ``format``: the sheets and their columns, which the writer and the parser
  both read so the two cannot drift apart; ``WorkbookError`` and ``Problem``.
- ``write``: ``write_catalogue`` and the instructions sheet.
- ``rows``: what the parser returns, ``ParsedCatalogue`` and its row types.
- ``read``: ``read_catalogue``, parsing cell by cell.

The parser checks only what a cell can say on its own (a number is a whole
number, a label is one of the known labels). What the values mean in the
database — department codes, duplicate items, the time-limit rules — is the
import's business (``onestop.catalog.importing``).
"""

from onestop.catalog.excel.format import (
    DATA_SHEETS,
    EXCEL_LAST_ROW,
    FAQS,
    INSTRUCTIONS,
    ITEMS,
    MATERIALS,
    SMALLINT_MAX,
    STEPS,
    Column,
    ColumnKind,
    Problem,
    Sheet,
    WorkbookError,
)
from onestop.catalog.excel.read import read_catalogue
from onestop.catalog.excel.rows import (
    FaqRow,
    ItemRow,
    MaterialRow,
    ParsedCatalogue,
    StepRow,
)
from onestop.catalog.excel.write import write_catalogue

__all__ = [
    "DATA_SHEETS",
    "EXCEL_LAST_ROW",
    "FAQS",
    "INSTRUCTIONS",
    "ITEMS",
    "MATERIALS",
    "SMALLINT_MAX",
    "STEPS",
    "Column",
    "ColumnKind",
    "FaqRow",
    "ItemRow",
    "MaterialRow",
    "ParsedCatalogue",
    "Problem",
    "Sheet",
    "StepRow",
    "WorkbookError",
    "read_catalogue",
    "write_catalogue",
]
