"""The admin home's panel: for each fiscal year, what city staff have recorded, published,
received or frozen so far, and where each is filled in.

It reads every domain app, so it lives in the roof. ``missing_work()`` returns plain data
for the template; its number of queries does not grow with the data (six, and two more
for each year).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from centers.models import CenterUsage, CivicCenter
from core.fiscal import fiscal_year_label
from councils.access import is_report_staff
from councils.board import response_rate
from councils.models import AnnualReport, CollaborationBody
from councils.notifications import staff_emails
from indicators.models import Indicator, IndicatorValue
from plans.models import Plan, Project, ProjectYearStatus
from progress_reports.models import FrozenReport


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Tally:
    """「12 / 18」 with the same count in words for screen readers."""

    label: str
    done: int
    total: int
    description: str

    @property
    def complete(self) -> bool:
        return self.done >= self.total


@dataclass(frozen=True)
class MissingIndicator:
    code: str
    name: str
    next_publication_on: date | None
    url: str


@dataclass(frozen=True)
class Line:
    """One kind of work in one year: its counts, whether it is done, and where it is done."""

    key: str
    title: str
    complete: bool
    state: str
    tallies: list[Tally] = field(default_factory=list)
    detail: str = ""
    links: list[Link] = field(default_factory=list)
    missing_indicators: list[MissingIndicator] = field(default_factory=list)


@dataclass(frozen=True)
class YearWork:
    fiscal_year: int
    label: str
    lines: list[Line]


def _state(complete: bool) -> str:
    return _("完了") if complete else _("未完了")


def _with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"


def _reverse_or_none(name: str, args=()) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def status_workbench_url(fiscal_year: int) -> str:
    """The yearly workbench of project statuses, or the status list filtered by the year."""
    return _reverse_or_none(
        "admin:plans_projectyearstatus_workbench", [fiscal_year]
    ) or _with_query(
        reverse("admin:plans_projectyearstatus_changelist"), fiscal_year__exact=fiscal_year
    )


def _may_view(user, *models) -> bool:
    return all(
        user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") for model in models
    )


def _may_import(user, model) -> bool:
    # The admin's import permission is "change" (IMPORT_EXPORT_IMPORT_PERMISSION_CODE).
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def missing_work(user, years) -> list[YearWork]:
    """For each of ``years``, the lines of work ``user`` may view, each with its counts and
    the admin page (or portal page) where it is done."""
    years = list(years)
    show_statuses = _may_view(user, ProjectYearStatus)
    show_actuals = _may_view(user, Indicator, IndicatorValue)
    show_usage = _may_view(user, CivicCenter, CenterUsage)
    show_reports = is_report_staff(user)
    show_frozen = _may_view(user, FrozenReport)

    statuses = _statuses(years) if show_statuses else {}
    actuals = _actuals(years) if show_actuals else {}
    frozen = _frozen_reports(years) if show_frozen else {}
    work = []
    for year in years:
        lines = []
        if show_statuses:
            lines.append(statuses[year])
        if show_actuals:
            lines.append(actuals[year])
        if show_usage:
            lines.append(_usage(year))
        if show_reports:
            lines.append(_reports(year))
        if show_frozen:
            lines.append(_frozen(year, frozen.get(year)))
        if lines:
            work.append(YearWork(fiscal_year=year, label=fiscal_year_label(year), lines=lines))
    return work


def _statuses(years) -> dict[int, Line]:
    plan = Plan.objects.current()
    total = Project.objects.filter(measure__policy__plan=plan).count() if plan else 0
    counts = {
        row["fiscal_year"]: row
        for row in ProjectYearStatus.objects.filter(
            project__measure__policy__plan=plan, fiscal_year__in=years
        )
        .values("fiscal_year")
        .annotate(recorded=Count("pk"), published=Count("pk", filter=Q(is_published=True)))
        .order_by()
    }
    lines = {}
    for year in years:
        row = counts.get(year, {})
        recorded, published = row.get("recorded", 0), row.get("published", 0)
        tallies = [
            Tally(
                _("記録"),
                recorded,
                total,
                _("%(total)s事業のうち%(done)s事業の状況を記録済み")
                % {"total": total, "done": recorded},
            ),
            Tally(
                _("公開"),
                published,
                total,
                _("%(total)s事業のうち%(done)s事業の状況を公開済み")
                % {"total": total, "done": published},
            ),
        ]
        complete = all(tally.complete for tally in tallies)
        lines[year] = Line(
            key="statuses",
            title=_("事業の年度別状況"),
            complete=complete,
            state=_state(complete),
            tallies=tallies,
            links=[Link(_("年度別の入力画面へ"), status_workbench_url(year))],
        )
    return lines


def _actuals(years) -> dict[int, Line]:
    indicators = list(Indicator.objects.order_by("code"))
    recorded = set(
        IndicatorValue.objects.filter(fiscal_year__in=years).values_list(
            "indicator_id", "fiscal_year"
        )
    )
    changelist = reverse("admin:indicators_indicator_changelist")
    lines = {}
    for year in years:
        missing = [
            MissingIndicator(
                code=indicator.code,
                name=indicator.name,
                next_publication_on=indicator.next_publication_on,
                url=reverse("admin:indicators_indicator_change", args=[indicator.pk]),
            )
            for indicator in indicators
            if (indicator.pk, year) not in recorded
        ]
        total = len(indicators)
        done = total - len(missing)
        tally = Tally(
            _("記録"),
            done,
            total,
            _("%(total)s指標のうち%(done)s指標の実績値を記録済み") % {"total": total, "done": done},
        )
        lines[year] = Line(
            key="actuals",
            title=_("成果指標の実績値"),
            complete=tally.complete,
            state=_state(tally.complete),
            tallies=[tally],
            links=[Link(_("成果指標の一覧へ"), changelist)],
            missing_indicators=missing,
        )
    return lines


def _usage(year: int) -> Line:
    counts = CivicCenter.objects.open_in(year).aggregate(
        total=Count("pk"),
        recorded=Count(
            "pk",
            filter=Exists(CenterUsage.objects.filter(center=OuterRef("pk"), fiscal_year=year)),
        ),
    )
    total, done = counts["total"], counts["recorded"]
    tally = Tally(
        _("記録"),
        done,
        total,
        _("この年度に開館している%(total)s館のうち%(done)s館の利用者数を記録済み")
        % {"total": total, "done": done},
    )
    missing_url = _with_query(reverse("admin:centers_civiccenter_changelist"), missing_usage=year)
    return Line(
        key="usage",
        title=_("市民センターの利用状況"),
        complete=tally.complete,
        state=_state(tally.complete),
        tallies=[tally],
        links=[Link(_("利用者数が未入力のセンターへ"), missing_url)],
    )


def _reports(year: int) -> Line:
    reports = AnnualReport.objects.filter(body=OuterRef("pk"), fiscal_year=year)
    counts = CollaborationBody.objects.active_in(year).aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Exists(reports.exclude(submitted_at=None))),
        accepted=Count("pk", filter=Exists(reports.accepted())),
    )
    total, submitted, accepted = counts["total"], counts["submitted"], counts["accepted"]
    tallies = [
        Tally(
            _("提出"),
            submitted,
            total,
            _("活動中の%(total)s団体のうち%(done)s団体が提出済み")
            % {"total": total, "done": submitted},
        ),
        Tally(
            _("受理"),
            accepted,
            total,
            _("活動中の%(total)s団体のうち%(done)s団体の報告を受理済み")
            % {"total": total, "done": accepted},
        ),
    ]
    links = [Link(_("報告の審査へ"), reverse("councils:board"))]
    summary = _reverse_or_none("councils:summary", [year])
    if summary:
        links.append(Link(_("回答の集計へ"), summary))
    complete = all(tally.complete for tally in tallies)
    return Line(
        key="reports",
        title=_("地域協働体の年次報告"),
        complete=complete,
        state=_state(complete),
        tallies=tallies,
        detail=_("回答率：%(rate)s") % {"rate": response_rate(submitted, total)},
        links=links,
    )


def _frozen_reports(years) -> dict[int, FrozenReport]:
    # Without ``data``: it holds the whole report, and the panel only needs the date.
    reports = FrozenReport.objects.filter(fiscal_year__in=years).only("fiscal_year", "frozen_at")
    return {report.fiscal_year: report for report in reports}


def _frozen(year: int, report: FrozenReport | None) -> Line:
    url = _reverse_or_none("progress_reports:report", [year]) or reverse("progress_reports:index")
    return Line(
        key="frozen",
        title=_("進捗状況報告書"),
        complete=report is not None,
        state=_("確定済み") if report else _("未確定"),
        detail=_frozen_detail(report.frozen_at) if report else "",
        links=[Link(_("報告書を見る"), url)],
    )


def _frozen_detail(frozen_at: datetime) -> str:
    return _("%(date)sに確定") % {"date": date_format(timezone.localdate(frozen_at))}


@dataclass(frozen=True)
class MailGap:
    """A submitted report would reach nobody by e-mail; ``users_url`` is where editors'
    addresses are entered, for whoever may change accounts."""

    users_url: str | None


def submission_mail_gap(user) -> MailGap | None:
    """For staff who review reports, whether submissions would go unannounced: no address
    in ``PORTAL_STAFF_EMAILS`` and no active editor with one."""
    if not is_report_staff(user) or staff_emails():
        return None
    may_change_users = user.has_perm("auth.change_user")
    return MailGap(users_url=reverse("admin:auth_user_changelist") if may_change_users else None)


def admin_shortcuts(user) -> list[Link]:
    """The portal pages staff reach from the admin home, and the blank import templates of
    the figures the panel counts (for whoever may import them)."""
    links = []
    if is_report_staff(user):
        links.append(Link(_("報告の審査"), reverse("councils:board")))
    links.append(Link(_("進捗状況報告書"), reverse("progress_reports:index")))
    links.append(Link(_("オープンデータ"), reverse("opendata:index")))
    for model in (ProjectYearStatus, IndicatorValue, CenterUsage):
        if not _may_import(user, model):
            continue
        opts = model._meta
        url = _reverse_or_none(f"admin:{opts.app_label}_{opts.model_name}_import_template")
        if url:
            links.append(
                Link(
                    _("取込用テンプレート：%(name)s") % {"name": opts.verbose_name_plural},
                    url,
                )
            )
    return links
