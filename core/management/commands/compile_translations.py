"""Compile the portal's catalogues (``locale/*/LC_MESSAGES/*.po``) to ``.mo``.

Unlike ``compilemessages`` it needs no GNU gettext, so ``make run`` and ``make test`` work
on any machine with Python. A ``.mo`` that already holds the same translations is left
untouched, so running it changes nothing in the working tree.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def _translations(catalogue) -> dict:
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in catalogue
        if entry.msgid and (entry.msgstr or entry.msgstr_plural)
    }


class Command(BaseCommand):
    help = "Compile the translation catalogues without GNU gettext."

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                mo_path = po_path.with_suffix(".mo")
                wanted = _translations(catalogue.translated_entries())
                if mo_path.exists() and _translations(polib.mofile(str(mo_path))) == wanted:
                    self.stdout.write(f"{mo_path}: up to date")
                    continue
                catalogue.save_as_mofile(str(mo_path))
                self.stdout.write(f"{mo_path}: compiled ({len(wanted)} messages)")
