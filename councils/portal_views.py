"""``/portal/``: where a body files its annual report, and where staff review them."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.fiscal import wareki_date
from councils.access import (
    can_review,
    is_report_staff,
    photo_for_user_or_404,
    public_photo_or_404,
    reporter_body,
    staff_may_read_answers,
    staff_required,
)
from councils.board import board_rows, survey_aggregates
from councils.forms import ReviewForm
from councils.models import AnnualReport, ReportingPeriod, ReviewComment
from councils.sections import SECTION_LABELS, SECTIONS
from councils.services import (
    TransitionError,
    missing_items,
    period_of,
    report_changes,
    report_transition,
    with_answers,
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
                "requests": [
                    {
                        "key": c.section,
                        "section": SECTION_LABELS.get(c.section, c.section),
                        "comment": c,
                    }
                    for c in report.current_review_comments()
                ]
                if report
                else [],
            }
        )
    return render(request, "councils/portal/home.html", {"body": body, "rows": rows})


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
    with_answers(report)  # the page shows every answer
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
    # Only for a resubmission: what the body changed since the report was returned.
    changes = report_changes(report) if report.status == Status.SUBMITTED else None
    return render(
        request,
        "councils/portal/review.html",
        {
            "report": report,
            "form": form,
            "changes": changes,
            "changed_keys": {section.key for section in changes or []},
            "missing": missing_items(report),
            **_requests_and_history(report),
            "section_labels": SECTION_LABELS,
            "can_review": can_review(request.user),
            "period": period_of(report),
        },
    )


def _requests_and_history(report) -> dict:
    """The comments of the latest return, which the body is (or was, until it resubmitted)
    asked to act on, and the earlier ones, answered by the submissions that followed."""
    comments = list(ReviewComment.objects.filter(report=report).order_by("-created_at"))
    requests = []
    if report.status in (Status.RETURNED, Status.SUBMITTED):
        requests = list(report.latest_return_comments())
    return {
        "requests": requests,
        "requested_on": report.returned_at if requests else None,
        "history": [c for c in comments if c not in requests],
    }


@never_cache
@staff_required
def survey_summary_staff(request, fiscal_year):
    return render(
        request,
        "councils/portal/summary.html",
        {**survey_aggregates(fiscal_year, public=False), "fiscal_year": fiscal_year},
    )
