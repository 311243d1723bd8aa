"""Chinese comes first: every message has its Chinese, and the compiled catalogue matches."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path
from unittest import TestCase

LOCALE = Path(__file__).resolve().parents[3] / "locale" / "zh_Hans" / "LC_MESSAGES"


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def po_entries(path: Path) -> dict[tuple[str, str], list[str]]:
    """(msgctxt, msgid) → its msgstr list (one, or one per plural form), from a .po file."""
    entries: dict[tuple[str, str], list[str]] = {}
    context = ""
    msgid: str | None = None
    strings: list[str] = []
    current: list[str] | None = None
    fuzzy = False
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith("#~"):
            continue
        if line.startswith("msgctxt "):
            context = _unquote(line[8:])
        elif line.startswith("msgid "):
            msgid, strings, current = _unquote(line[6:]), [], None
        elif line.startswith("msgid_plural "):
            current = [""]  # continuation lines of the plural id are not the msgid
        elif line.startswith("msgstr"):
            strings.append(_unquote(line.split(" ", 1)[1]))
            current = strings
        elif line.startswith('"') and msgid is not None:
            if current is None:
                msgid += _unquote(line)
            else:
                current[-1] += _unquote(line)
        elif not line and msgid is not None:
            entries[(context, msgid)] = strings if not fuzzy else []
            msgid, fuzzy, context = None, False, ""
    entries.pop(("", ""), None)
    return entries


def _compiled(catalogue: gettext.GNUTranslations, context: str, msgid: str) -> str:
    return catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)


class TranslationTests(TestCase):
    def setUp(self) -> None:
        self.entries = po_entries(LOCALE / "django.po")

    def test_catalogue_is_not_empty(self) -> None:
        self.assertGreater(len(self.entries), 300)

    def test_every_message_has_chinese(self) -> None:
        untranslated = [
            msgid for msgid, strings in self.entries.items() if not all(strings)
        ]
        self.assertEqual(untranslated, [])

    def test_compiled_catalogue_matches_the_source(self) -> None:
        with open(LOCALE / "django.mo", "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        stale = [
            (context, msgid)
            for (context, msgid), strings in self.entries.items()
            if len(strings) == 1 and _compiled(compiled, context, msgid) != strings[0]
        ]
        self.assertEqual(stale, [], "run `make messages` to recompile")
