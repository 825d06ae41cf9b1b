"""The English catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

from django.utils import translation

from core.fiscal import fiscal_year_label, wareki_fiscal_year

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def _po_entries():
    """(msgid, [msgstr…], flags, msgctxt or None) for each entry of the .po file, header
    excluded."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        msgid = _joined(lines, "msgid ")
        if not msgid:
            continue
        msgstrs = [_joined(lines, key) for key in ("msgstr ", "msgstr[0] ", "msgstr[1] ")]
        context = _joined(lines, "msgctxt ")
        entries.append((msgid, [s for s in msgstrs if s is not None], flags, context))
    return entries


def _joined(lines, key):
    for index, line in enumerate(lines):
        if line.startswith(key):
            parts = [line[len(key) :]]
            for following in lines[index + 1 :]:
                if not following.startswith('"'):
                    break
                parts.append(following)
            quoted = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', "\n".join(parts)))
            return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), quoted)
    return None


_ESCAPES = {"n": "\n", "t": "\t"}


def test_every_ui_string_has_an_english_translation():
    entries = _po_entries()
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstrs, _, _ in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _, flags, _ in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstrs, _, context in _po_entries():
        if len(msgstrs) == 1:
            # The same words may be translated differently in another context.
            found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            assert found == msgstrs[0]


def test_fiscal_years_read_naturally_in_english():
    with translation.override("en"):
        assert fiscal_year_label(2024) == "FY2024 (Reiwa 6)"
        assert wareki_fiscal_year(2019) == "Reiwa 1"


def test_the_english_site_shows_english_navigation(client, db):
    html = client.get("/en/").content.decode()
    assert "Skip to main content" in html
    assert "Plan structure" in html
