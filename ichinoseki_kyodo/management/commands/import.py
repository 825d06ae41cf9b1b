"""``manage.py import RESOURCE FILE``: the admin's import, from the command line.

Unlike django-import-export's own command it treats invalid rows as failures: a file
with any bad row changes nothing, prints every problem and exits non-zero.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from core.formats import JapaneseCSV, JapaneseXLSX
from core.resources import import_file


class Command(BaseCommand):
    help = "CSV（UTF-8・cp932）または XLSX のファイルを取り込みます。1行でも誤りがあれば何も保存しません。"

    def add_arguments(self, parser):
        parser.add_argument("resource", help="例: indicators.resources.IndicatorValueResource")
        parser.add_argument("file", help="取り込むファイル（- で標準入力）")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="既定はファイル名の拡張子")
        parser.add_argument(
            "--encoding", help="CSV の文字コード（既定は UTF-8、次に cp932 を試す）"
        )
        parser.add_argument("-n", "--dry-run", action="store_true", help="確認だけで保存しない")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="確認の質問をしない",
        )

    def handle(self, *args, resource, file, format, encoding, dry_run, interactive, **options):
        try:
            resource_class = import_string(resource)
        except ImportError as error:
            raise CommandError(f"取込の定義 {resource} が見つかりません。") from error
        file_format = self._format(format or Path(file).suffix.lstrip(".").lower(), encoding)
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        if interactive and not dry_run and input("取り込みますか？ [yes/no]: ") != "yes":
            raise CommandError("取込を中止しました。")

        outcome = import_file(
            resource=resource_class(), data=data, file_format=file_format, dry_run=dry_run
        )
        if outcome.errors:
            for line in outcome.errors:
                self.stderr.write(line)
            raise CommandError(
                f"ファイルに{len(outcome.errors)}件の誤りがあるため、何も保存していません。"
            )
        totals = outcome.totals
        summary = (
            f"新規 {totals.get('new', 0)}件、更新 {totals.get('update', 0)}件、"
            f"変更なし {totals.get('skip', 0)}件"
        )
        if dry_run:
            self.stdout.write(f"確認のみ（保存していません）：{summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"取り込みました：{summary}"))

    def _format(self, name, encoding):
        if name == "csv":
            return JapaneseCSV(encoding=encoding)
        if name == "xlsx":
            return JapaneseXLSX()
        raise CommandError(
            "形式を判断できません。--format csv または --format xlsx を指定してください。"
        )
