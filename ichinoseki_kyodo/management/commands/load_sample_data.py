"""Sample data, so that a newcomer sees a living portal.

- yearly statuses (FY2024–2025) and indicator actuals (FY2023–2025), except for the
  indicators the portal computes itself;
- sample 地域協働体 for the 地区 whose real body is not yet registered (33 in all, as in
  the plan), named 「【サンプル】…」;
- usage of all 34 centres for FY2022–2025, the FY2022 total reproducing the plan's
  baseline of 3.77 visits per person with the FY2022 population, and sample populations
  for the years the city has not yet entered.

Every row it writes is marked as sample (``is_sample``); the site shows a banner while
any is present, and ``--remove`` deletes them all. Real figures are never touched.
"""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, Population
from centers.services import usage_delete, usage_set
from core.fiscal import current_fiscal_year
from core.slugs import unicode_slug
from councils.models import CollaborationBody, District, ReportingPeriod
from indicators.derived import DERIVED_CODES
from indicators.models import Indicator, IndicatorValue
from indicators.services import (
    ActualSource,
    actual_delete,
    actual_set,
    refresh_derived_indicators,
)
from plans.models import Project, ProjectYearStatus
from plans.services import status_mark_published

SAMPLE_VALUE_YEARS = [2023, 2024, 2025]
SAMPLE_USAGE_YEARS = [2022, 2023, 2024, 2025]
BODIES_IN_PLAN = 33
# The plan's FY2022 baseline of indicator 0-1: 3.77 visits per person.
BASELINE_VISITS_PER_PERSON = Decimal("3.77")
SAMPLE_STATUS_YEARS = [2024, 2025]
EVALUATIONS = ["A", "A", "B", "B", "B", "C", "D"]


class Command(BaseCommand):
    help = "説明用のサンプルデータ（事業の年度別状況と成果指標の実績）を読み込みます。"

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="サンプルデータを削除する")

    @transaction.atomic
    def handle(self, *args, remove, **options):
        if remove:
            removed = self._remove()
            refresh_derived_indicators()  # the figures computed from samples go too
            self.stdout.write(f"サンプルデータを削除しました（{removed}件）。")
            return
        rng = random.Random(2024)  # the same sample every time  # noqa: S311
        added = sum(
            self._values(indicator, rng)
            for indicator in Indicator.objects.exclude(code__in=DERIVED_CODES)
        )
        added += sum(self._statuses(project, rng) for project in Project.objects.all())
        added += self._bodies(rng)
        added += self._populations()
        added += self._usage(rng)
        added += self._reporting_period()
        refresh_derived_indicators()
        if added:
            self.stdout.write(
                f"サンプルデータを追加しました（{added}件）。サイトには「サンプルデータ」の表示が出ます。"
            )
        else:
            self.stdout.write("サンプルデータは読み込み済みです（変更なし）。")

    def _remove(self) -> int:
        """Delete every sample row; actuals and usage through their services."""
        removed = 0
        for usage in CenterUsage.objects.filter(is_sample=True).select_related("center"):
            removed += usage_delete(
                center=usage.center,
                fiscal_year=usage.fiscal_year,
                source=CenterUsage.Source.STAFF,
                refresh=False,
            )
        for actual in IndicatorValue.objects.filter(is_sample=True).select_related("indicator"):
            actual_delete(
                indicator=actual.indicator,
                fiscal_year=actual.fiscal_year,
                source=ActualSource.STAFF,
                refresh=False,
            )
            removed += 1
        for model in (ProjectYearStatus, Population, CollaborationBody):
            removed += model.objects.filter(is_sample=True).delete()[0]
        return removed

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
            if IndicatorValue.objects.filter(indicator=indicator, fiscal_year=year).exists():
                continue  # a figure already there, real or sample, is kept
            actual_set(
                indicator=indicator,
                fiscal_year=year,
                value=value,
                note="サンプル",
                is_sample=True,
                source=ActualSource.STAFF,
            )
            created += 1
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

    def _bodies(self, rng) -> int:
        """Sample bodies for the 地区 without a registered body, up to the plan's 33."""
        missing = BODIES_IN_PLAN - CollaborationBody.objects.count()
        taken = set(CollaborationBody.objects.values_list("district_id", flat=True))
        districts = District.objects.exclude(pk__in=taken).select_related("region")
        created = 0
        for district in list(districts)[-missing:] if missing > 0 else []:
            name = f"【サンプル】{district.name}地区まちづくり協議会"
            CollaborationBody.objects.create(
                name=name,
                slug=unicode_slug(name),
                region=district.region,
                district=district,
                founded_fiscal_year=rng.choice([2014, 2015, 2016]),
                founded_note="サンプル",
                certainty="サンプル（実在しない）",
                is_sample=True,
            )
            created += 1
        return created

    def _populations(self) -> int:
        created = 0
        known = Population.objects.filter(region=None)
        latest = known.order_by("-fiscal_year").first()
        if latest is None:
            return 0
        for year in SAMPLE_USAGE_YEARS:
            if known.filter(fiscal_year=year).exists():
                continue
            Population.objects.create(
                fiscal_year=year,
                as_of=f"{year}-10-01",
                population=latest.population - 900 * (year - latest.fiscal_year),
                source="サンプル",
                is_sample=True,
            )
            created += 1
        return created

    def _usage(self, rng) -> int:
        centers = list(CivicCenter.objects.open_in(2022).order_by("pk"))
        if not centers or CenterUsage.objects.filter(is_sample=False).exists():
            return 0  # real usage figures are never mixed with samples
        created = 0
        weights = [rng.uniform(0.4, 1.6) for _ in centers]
        for year in SAMPLE_USAGE_YEARS:
            population = Population.objects.get(fiscal_year=year, region=None).population
            # FY2022 reproduces the plan's baseline; later years move towards the target.
            per_person = BASELINE_VISITS_PER_PERSON + Decimal("0.06") * (year - 2022)
            total = int(per_person * population)
            visits = [int(total * w / sum(weights)) for w in weights]
            visits[0] += total - sum(visits)
            have = set(
                CenterUsage.objects.filter(fiscal_year=year).values_list("center_id", flat=True)
            )
            for center, count in zip(centers, visits, strict=True):
                if center.pk in have:
                    continue
                usage_set(
                    center=center,
                    fiscal_year=year,
                    visits=count,
                    note="サンプル",
                    is_sample=True,
                    source=CenterUsage.Source.STAFF,
                    refresh=False,  # handle() refreshes once at the end
                )
                created += 1
        return created

    def _reporting_period(self) -> int:
        """An open reporting period for this fiscal year, so that the portal can be tried."""

        today = timezone.localdate()
        _, created = ReportingPeriod.objects.get_or_create(
            fiscal_year=current_fiscal_year(),
            defaults={
                "opens_on": today - datetime.timedelta(days=30),
                "due_on": today + datetime.timedelta(days=60),
            },
        )
        return int(created)
