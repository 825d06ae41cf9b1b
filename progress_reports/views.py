"""``/reports/``: the yearly 進捗状況報告書 for the 協働推進会議, its XLSX, and freezing it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.cache import cached_public_page
from core.fiscal import current_fiscal_year, fiscal_year_label, wareki_datetime
from progress_reports.builder import build_report
from progress_reports.forms import FreezeForm
from progress_reports.models import FrozenReport
from progress_reports.presentation import corrections, for_display
from progress_reports.selectors import report_years
from progress_reports.workbook import report_workbook

CURRENT = "current"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _check_year(fiscal_year: int) -> None:
    if fiscal_year not in report_years():
        raise Http404(_("この年度の報告書はありません。"))


def _can_freeze(user, fiscal_year) -> bool:
    return (
        user.has_perm("progress_reports.add_frozenreport") and fiscal_year < current_fiscal_year()
    )


@cached_public_page
def report_index(request):
    frozen = dict(FrozenReport.objects.values_list("fiscal_year", "frozen_at"))
    years = [{"fiscal_year": year, "frozen_at": frozen.get(year)} for year in report_years()]
    return render(request, "progress_reports/index.html", {"years": years})


def _report(request, fiscal_year):
    _check_year(fiscal_year)
    frozen = FrozenReport.objects.filter(fiscal_year=fiscal_year).first()
    current = build_report(fiscal_year)
    showing_current = frozen is None or request.GET.get("version") == CURRENT
    data = current if showing_current else frozen.data
    return render(
        request,
        "progress_reports/report.html",
        {
            "report": for_display(data),
            "fiscal_year": fiscal_year,
            "frozen": frozen,
            "showing_current": showing_current,
            "corrections": corrections(frozen.data, current) if frozen else [],
            "can_download": request.user.has_perm("progress_reports.view_frozenreport"),
            "can_freeze": frozen is None and _can_freeze(request.user, fiscal_year),
        },
    )


_cached_report = cached_public_page(_report)


def report(request, fiscal_year):
    """The report; staff get the same page with their download and freeze links."""
    if request.user.is_staff:
        return _report(request, fiscal_year)
    return _cached_report(request, fiscal_year)


def report_xlsx(request, fiscal_year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not request.user.has_perm("progress_reports.view_frozenreport"):
        raise PermissionDenied
    _check_year(fiscal_year)
    frozen = FrozenReport.objects.filter(fiscal_year=fiscal_year).first()
    if frozen and request.GET.get("version") != CURRENT:
        data, version, suffix = frozen.data, _("確定版"), "frozen"
    else:
        data, version, suffix = build_report(fiscal_year), _("現在のデータ"), "current"
    label = _("%(version)s（%(at)s 作成）") % {
        "version": version,
        "at": wareki_datetime(data["built_at"]),
    }
    response = HttpResponse(report_workbook(data, version_label=label), content_type=XLSX)
    filename = f"progress-report-{fiscal_year}-{suffix}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def freeze(request, fiscal_year):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    _check_year(fiscal_year)
    if not _can_freeze(request.user, fiscal_year):
        raise PermissionDenied
    report_url = reverse("progress_reports:report", args=[fiscal_year])
    if FrozenReport.objects.filter(fiscal_year=fiscal_year).exists():
        messages.info(request, _("この年度の報告書はすでに確定しています。"))
        return redirect(report_url)
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.fiscal_year = fiscal_year
        form.instance.data = build_report(fiscal_year)
        form.instance.frozen_by = request.user
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            messages.info(request, _("この年度の報告書は、ほかの職員がすでに確定しました。"))
            return redirect(report_url)
        messages.success(
            request,
            _("%(year)sの進捗状況報告書を確定しました。")
            % {"year": fiscal_year_label(fiscal_year)},
        )
        return redirect(report_url)
    return render(
        request,
        "progress_reports/freeze.html",
        {"form": form, "fiscal_year": fiscal_year, "report_url": report_url},
    )
