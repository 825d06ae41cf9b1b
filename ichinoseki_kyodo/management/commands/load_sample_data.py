"""Sample data, so that a newcomer sees a living portal.

- yearly statuses (FY2024–2025) and indicator actuals (FY2023–2025), except for the
  indicators the portal computes itself;
- sample 地域協働体 for the 地区 whose real body is not yet registered (33 in all, as in
  the plan), named 「【サンプル】…」;
- usage of all 34 centres for FY2022–2025, the FY2022 total reproducing the plan's
  baseline of 3.77 visits per person with the FY2022 population, and sample populations
  for the years the city has not yet entered;
- two FY2025 annual reports of sample bodies, moved through the real workflow so that the
  board and the review page can be tried at once: one submitted and awaiting review, one
  returned with a comment on its activities.

Every row it writes is marked as sample (``is_sample``), or belongs to a sample body (the
reports and the accounts that filed and returned them); the site shows a banner while any
is present, and ``--remove`` deletes them all. Real figures are never touched.
"""

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, Population
from centers.services import usage_delete, usage_set
from core.fiscal import current_fiscal_year
from core.slugs import unicode_slug
from core.staff_groups import EDITOR_GROUP, sync_staff_groups
from councils.models import (
    Activity,
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    District,
    ReportingPeriod,
)
from councils.services import can_body_edit, report_start, report_transition
from indicators.derived import DERIVED_CODES
from indicators.models import Indicator, IndicatorValue
from indicators.services import (
    ActualSource,
    actual_delete,
    actual_set,
    refresh_derived_indicators,
)
from outbox.models import OutgoingMail
from plans.models import BodyRole, Project, ProjectYearStatus
from plans.services import status_mark_published

SAMPLE_VALUE_YEARS = [2023, 2024, 2025]
SAMPLE_USAGE_YEARS = [2022, 2023, 2024, 2025]
BODIES_IN_PLAN = 33
# The plan's FY2022 baseline of indicator 0-1: 3.77 visits per person.
BASELINE_VISITS_PER_PERSON = Decimal("3.77")
SAMPLE_STATUS_YEARS = [2024, 2025]
EVALUATIONS = ["A", "A", "B", "B", "B", "C", "D"]

