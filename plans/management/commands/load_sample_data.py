"""Sample yearly statuses and indicator actuals, so that a newcomer sees a living dashboard.

Every row it writes is marked as sample (``is_sample``); the site shows a banner while
any is present, and ``--remove`` deletes them all. Real figures are never touched.
"""

import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectYearStatus
from plans.services import status_mark_published

SAMPLE_VALUE_YEARS = [2023, 2024, 2025]
SAMPLE_STATUS_YEARS = [2024, 2025]
EVALUATIONS = ["A", "A", "B", "B", "B", "C", "D"]


class Command(BaseCommand):
    help = "説明用のサンプルデータ（事業の年度別状況と成果指標の実績）を読み込みます。"

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="サンプルデータを削除する")

    @transaction.atomic
    def handle(self, *args, remove, **options):
        if remove:
            values = IndicatorValue.objects.filter(is_sample=True).delete()[0]
            statuses = ProjectYearStatus.objects.filter(is_sample=True).delete()[0]
            self.stdout.write(
                f"サンプルデータを削除しました（実績 {values}件、状況 {statuses}件）。"
            )
            return
        rng = random.Random(2024)  # the same sample every time  # noqa: S311
        values = sum(self._values(indicator, rng) for indicator in Indicator.objects.all())
        statuses = sum(self._statuses(project, rng) for project in Project.objects.all())
        if values or statuses:
            self.stdout.write(
                f"サンプルデータを追加しました（実績 {values}件、状況 {statuses}件）。"
                "サイトには「サンプルデータ」の表示が出ます。"
            )
        else:
            self.stdout.write("サンプルデータは読み込み済みです（変更なし）。")

    def _values(self, indicator, rng) -> int:
        start = indicator.baseline_value
        if start is None:
            start = indicator.target_value * Decimal("0.6")
        step = (indicator.target_value - start) / 6
        created = 0
        for offset, year in enumerate(SAMPLE_VALUE_YEARS, start=1):
            pace = Decimal(str(rng.uniform(0.5, 1.4)))
            value = (start + step * offset * pace).quantize(
                Decimal(1).scaleb(-indicator.decimal_places)
            )
            _, was_created = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                fiscal_year=year,
                defaults={"value": value, "note": "サンプル", "is_sample": True},
            )
            created += was_created
        return created

    def _statuses(self, project, rng) -> int:
        created = 0
        for year in SAMPLE_STATUS_YEARS:
            if ProjectYearStatus.objects.filter(project=project, fiscal_year=year).exists():
                continue
            status = ProjectYearStatus(
                project=project,
                fiscal_year=year,
                evaluation=rng.choice(EVALUATIONS),
                activities=f"（サンプル）事業{project.number}の{year}年度の取組の例です。実際の実施状況ではありません。",
                results="（サンプル）成果の記入例です。",
                issues="（サンプル）課題の記入例です。",
                direction="（サンプル）今後の方向性の記入例です。",
                is_sample=True,
            )
            # The newest year stays a draft for some projects, as it would mid-year.
            status_mark_published(status, published=year < 2025 or project.number % 3 != 0)
            status._change_reason = "サンプルデータ"
            status.save()
            created += 1
        return created
