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
  returned with a comment on its activities;
- accepted FY2024 and FY2025 reports of six other sample bodies, one region after another,
  so that the public pages of the bodies and the areas show activities (each held within
  its fiscal year, some with photos drawn at load time and uploaded as a body's would be,
  one report not agreeing to publish its photos) and the survey has answers to sum up.

Every row it writes is marked as sample (``is_sample``), or belongs to a sample body (the
reports, their activities and photos, and the accounts that filed, returned and accepted
them); the site shows a banner while any is present, and ``--remove`` deletes them all,
the photo files with them. Real figures are never touched, and a real body never gets a
sample report or account.

The reports are filed the way a body files them: a reporting period must be open for the
year (one is made if the year has none), or, for the accepted ones, the sample city editor
grants the sample body an extension as staff do after a deadline. Accepting them feeds 2-1
and centre usage as any accepted report does: 2-1 still waits for every active body's
report, and sample bodies manage no centre (and staff's figures would win anyway).
"""

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal
from itertools import chain, zip_longest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from centers.models import CenterUsage, CivicCenter, Population
from centers.services import usage_delete, usage_set
from core.fiscal import current_fiscal_year
from core.slugs import unicode_slug
from core.staff_groups import EDITOR_GROUP, sync_staff_groups
from councils.forms import ActivityForm
from councils.models import (
    Activity,
    AnnualReport,
    BodyReporter,
    CollaborationBody,
    District,
    ReportExtension,
    ReportingPeriod,
)
from councils.services import can_body_edit, report_start, report_transition
from ichinoseki_kyodo.sample_photos import draw_sample_photo
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
# The years of the accepted sample reports, and the reporter accounts of the sample bodies
# that file them: one body each, every body reporting for every year.
SAMPLE_ACCEPTED_YEARS = [2024, 2025]
ACCEPTED_REPORTERS = [f"sample-reporter-{number}" for number in range(3, 9)]
# The city editor the sample return and acceptances are made by; no one can log in with it.
SAMPLE_STAFF = "sample-staff"
SAMPLE_USERNAMES = [
    *(username for username, _state in SAMPLE_REPORTS),
    *ACCEPTED_REPORTERS,
    SAMPLE_STAFF,
]
SAMPLE_ACTIVITIES = [
    # (month, day, title, description)
    (5, 18, "（サンプル）地区内一斉清掃", "（サンプル）自治会と協力して道路沿いの清掃を行った。"),
    (8, 16, "（サンプル）ふるさと夏まつり", "（サンプル）地区の夏まつりを開催した。"),
    (11, 9, "（サンプル）地区防災訓練", "（サンプル）避難所の開設と安否確認の訓練を行った。"),
]
# The activities of the accepted reports, April to March of the report's fiscal year. Those
# with a season may carry a drawn photo of it.
ACCEPTED_ACTIVITIES = [
    # (month, day, title, description, season)
    (4, 27, "（サンプル）花壇の植え付け", "（サンプル）子ども会と市民センター前の花壇に花を植えた。", "spring"),
    (6, 8, "（サンプル）子ども農業体験", "（サンプル）地区の田んぼで田植えを体験した。", None),
    (8, 14, "（サンプル）ふるさと夏まつり", "（サンプル）地区の夏まつりを開催した。", "summer"),
    (9, 15, "（サンプル）敬老のつどい", "（サンプル）地区の高齢者を招いて演芸会を開いた。", None),
    (10, 19, "（サンプル）地区民運動会", "（サンプル）行政区対抗の運動会を開いた。", "autumn"),
    (11, 9, "（サンプル）地区防災訓練", "（サンプル）避難所の開設と安否確認の訓練を行った。", None),
    (2, 1, "（サンプル）雪かきボランティア", "（サンプル）高齢者世帯の玄関先の雪かきを行った。", "winter"),
]  # fmt: skip
SEASONS = {"spring": "春", "summer": "夏", "autumn": "秋", "winter": "冬"}
PHOTOS_PER_REPORT = 1
# The accepted report whose body does not agree to publish its photos: (its reporter's place
# in ACCEPTED_REPORTERS, year).
PHOTOS_NOT_PUBLISHED = (1, 2025)
# How the accepted reports' levels (進んでいる … 進んでいない) and ratings (1 … 5) spread.
LEVEL_WEIGHTS = [2, 5, 2, 1]
SCORE_WEIGHTS = [1, 2, 4, 5, 3]
OVERALL_COMMENTS = {
    AnnualReport.Level.GOOD: "（サンプル）地域づくり計画の取組は予定以上に進んでいます。",
    AnnualReport.Level.FAIR: "（サンプル）地域づくり計画の取組は概ね予定どおり進んでいます。",
    AnnualReport.Level.POOR: "（サンプル）担い手が足りず、予定した取組の一部を見送りました。",
    AnnualReport.Level.BAD: "（サンプル）役員の交代が重なり、計画の取組はほとんど進みませんでした。",
}
SAMPLE_EXTENSION_REASON = "（サンプル）サンプルの報告を受理済みにするための延長"
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
        added += self._accepted_reports()
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
        """The sample bodies' reports (with their activities and photos, whose files leave
        MEDIA_ROOT once the removal commits: ``core.files``), reporters, and the accounts that
        filed, returned and accepted them. The bodies' extensions go with the bodies.

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
        _period, created = self._period(current_fiscal_year())
        return int(created)

    def _period(self, fiscal_year):
        """The year's reporting period if the year has none, and whether it was made: open
        now for the sample report year and later, so that the portal can be tried; closed in
        the past for earlier years, as it was, so that no real body is reminded of it (the
        sample bodies file late with an extension)."""
        today = timezone.localdate()
        if fiscal_year < SAMPLE_REPORT_YEAR:
            opens_on = datetime.date(fiscal_year + 1, 4, 1)
            due_on = datetime.date(fiscal_year + 1, 5, 31)
        else:
            opens_on = today - datetime.timedelta(days=30)
            due_on = today + datetime.timedelta(days=60)
        return ReportingPeriod.objects.get_or_create(
            fiscal_year=fiscal_year, defaults={"opens_on": opens_on, "due_on": due_on}
        )

    def _reports(self) -> int:
        """A FY2025 report awaiting review and a returned one, each of its own sample body,
        filed by the body's sample reporter and returned by a sample city editor through
        ``report_transition()``, as in the portal."""
        _period, created = self._period(SAMPLE_REPORT_YEAR)
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
            self._activities(
                report,
                [
                    (datetime.date(SAMPLE_REPORT_YEAR, month, day), title, description, None)
                    for month, day, title, description in SAMPLE_ACTIVITIES
                ],
                participants=lambda index, number=number: 40 + 35 * index + 10 * number,
            )
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

    def _accepted_reports(self) -> int:
        """FY2024 and FY2025 reports of the sample bodies in ``_accepted_bodies()``, each
        filed by the body's sample reporter and accepted by the sample city editor through
        ``report_transition()``, as in the portal and on the review page."""
        added = 0
        bodies = self._accepted_bodies()
        to_file = []
        for year in SAMPLE_ACCEPTED_YEARS:
            period, created = self._period(year)
            added += int(created)
            if timezone.localdate() < period.opens_on:
                continue  # not open yet: no body could file a report of the year
            to_file += [
                (year, number, username, body)
                for number, (username, body) in enumerate(bodies)
                if body is not None and not body.reports.filter(fiscal_year=year).exists()
            ]
        if to_file:
            with self._sample_staff() as staff:
                for year, number, username, body in to_file:
                    self._accepted_report(year, number, username, body, staff=staff)
        return added + len(to_file)

    def _accepted_report(self, year, number, username, body, *, staff):
        reporter = self._reporter(username, body)
        if not can_body_edit(AnnualReport(body=body, fiscal_year=year)):
            # The year's period is closed: staff let the body file late, as they would.
            ReportExtension.objects.create(
                body=body,
                fiscal_year=year,
                until=timezone.localdate(),
                reason=SAMPLE_EXTENSION_REASON,
                created_by=staff,
            )
        report = report_start(body=body, fiscal_year=year, user=reporter)
        report.publish_photos = (number, year) != PHOTOS_NOT_PUBLISHED
        report.publish_opinions = number % 2 == 0
        self._answers(report, number, rng=random.Random(f"{year}-{number}"))  # noqa: S311
        # Six of the seven activities, a different one left out each year and body; the
        # photos go on the first seasonal ones after a starting point that moves likewise.
        left_out = 1 + 2 * ((number + year) % 3)
        start = (number + year) % len(ACCEPTED_ACTIVITIES)
        with_photo = [
            index
            for index in chain(range(start, len(ACCEPTED_ACTIVITIES)), range(start))
            if ACCEPTED_ACTIVITIES[index][4] and index != left_out
        ][:PHOTOS_PER_REPORT]
        rows = []
        for index, (month, day, title, description, season) in enumerate(ACCEPTED_ACTIVITIES):
            if index == left_out:
                continue
            held_on = datetime.date(year if month >= 4 else year + 1, month, day)
            photo = None
            if index in with_photo:
                photo = draw_sample_photo(
                    season=season,
                    name=f"sample-{year}-{number + 1}-{index + 1}",
                    # One photo larger than the portal keeps, the rest of a smaller size;
                    # every other one a PNG, as some phones send.
                    size=(2400, 1600) if (number, year) == (0, 2024) else (800, 600),
                    kind="PNG" if (number + index) % 2 else "JPEG",
                )
            rows.append((held_on, title, description, photo))
        self._activities(report, rows, participants=lambda index: 25 + 15 * index + 5 * number)
        with self._no_notices(body):
            report_transition(report=report, to=Status.SUBMITTED, user=reporter)
            report_transition(report=report, to=Status.ACCEPTED, user=staff)

    def _accepted_bodies(self) -> list[tuple[str, CollaborationBody | None]]:
        """Each accepted reporter and its sample body: the one its account reports for, or
        else one of the sample bodies with neither a reporter nor a report, taken from each
        region in turn so that several regions have accepted reports."""
        linked = {
            reporter.user.username: reporter.body
            for reporter in BodyReporter.objects.filter(
                user__username__in=ACCEPTED_REPORTERS
            ).select_related("user", "body")
        }
        existing = set(
            get_user_model()
            .objects.filter(username__in=ACCEPTED_REPORTERS)
            .values_list("username", flat=True)
        )
        free = (
            CollaborationBody.objects.filter(is_sample=True)
            .exclude(pk__in=BodyReporter.objects.values("body"))
            .exclude(pk__in=AnnualReport.objects.values("body"))
        )
        for year in SAMPLE_ACCEPTED_YEARS:
            free = free.active_in(year)
        by_region = {}
        for body in free.order_by("region__order", "district__order", "pk"):
            by_region.setdefault(body.region_id, []).append(body)
        queue = [b for b in chain.from_iterable(zip_longest(*by_region.values())) if b]
        bodies = []
        for username in ACCEPTED_REPORTERS:
            if username in existing:
                body = linked.get(username)
                bodies.append((username, body if body and body.is_sample else None))
            else:
                bodies.append((username, queue.pop(0) if queue else None))
        return bodies

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

    def _answers(self, report, number, *, rng=None):
        """Every answer a submission needs but the activities, each text marked
        「（サンプル）」. With ``rng``, the levels and ratings are drawn as a year's answers
        might spread; without, they follow ``number``."""
        levels = list(AnnualReport.Level)

        def level(index):
            if rng is None:
                return levels[(index + number) % 3]
            return rng.choices(levels, weights=LEVEL_WEIGHTS)[0]

        def score(index):
            if rng is None:
                return 3 + (index + number) % 3
            return rng.choices(range(1, 6), weights=SCORE_WEIGHTS)[0]

        report.overall_level = AnnualReport.Level.FAIR if rng is None else level(0)
        report.overall_comment = OVERALL_COMMENTS[report.overall_level]
        report.results_and_issues = (
            "（サンプル）夏まつりに若い世代の参加が増えました。役員の担い手不足が課題です。"
        )
        report.next_year_plan = "（サンプル）防災訓練に地区内の事業所も招く予定です。"
        report.opinions = "（サンプル）補助金の申請書類を簡単にしてほしいです。"
        report.save()
        for index, assessment in enumerate(report.role_assessments.all()):
            assessment.level = level(index)
            assessment.comment = "（サンプル）所見の記入例です。"
            assessment.save()
        for index, center_report in enumerate(report.center_reports.all()):
            center_report.visits = 8_000 + 1_500 * index
            center_report.note = "（サンプル）"
            center_report.save()
        for index, rating in enumerate(report.support_ratings.all()):
            rating.score = score(index)
            rating.save()

    def _activities(self, report, rows, *, participants):
        """The report's activities, entered through the report page's activity form: each
        photo goes through the same checks, resizing and EXIF stripping as a body's upload.

        ``rows`` are (date, title, description, photo or None); ``participants(index)``
        gives each one's number of participants.
        """
        roles = list(BodyRole.objects.order_by("number"))
        for index, (held_on, title, description, photo) in enumerate(rows):
            role = roles[index % len(roles)]
            data = {
                "held_on": held_on.isoformat(),
                "title": title,
                "role": role.pk,
                "participants": participants(index),
                "description": description,
            }
            files = {}
            if photo is not None:
                season = SEASONS[photo.season]
                data["caption_1"] = (
                    f"（サンプル）{season}の山と田畑、集会所を描いた見本の絵。"
                    "「サンプル」と書かれています。"
                )
                files["photo_1"] = SimpleUploadedFile(
                    photo.name, photo.content, content_type=photo.content_type
                )
            form = ActivityForm(data=data, files=files, instance=Activity(report=report))
            if not form.is_valid():
                raise CommandError(f"{report}: {title}: {form.errors.as_text()}")
            form.save()
