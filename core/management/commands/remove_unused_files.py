"""``manage.py remove_unused_files``: run daily (cron) to remove uploaded files no row names.

Files normally leave with their rows (``core.files``); this removes what a save that rolled
back after writing its file left behind. Only files older than ``--hours`` (24) are
considered, so a save in progress keeps its file. ``--dry-run`` lists them and removes
nothing.
"""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from core.files import unused_files


class Command(BaseCommand):
    help = "どの行からも使われていないアップロードファイル（写真など）を削除します（毎日実行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="この時間より前に書かれたファイルだけを対象にする"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="対象のファイルを表示するだけで、削除しない"
        )

    def handle(self, *args, hours, dry_run, **options):
        if hours < 1:
            raise CommandError("--hours は1以上を指定してください。")
        files = unused_files(default_storage, older_than=datetime.timedelta(hours=hours))
        for name, size in files:
            self.stdout.write(f"{name}（{size:,}バイト）")
        total = sum(size for _name, size in files)
        if dry_run:
            self.stdout.write(
                f"使われていないファイル：{len(files)}件、合計{total:,}バイト"
                "（確認のみ。削除していません）。"
            )
            return
        for name, _size in files:
            default_storage.delete(name)
        self.stdout.write(
            f"使われていないファイルを{len(files)}件、合計{total:,}バイト削除しました。"
        )
