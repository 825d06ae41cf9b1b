"""``manage.py generate_sample --scale N``: sample data at N times the city's size.

For load and performance measurements: 33·N bodies, 34·N centres (the real 34 plus sample
ones), usage of every centre for FY2022–2025, an accepted FY2024 report with 14 activities
per body, and published statuses for all 18 projects × 5 years. Everything it creates is
marked as sample. Running it again with the same N adds nothing.
"""

import datetime
import io

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, Population
from centers.services import usage_set
from core.cache import invalidate_public_pages
from core.slugs import unicode_slug
from councils.models import Activity, AnnualReport, CollaborationBody, District
from indicators.services import refresh_derived_indicators
from plans.models import BodyRole, Project, ProjectYearStatus

BODIES, CENTERS, ACTIVITIES = 33, 34, 14
USAGE_YEARS = [2022, 2023, 2024, 2025]
REPORT_YEAR = 2024


class Command(BaseCommand):
    help = "性能測定用に、N倍の規模のサンプルデータ（団体・センター・報告・年度データ）を作ります。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    @transaction.atomic
    def handle(self, *args, scale, **options):
        for command in ("load_reference_data", "load_sample_data"):
            call_command(command, stdout=io.StringIO())
        districts = list(District.objects.select_related("region").order_by("pk"))
        bodies = self._top_up(
            CollaborationBody,
            BODIES * scale,
            lambda i: CollaborationBody(
                name=f"【サンプル】協働体{i:04d}",
                slug=unicode_slug(f"サンプル協働体{i:04d}"),
                region=districts[i % len(districts)].region,
                district=districts[i % len(districts)],
                founded_fiscal_year=2015,
                certainty="サンプル（実在しない）",
                is_sample=True,
            ),
        )
        centers = self._top_up(
            CivicCenter,
            CENTERS * scale,
            lambda i: CivicCenter(
                name=f"【サンプル】センター{i:04d}",
                slug=unicode_slug(f"サンプルセンター{i:04d}"),
                region=districts[i % len(districts)].region,
                district=districts[i % len(districts)],
                certainty="サンプル（実在しない）",
                is_sample=True,
            ),
        )
        self._usage(centers)
        self._reports(bodies)
        self._statuses()
        refresh_derived_indicators()
        invalidate_public_pages()
        self.stdout.write(
            f"規模 {scale}倍：地域協働体 {len(bodies)}、市民センター {len(centers)}、"
            f"活動 {Activity.objects.count()}件（すべてサンプル）。"
        )

    def _top_up(self, model, total, make):
        existing = model.objects.count()
        model.objects.bulk_create(make(i) for i in range(existing, total))
        return list(model.objects.all())

    def _usage(self, centers):
        have = set(CenterUsage.objects.values_list("center_id", "fiscal_year"))
        for center in centers:
            for year in USAGE_YEARS:
                if (center.pk, year) not in have:
                    usage_set(
                        center=center,
                        fiscal_year=year,
                        visits=12_000,
                        is_sample=True,
                        source=CenterUsage.Source.STAFF,
                        refresh=False,  # handle() refreshes once at the end
                    )
        for year in USAGE_YEARS:
            Population.objects.get_or_create(
                fiscal_year=year,
                region=None,
                defaults={
                    "as_of": datetime.date(year, 10, 1),
                    "population": 107_000,
                    "is_sample": True,
                },
            )

    def _reports(self, bodies):
        have = set(
            AnnualReport.objects.filter(fiscal_year=REPORT_YEAR).values_list("body_id", flat=True)
        )
        now = timezone.now()
        AnnualReport.objects.bulk_create(
            AnnualReport(
                body=body, fiscal_year=REPORT_YEAR, status=AnnualReport.Status.ACCEPTED,
                overall_level=AnnualReport.Level.FAIR, results_and_issues="サンプル",
                submitted_at=now, accepted_at=now,
            )
            for body in bodies
            if body.pk not in have
        )  # fmt: skip
        roles = list(BodyRole.objects.all())
        new = AnnualReport.objects.filter(fiscal_year=REPORT_YEAR, activities__isnull=True)
        Activity.objects.bulk_create(
            Activity(
                report=report,
                held_on=datetime.date(REPORT_YEAR, 4, 1) + datetime.timedelta(days=25 * n),
                title=f"サンプルの活動{n + 1}",
                role=roles[n % len(roles)],
                participants=20 + n,
            )
            for report in new
            for n in range(ACTIVITIES)
        )

    def _statuses(self):
        now = timezone.now()
        have = set(ProjectYearStatus.objects.values_list("project_id", "fiscal_year"))
        ProjectYearStatus.objects.bulk_create(
            ProjectYearStatus(
                project=project, fiscal_year=year, evaluation="B", activities="サンプル" * 20,
                is_published=True, published_at=now, is_sample=True,
            )
            for project in Project.objects.all()
            for year in range(2024, 2029)
            if (project.pk, year) not in have
        )  # fmt: skip
