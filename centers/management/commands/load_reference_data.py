import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from centers.services import reference_data_load

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "reference.json"


class Command(BaseCommand):
    help = "地域・地区・市民センター・地域協働体・管理期間・人口の参照データを読み込みます。既存のデータは変更しません。"

    def handle(self, *args, **options):
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        result = reference_data_load(data=data, base_dir=FIXTURE.parent)
        if result.total == 0:
            self.stdout.write("参照データは読み込み済みです（変更なし）。")
            return
        for label, count in result.created.items():
            if count:
                self.stdout.write(f"  {label}: {count}件を追加")
        self.stdout.write(self.style.SUCCESS(f"参照データを読み込みました（{result.total}件）。"))