Status = AnnualReport.Status
SAMPLE_REPORT_YEAR = 2025
# Each sample report: the sample body's reporter account that files it, and where it stops.
SAMPLE_REPORTS = [
    ("sample-reporter-1", Status.SUBMITTED),
    ("sample-reporter-2", Status.RETURNED),
]
# The city editor the sample return is made by; no one can log in with it.
SAMPLE_STAFF = "sample-staff"
SAMPLE_USERNAMES = [username for username, _state in SAMPLE_REPORTS] + [SAMPLE_STAFF]
SAMPLE_ACTIVITIES = [
    # (month, day, title, description)
    (5, 18, "（サンプル）地区内一斉清掃", "（サンプル）自治会と協力して道路沿いの清掃を行った。"),
    (8, 16, "（サンプル）ふるさと夏まつり", "（サンプル）地区の夏まつりを開催した。"),
    (11, 9, "（サンプル）地区防災訓練", "（サンプル）避難所の開設と安否確認の訓練を行った。"),
]
SAMPLE_RETURN_COMMENT = {
    "activities": "（サンプル）「地区防災訓練」の参加者数を、受付の記録と照らし合わせて"
    "確かめてください。",
}


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
        added += self._reports()
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
        removed += self._remove_reports()
        for model in (ProjectYearStatus, Population, CollaborationBody):
            removed += model.objects.filter(is_sample=True).delete()[0]
        return removed

    def _remove_reports(self) -> int:
        """The sample bodies' reports, reporters and the accounts that filed and returned them.

        A sample report someone accepted while trying the portal fed centre usage as the
        body's report; those figures go with it (staff's figures stay, as on reopening).
        """
        removed = 0
        reports = AnnualReport.objects.filter(body__is_sample=True)
        for report in reports.accepted().prefetch_related("center_reports__center"):
            for center_report in report.center_reports.all():
                removed += usage_delete(
                    center=center_report.center,
                    fiscal_year=report.fiscal_year,
                    source=CenterUsage.Source.BODY_REPORT,
                    refresh=False,
                )
        removed += reports.delete()[0]
        removed += BodyReporter.objects.filter(body__is_sample=True).delete()[0]
        removed += get_user_model().objects.filter(username__in=SAMPLE_USERNAMES).delete()[0]
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

    def _reports(self) -> int:
        """A FY2025 report awaiting review and a returned one, each of its own sample body,
        filed by the body's sample reporter and returned by a sample city editor through
        ``report_transition()``, as in the portal."""
        today = timezone.localdate()
        _period, created = ReportingPeriod.objects.get_or_create(
            fiscal_year=SAMPLE_REPORT_YEAR,
            defaults={
                "opens_on": today - datetime.timedelta(days=30),
                "due_on": today + datetime.timedelta(days=60),
            },
        )
        added = int(created)
        for number, (username, state) in enumerate(SAMPLE_REPORTS):
            body = self._report_body(username)
            if body is None or body.reports.filter(fiscal_year=SAMPLE_REPORT_YEAR).exists():
                continue
            if not can_body_edit(AnnualReport(body=body, fiscal_year=SAMPLE_REPORT_YEAR)):
                continue  # the year's reporting period is closed: nothing can be filed
            reporter = self._reporter(username, body)
            report = report_start(body=body, fiscal_year=SAMPLE_REPORT_YEAR, user=reporter)
            self._answers(report, number)
            with self._no_notices(body):
                report_transition(report=report, to=Status.SUBMITTED, user=reporter)
                if state == Status.RETURNED:
                    with self._sample_staff() as staff:
                        report_transition(
                            report=report,
                            to=Status.RETURNED,
                            user=staff,
                            comments=SAMPLE_RETURN_COMMENT,
                        )
            added += 1
        return added

    def _report_body(self, username):
        """The sample body that ``username`` reports for, or the first sample body active in
        the year that has neither a reporter nor a report of the year yet."""
        user = get_user_model().objects.filter(username=username).first()
        if user is not None:
            reporter = BodyReporter.objects.filter(user=user).select_related("body").first()
            return reporter.body if reporter and reporter.body.is_sample else None
        return (
            CollaborationBody.objects.filter(is_sample=True)
            .active_in(SAMPLE_REPORT_YEAR)
            .exclude(pk__in=BodyReporter.objects.values("body"))
            .exclude(reports__fiscal_year=SAMPLE_REPORT_YEAR)
            .order_by("pk")
            .first()
        )

    def _reporter(self, username, body):
        """The body's sample reporter: without a password or an address, so that no one logs
        in with it and no mail goes to it."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username)  # an unusable password
        BodyReporter.objects.get_or_create(user=user, defaults={"body": body})
        return user

    @contextmanager
    def _sample_staff(self):
        """The sample city editor, active only while it acts."""
        User = get_user_model()
        staff = User.objects.filter(username=SAMPLE_STAFF).first()
        if staff is None:
            staff = User.objects.create_user(username=SAMPLE_STAFF, is_staff=True)
        if not Group.objects.filter(name=EDITOR_GROUP).exists():
            # A database whose groups were flushed or never restored: make them as the
            # migrations do, rather than fail half-way through the sample data.
            sync_staff_groups(apps)
        staff.groups.add(Group.objects.get(name=EDITOR_GROUP))
        staff.is_active = True
        staff.save(update_fields=["is_active"])
        try:
            yield User.objects.get(pk=staff.pk)  # fresh, without cached permissions
        finally:
            staff.is_active = False
            staff.save(update_fields=["is_active"])

    @contextmanager
    def _no_notices(self, body):
        """Drop the e-mails the sample reports' workflow queues: sample data tells no one.

        A dropped mail is never sent: the after-commit send finds nothing left to send.
        """
        last = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        yield
        OutgoingMail.objects.unsent().filter(pk__gt=last, subject__contains=body.name).delete()

    def _answers(self, report, number):
        """Every answer a submission needs, each text marked 「（サンプル）」."""
        levels = list(AnnualReport.Level)
        report.overall_level = AnnualReport.Level.FAIR
        report.overall_comment = "（サンプル）地域づくり計画の取組は概ね予定どおり進んでいます。"
        report.results_and_issues = (
            "（サンプル）夏まつりに若い世代の参加が増えました。役員の担い手不足が課題です。"
        )
        report.next_year_plan = "（サンプル）防災訓練に地区内の事業所も招く予定です。"
        report.opinions = "（サンプル）補助金の申請書類を簡単にしてほしいです。"
        report.save()
        for index, assessment in enumerate(report.role_assessments.all()):
            assessment.level = levels[(index + number) % 3]
            assessment.comment = "（サンプル）所見の記入例です。"
            assessment.save()
        roles = list(BodyRole.objects.order_by("number"))
        Activity.objects.bulk_create(
            Activity(
                report=report,
                held_on=datetime.date(SAMPLE_REPORT_YEAR, month, day),
                title=title,
                role=roles[index % len(roles)],
                participants=40 + 35 * index + 10 * number,
                description=description,
            )
            for index, (month, day, title, description) in enumerate(SAMPLE_ACTIVITIES)
        )
        for index, center_report in enumerate(report.center_reports.all()):
            center_report.visits = 8_000 + 1_500 * index
            center_report.note = "（サンプル）"
            center_report.save()
        for index, rating in enumerate(report.support_ratings.all()):
            rating.score = 3 + (index + number) % 3
            rating.save()
