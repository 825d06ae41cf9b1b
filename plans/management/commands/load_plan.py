import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from plans.models import Plan
from plans.services import indicators_load, plan_load

DEFAULT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "plan.json"


class Command(BaseCommand):
    help = (
        "計画の内容（基本方針・施策・事業・成果指標・用語など）を読み込みます。"
        "既存のデータは変更しません。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FIXTURE)

    def handle(self, *args, file: Path, **options):
        data = json.loads(file.read_text(encoding="utf-8"))
        with transaction.atomic():
            result = plan_load(data=data)
            plan = Plan.objects.get(first_fiscal_year=data["plan"]["first_fiscal_year"])
            indicators_load(data=data["indicators"], plan=plan, result=result)
        if result.total == 0:
            self.stdout.write("計画データは読み込み済みです（変更なし）。")
            return
        for label, count in result.created.items():
            if count:
                self.stdout.write(f"  {label}: {count}件を追加")
        self.stdout.write(self.style.SUCCESS(f"計画データを読み込みました（{result.total}件）。"))
