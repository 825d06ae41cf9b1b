"""``manage.py compile_translations``: the catalogue compiled without GNU gettext."""

import gettext
import io
import shutil
from pathlib import Path

from django.core.management import call_command

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def copy_catalogue(tmp_path) -> Path:
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE / "en" / "LC_MESSAGES" / "django.po", target / "django.po")
    return target


def test_it_compiles_a_missing_catalogue_that_gettext_reads(settings, tmp_path):
    target = copy_catalogue(tmp_path)
    settings.LOCALE_PATHS = [tmp_path]
    out = io.StringIO()
    call_command("compile_translations", stdout=out)
    assert "compiled" in out.getvalue()
    with open(target / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    assert catalogue.gettext("進捗状況報告書") == "Progress report"
    assert catalogue.gettext("A 計画どおり") == "A As planned"


def test_it_leaves_an_up_to_date_catalogue_alone(settings, tmp_path):
    target = copy_catalogue(tmp_path)
    shutil.copy(LOCALE / "en" / "LC_MESSAGES" / "django.mo", target / "django.mo")
    before = (target / "django.mo").read_bytes()
    settings.LOCALE_PATHS = [tmp_path]
    out = io.StringIO()
    call_command("compile_translations", stdout=out)
    assert "up to date" in out.getvalue()
    assert (target / "django.mo").read_bytes() == before


def test_it_recompiles_when_a_translation_changed(settings, tmp_path):
    target = copy_catalogue(tmp_path)
    shutil.copy(LOCALE / "en" / "LC_MESSAGES" / "django.mo", target / "django.mo")
    po = target / "django.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Progress report"', 'msgstr "Report"', 1),
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations", stdout=io.StringIO())
    with open(target / "django.mo", "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("進捗状況報告書") == "Report"
