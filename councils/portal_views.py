"""``/portal/``: where a body files its annual report, and where staff review them."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.fiscal import wareki_date
from councils.access import (
    can_review,
    is_report_staff,
    own_report_or_404,
    photo_for_user_or_404,
    public_photo_or_404,
    reporter_body,
    reporter_required,
    staff_may_read_answers,
    staff_required,
)
from councils.board import board_rows, survey_aggregates
from councils.forms import ReportForms, ReviewForm
from councils.models import AnnualReport, ReportingPeriod, ReviewComment
from councils.services import (
    SECTION_LABELS,
    SECTIONS,
    TransitionError,
    can_body_edit,
    changed_sections,
    missing_items,
    period_of,
    previous_report,
    report_save_draft,
    report_start,
    report_transition,
)

Status = AnnualReport.Status


@never_cache
def portal_home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    body = reporter_body(request.user)
    if body is None:
        if is_report_staff(request.user):
            return redirect("councils:board")
        return render(request, "councils/portal/not_a_reporter.html", status=403)
    reports = {r.fiscal_year: r for r in AnnualReport.objects.filter(body=body)}
    today = timezone.localdate()
    rows = []
    for period in ReportingPeriod.objects.all():
        report = reports.get(period.fiscal_year)
        rows.append(
            {
                "period": period,
                "report": report,
                "days_left": period.days_left(today),
                "comments": list(report.review_comments.all()[:5])
                if report and report.status == Status.RETURNED
                else [],
            }
        )
    return render(request, "councils/portal/home.html", {"body": body, "rows": rows})


@never_cache
@reporter_required
def report_edit(request, fiscal_year):
    period = get_object_or_404(ReportingPeriod, fiscal_year=fiscal_year)
    try:
        report = own_report_or_404(request, fiscal_year)
    except Http404:
        if timezone.localdate() < period.opens_on:
            raise
        report = report_start(
            body=request.reporter_body, fiscal_year=fiscal_year, user=request.user
        )
    editable = can_body_edit(report)
    missing = []
    if request.method == "POST":
        if not editable:
            messages.error(request, _("この報告は現在編集できません。"))
            return redirect("councils:report", fiscal_year=fiscal_year)
        forms = ReportForms(report, request.POST, request.FILES)
        if forms.is_valid():
            submit = request.POST.get("action") == "submit"
            # One transaction: a refused submission rolls back only its own savepoint and
            # keeps the draft; an error anywhere saves nothing at all.
            with transaction.atomic():
                report_save_draft(report=report, forms=forms, user=request.user)
                if submit:
                    try:
                        report_transition(report=report, to=Status.SUBMITTED, user=request.user)
                    except TransitionError as error:
                        missing = error.messages
            if submit and not missing:
                messages.success(request, _("報告を提出しました。市の確認をお待ちください。"))
                return redirect("councils:home")
            if not submit:
                messages.success(request, _("下書きを保存しました。"))
                return redirect("councils:report", fiscal_year=fiscal_year)
        if missing:
            forms = ReportForms(report)
        else:
            messages.error(
                request, _("入力に誤りがあります。各項目のメッセージを確認してください。")
            )
    else:
        forms = ReportForms(report)
    return render(
        request,
        "councils/portal/report.html",
        {
            "report": report,
            "period": period,
            "forms": forms,
            "editable": editable,
            "missing": missing,
            "previous": previous_report(report),
            "comments": report.review_comments.all() if report.status == Status.RETURNED else [],
            "section_labels": SECTION_LABELS,
        },
    )


@never_cache
def portal_photo(request, pk, size):
    if not request.user.is_authenticated:
        raise Http404
    photo = photo_for_user_or_404(request.user, pk)
    return _photo_response(photo, size)


def public_photo(request, pk, size):
    return _photo_response(public_photo_or_404(pk), size)


def _photo_response(photo, size):
    field = photo.thumbnail if size == "thumb" else photo.image
    # Photos are small once resized (≤ 2000 px), so they are read whole and the file is
    # closed at once.
    with field.open("rb") as image:
        response = HttpResponse(image.read(), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@never_cache
@staff_required
def board(request):
    return render(request, "councils/portal/board.html", board_rows())


@never_cache
@staff_required
def review(request, pk):
    report = get_object_or_404(AnnualReport.objects.select_related("body"), pk=pk)
    if not staff_may_read_answers(report):
        raise Http404
    # Returning an accepted report reopens it, whichever button sent it: it always asks
    # until when the body may revise it.
    reopen = report.status == Status.ACCEPTED
    form = ReviewForm(request.POST or None, sections=SECTIONS, reopen=reopen)
    if request.method == "POST":
        if not can_review(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        target = {"accept": Status.ACCEPTED, "return": Status.RETURNED, "reopen": Status.RETURNED}
        if action in target and form.is_valid():
            until = form.cleaned_data.get("reopen_until")
            try:
                report_transition(
                    report=report,
                    to=target[action],
                    user=request.user,
                    comments=form.comments(),
                    reopen_until=until,
                )
            except TransitionError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                words = {"report": report, "status": report.get_status_display()}
                if reopen:
                    words["date"] = wareki_date(until)
                    done = _("%(report)sを「%(status)s」にしました。修正の期限は%(date)sです。")
                else:
                    done = _("%(report)sを「%(status)s」にしました。")
                done %= words
                messages.success(request, done)
                return redirect("councils:board")
    return render(
        request,
        "councils/portal/review.html",
        {
            "report": report,
            "forms": ReportForms(report),
            "form": form,
            "changed": changed_sections(report) if report.status == Status.SUBMITTED else [],
            "missing": missing_items(report),
            "comments": ReviewComment.objects.filter(report=report),
            "section_labels": SECTION_LABELS,
            "can_review": can_review(request.user),
            "period": period_of(report),
        },
    )


@never_cache
@staff_required
def survey_summary_staff(request, fiscal_year):
    return render(
        request,
        "councils/portal/summary.html",
        {**survey_aggregates(fiscal_year, public=False), "fiscal_year": fiscal_year},
    )
