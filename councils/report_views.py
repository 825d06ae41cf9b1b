"""``/portal/reports/<year>/…``: a body files its annual report one section at a time.

The task list shows the six sections and their state; each section is its own page, the
activities are added one at a time, and the report is submitted only from the check page.
Every write goes through ``councils.services``.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from councils.access import own_report_or_404, reporter_required
from councils.forms import ROWS_CHANGED, ActivityForm, RowsChanged, SectionForms, field_errors
from councils.models import (
    Activity,
    AnnualReport,
    ReportingPeriod,
)
from councils.sections import SECTION_KEYS, SECTION_LABELS, SECTIONS, SectionState, next_section
from councils.services import (
    ReportLocked,
    TransitionError,
    activity_delete,
    activity_save,
    blank_report,
    can_body_edit,
    current_requests,
    mark_section_saved,
    missing_by_section,
    previous_report,
    report_save_section,
    report_transition,
    section_states,
    starting_rows,
    with_answers,
)

Status = AnnualReport.Status


def _report(request, fiscal_year) -> tuple[AnnualReport, ReportingPeriod]:
    """The requesting body's report of ``fiscal_year`` and its period. Once the period has
    opened, a report not started yet is shown unsaved; its first save creates it."""
    period = get_object_or_404(ReportingPeriod, fiscal_year=fiscal_year)
    report = AnnualReport.objects.filter(
        body=request.reporter_body, fiscal_year=fiscal_year
    ).first()
    if report is None:
        if timezone.localdate() < period.opens_on:
            raise Http404
        report = blank_report(request.reporter_body, fiscal_year)
    return report, period


def _task_list(report):
    return redirect("councils:report", fiscal_year=report.fiscal_year)


def _activity_list_page(fiscal_year):
    return redirect("councils:report-section", fiscal_year=fiscal_year, section="activities")


def _refuse_edit(request, report):
    messages.error(request, _("この報告は現在編集できません。"))
    return _task_list(report)


def _after_save(request, report, section):
    """Where 「保存して次へ」 and 「保存して一覧に戻る」 lead."""
    if request.POST.get("then") == "next":
        following = next_section(section)
        if following is None:
            return redirect("councils:report-check", fiscal_year=report.fiscal_year)
        return redirect(
            "councils:report-section", fiscal_year=report.fiscal_year, section=following
        )
    return _task_list(report)


def _saved_message(request, section):
    messages.success(
        request, _("「%(section)s」を保存しました。") % {"section": SECTION_LABELS[section]}
    )


@never_cache
@reporter_required
def task_list(request, fiscal_year):
    report, period = _report(request, fiscal_year)
    editable = can_body_edit(report)
    started = report.pk is not None
    if started and not editable:
        with_answers(report)  # the page shows every answer, read-only
    missing = missing_by_section(report)
    states = section_states(report, missing)
    requests = current_requests(report)
    sections = [
        {
            "key": key,
            "label": label,
            "state": states[key],
            "state_label": SectionState.LABELS[states[key]],
            "requests": requests.get(key, []),
            "saved_at": report.sections_saved_at.get(key),
        }
        for key, label in SECTIONS
    ]
    return render(
        request,
        "councils/report/task_list.html",
        {
            "report": report,
            "period": period,
            "editable": editable,
            "sections": sections,
            "done": sum(state == SectionState.DONE for state in states.values()),
            "ready": started and not any(missing.values()),
            "started": started,
            "days_left": period.days_left(),
            "section_labels": SECTION_LABELS,
        },
    )


@never_cache
@reporter_required
def section_edit(request, fiscal_year, section):
    if section not in SECTION_KEYS:
        raise Http404
    report, period = _report(request, fiscal_year)
    if not can_body_edit(report):
        return _refuse_edit(request, report)
    if section == "activities":
        return _activity_list(request, report, period)
    previous = previous_report(report)
    data = request.POST if request.method == "POST" else None
    # A page shown before the report existed posts its rows without ids; it saves into the
    # report its first save starts, or the one another member of the body started meanwhile.
    if data is not None and data.get("report_started") == "0" and report.pk is not None:
        report = blank_report(request.reporter_body, fiscal_year)
    blank_rows = starting_rows(report) if report.pk is None else None
    forms = SectionForms(report, section, data, previous=previous, blank_rows=blank_rows)
    errors = []
    if data is not None:
        if forms.is_valid():
            try:
                report_save_section(report=report, forms=forms, user=request.user)
            except ReportLocked as locked:
                messages.error(request, locked.message)
                return _task_list(report)
            except RowsChanged:
                errors = [(str(ROWS_CHANGED), "section-form")]
            else:
                _saved_message(request, section)
                return _after_save(request, report, section)
        else:
            errors = forms.error_list()
    return render(
        request,
        f"councils/report/section_{section}.html",
        _section_context(report, period, section, errors=errors, forms=forms, previous=previous),
    )


def _section_context(report, period, section, **extra):
    return {
        "report": report,
        "period": period,
        "section": section,
        "section_label": SECTION_LABELS[section],
        "next_label": SECTION_LABELS.get(next_section(section) or "", _("確認して提出")),
        "requests": current_requests(report).get(section, []),
        "missing": missing_by_section(report)[section],
        **extra,
    }


def _activity_list(request, report, period):
    if request.method == "POST":
        try:
            mark_section_saved(report=report, section="activities", user=request.user)
        except ReportLocked as locked:
            messages.error(request, locked.message)
            return _task_list(report)
        _saved_message(request, "activities")
        return _after_save(request, report, "activities")
    previous = previous_report(report)
    activities = (
        report.activities.select_related("role").prefetch_related("photos") if report.pk else []
    )
    return render(
        request,
        "councils/report/section_activities.html",
        _section_context(
            report,
            period,
            "activities",
            activities=activities,
            previous_count=previous.activities.count() if previous else None,
            can_add=len(activities) < Activity.MAX_PER_REPORT,
            max_activities=Activity.MAX_PER_REPORT,
            errors=[],
        ),
    )


def _own_activity(report, pk) -> Activity:
    if report.pk is None:
        raise Http404
    return get_object_or_404(Activity.objects.prefetch_related("photos"), pk=pk, report=report)


@never_cache
@reporter_required
def activity_edit(request, fiscal_year, pk=None):
    report, period = _report(request, fiscal_year)
    if not can_body_edit(report):
        return _refuse_edit(request, report)
    activity = _own_activity(report, pk) if pk else Activity(report=report)
    if activity.pk is None and report.pk and report.activities.count() >= Activity.MAX_PER_REPORT:
        # Said before the body types anything, not after.
        messages.error(
            request,
            _("活動実績は%(count)s件まで入力できます。") % {"count": Activity.MAX_PER_REPORT},
        )
        return _activity_list_page(fiscal_year)
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, instance=activity)
        if form.is_valid():
            try:
                activity = activity_save(report=report, form=form, user=request.user)
            except ReportLocked as locked:
                messages.error(request, locked.message)
                return _activity_list_page(fiscal_year)
            messages.success(request, _("活動「%(title)s」を保存しました。") % {"title": activity})
            if request.POST.get("then") == "another":
                return redirect("councils:activity-add", fiscal_year=fiscal_year)
            return _activity_list_page(fiscal_year)
    else:
        form = ActivityForm(instance=activity)
    return render(
        request,
        "councils/report/activity_form.html",
        _section_context(
            report, period, "activities", form=form, activity=activity, errors=field_errors(form)
        ),
    )


@never_cache
@reporter_required
def activity_remove(request, fiscal_year, pk):
    report, period = _report(request, fiscal_year)
    if not can_body_edit(report):
        return _refuse_edit(request, report)
    activity = _own_activity(report, pk)
    if request.method == "POST":
        try:
            activity_delete(report=report, activity=activity, user=request.user)
        except ReportLocked as locked:
            messages.error(request, locked.message)
        else:
            messages.success(request, _("活動「%(title)s」を削除しました。") % {"title": activity})
        return _activity_list_page(fiscal_year)
    return render(
        request,
        "councils/report/activity_delete.html",
        _section_context(report, period, "activities", activity=activity, errors=[]),
    )


@never_cache
@reporter_required
def check(request, fiscal_year):
    report, period = _report(request, fiscal_year)
    if report.pk is None:
        messages.info(
            request,
            _(
                "まだ何も保存されていません。各項目を入力して保存してから、確認して提出してください。"
            ),
        )
        return _task_list(report)
    editable = can_body_edit(report)
    if not editable:
        return _task_list(report)
    errors = []
    if request.method == "POST":
        try:
            report_transition(report=report, to=Status.SUBMITTED, user=request.user)
        except TransitionError as error:
            errors = [(str(message), "missing") for message in error.messages]
        else:
            return redirect("councils:report-submitted", fiscal_year=fiscal_year)
    with_answers(report)
    missing = missing_by_section(report)
    return render(
        request,
        "councils/report/check.html",
        {
            "report": report,
            "period": period,
            "missing": [
                (key, SECTION_LABELS[key], items) for key, items in missing.items() if items
            ],
            "complete": not any(missing.values()),
            "errors": errors,
            "section_labels": SECTION_LABELS,
            "editable": editable,
        },
    )


@never_cache
@reporter_required
def submitted(request, fiscal_year):
    report = own_report_or_404(request, fiscal_year)
    if report.status != Status.SUBMITTED:
        return _task_list(report)
    answer_by = timezone.localdate(report.submitted_at) + datetime.timedelta(
        days=settings.PORTAL_REVIEW_DAYS
    )
    return render(
        request,
        "councils/report/submitted.html",
        {
            "report": report,
            "answer_by": answer_by,
            "email": request.user.email,
            "home": reverse("councils:home"),
        },
    )
