"""Writes about annual reports: starting one, moving it through its workflow, what it feeds.

``report_transition()`` is the only function that changes a report's state; views, the
admin and tests all go through it, and it records who did what and when.
"""

from django.db import transaction
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from core.fiscal import fiscal_year_dates
from councils import changes, notifications
from councils.access import can_review, reporter_body
from councils.forms import ActivityForm, SectionForms
from councils.models import (
    Activity,
    AnnualReport,
    CenterReport,
    ReportExtension,
    ReportingPeriod,
    ReportSnapshot,
    ReviewComment,
    RoleAssessment,
    SupportMeasure,
    SupportRating,
)
from councils.sections import SECTION_KEYS, SectionState
from councils.signals import report_decided
from indicators.derived import ACTIVITIES
from indicators.services import refresh_derived_indicators
from plans.models import BodyRole

Status = AnnualReport.Status


TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED): "submit",
    (Status.RETURNED, Status.SUBMITTED): "submit",
    (Status.SUBMITTED, Status.RETURNED): "return",
    (Status.SUBMITTED, Status.ACCEPTED): "accept",
    (Status.ACCEPTED, Status.RETURNED): "reopen",
}


class TransitionError(Exception):
    """A move the workflow does not allow, with the reasons in Japanese."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))


def managed_centers(body, fiscal_year) -> list:
    """The centres ``body`` manages in ``fiscal_year``, each once, in the centres' order."""
    periods = (
        body.managed_periods.covering(fiscal_year)
        .select_related("center")
        .order_by("center__region__order", "center__district__order", "center__name")
    )
    return list({period.center_id: period.center for period in periods}.values())


@transaction.atomic
def report_start(*, body, fiscal_year, user) -> AnnualReport:
    """The body's report of the year, started as a draft with its roles, centres and measures."""
    report, created = AnnualReport.objects.get_or_create(
        body=body, fiscal_year=fiscal_year, defaults={"updated_by": user}
    )
    if created:
        for rows in starting_rows(report).values():
            if rows:
                type(rows[0]).objects.bulk_create(rows)
    return report


def blank_report(body, fiscal_year) -> AnnualReport:
    """The report a body has not started yet, unsaved: its pages show it until the first
    save creates it (``report_start()``), so looking at a report never starts one."""
    return AnnualReport(body=body, fiscal_year=fiscal_year)


def starting_rows(report) -> dict[str, list]:
    """The rows a report starts with, unsaved, by the report's related name, in the order its
    pages show them: the plan's roles, the centres the body manages that year, the support
    measures asked this year."""
    centers = sorted(managed_centers(report.body, report.fiscal_year), key=lambda c: c.name)
    return {
        "role_assessments": [
            RoleAssessment(report=report, role=role) for role in BodyRole.objects.order_by("number")
        ],
        "center_reports": [CenterReport(report=report, center=center) for center in centers],
        "support_ratings": [
            SupportRating(report=report, measure=measure)
            for measure in SupportMeasure.objects.filter(is_active=True)
        ],
    }


class ReportLocked(Exception):
    """The body may not make this change now: the report is submitted, accepted or past its
    deadline, or it holds as many activities as a report may."""

    def __init__(self, message=None):
        self.message = message or _("この報告は現在編集できません。")
        super().__init__(self.message)


def _same_report(theirs, report) -> bool:
    """Whether a form was made for ``report`` (an unsaved one: the very same object)."""
    return theirs is report if report.pk is None else theirs.pk == report.pk


def _started(report, user) -> AnnualReport:
    """``report`` itself, or — for a report shown before it existed — the report this first
    save starts (or the one another member of the body started meanwhile)."""
    if report.pk is not None:
        return report
    return report_start(body=report.body, fiscal_year=report.fiscal_year, user=user)


def _lock_for_editing(report) -> AnnualReport:
    """Hold ``report``'s row for this transaction and check the body may still change it.
    Of two saves made at once, the second waits, then sees the state the first left."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not can_body_edit(locked):
        raise ReportLocked
    return locked


def _mark_saved(report, locked, section, user):
    """Record that the body saved ``section`` now (the task list's 入力中 / 入力済み);
    ``locked`` is the row ``_lock_for_editing()`` holds."""
    saved = {**locked.sections_saved_at, section: timezone.now().isoformat()}
    AnnualReport.objects.filter(pk=report.pk).update(
        sections_saved_at=saved, updated_by=user, updated_at=timezone.now()
    )
    report.sections_saved_at = saved


@transaction.atomic
def report_save_section(*, report: AnnualReport, forms: SectionForms, user) -> AnnualReport:
    """Save one section's answers from its validated forms: all of them or nothing, and
    nothing of any other section. The state is left alone (``report_transition()`` moves it).
    Raises ``ReportLocked`` if the body may no longer change the report."""
    if not _same_report(forms.report, report) or not forms.is_valid():
        raise ValueError("report_save_section() takes the validated forms of this report")
    report = _started(report, user)
    locked = _lock_for_editing(report)
    forms.save(report, user)
    _mark_saved(report, locked, forms.section, user)
    return report


@transaction.atomic
def activity_save(*, report: AnnualReport, form: ActivityForm, user) -> Activity:
    """Add or change one activity of ``report`` (with its photos) from a validated form."""
    if not _same_report(form.instance.report, report) or not form.is_valid():
        raise ValueError("activity_save() takes a validated form of an activity of this report")
    report = _started(report, user)
    form.instance.report = report
    locked = _lock_for_editing(report)
    if form.instance.pk is None and report.activities.count() >= Activity.MAX_PER_REPORT:
        raise ReportLocked(
            _("活動実績は%(count)s件まで入力できます。") % {"count": Activity.MAX_PER_REPORT}
        )
    activity = form.save()
    _mark_saved(report, locked, "activities", user)
    return activity


@transaction.atomic
def activity_delete(*, report: AnnualReport, activity: Activity, user) -> None:
    """Remove one activity of ``report`` and its photos (their files go after the commit)."""
    if activity.report_id != report.pk:
        raise ValueError("activity_delete() takes an activity of this report")
    locked = _lock_for_editing(report)
    activity.delete()
    _mark_saved(report, locked, "activities", user)


@transaction.atomic
def mark_section_saved(*, report: AnnualReport, section: str, user) -> None:
    """The body says a section whose page has nothing to type (the activities list) is done."""
    report = _started(report, user)
    locked = _lock_for_editing(report)
    _mark_saved(report, locked, section, user)


def previous_report(report):
    return AnnualReport.objects.filter(body=report.body, fiscal_year=report.fiscal_year - 1).first()


def period_of(report):
    return ReportingPeriod.objects.filter(fiscal_year=report.fiscal_year).first()


def active_extension(body, fiscal_year, today=None):
    today = today or timezone.localdate()
    return ReportExtension.objects.filter(
        body=body, fiscal_year=fiscal_year, until__gte=today
    ).first()


def can_body_edit(report, today=None) -> bool:
    """A draft until the deadline (or an extension); a returned report until resubmitted."""
    today = today or timezone.localdate()
    if report.status == Status.RETURNED:
        return True
    if report.status != Status.DRAFT:
        return False
    period = period_of(report)
    if period is None or today < period.opens_on:
        return False
    return today <= period.due_on or active_extension(report.body, report.fiscal_year, today)


def with_answers(report) -> AnnualReport:
    """``report`` with every row ``_answers.html`` shows, each kind loaded in one query."""
    prefetch_related_objects(
        [report],
        Prefetch("role_assessments", RoleAssessment.objects.select_related("role")),
        Prefetch("activities", Activity.objects.select_related("role").prefetch_related("photos")),
        Prefetch("center_reports", CenterReport.objects.select_related("center")),
        Prefetch("support_ratings", SupportRating.objects.select_related("measure")),
    )
    return report


def missing_by_section(report) -> dict[str, list[str]]:
    """What each section still needs before the report can be submitted."""
    missing = {key: [] for key in SECTION_KEYS}
    if report.pk is None:  # not started: everything a submission needs is missing
        rows = starting_rows(report)
        assessments, activities = rows["role_assessments"], []
        center_reports, ratings = rows["center_reports"], rows["support_ratings"]
    else:
        assessments = report.role_assessments.select_related("role")
        activities = list(report.activities.all())
        center_reports = report.center_reports.select_related("center")
        ratings = report.support_ratings.select_related("measure")
    if not report.overall_level:
        missing["assessment"].append(_("1. 全体の達成状況を選んでください。"))
    for assessment in assessments:
        if not assessment.level:
            missing["assessment"].append(
                _("1. 「%(role)s」の達成状況を選んでください。") % {"role": assessment.role.title}
            )
    if not activities:
        missing["activities"].append(_("2. 活動実績を1件以上入力してください。"))
    first, last = fiscal_year_dates(report.fiscal_year)
    for number, activity in enumerate(activities, start=1):
        for field, label in [
            ("held_on", _("実施日")),
            ("title", _("活動名")),
            ("role_id", _("役割")),
        ]:
            if not getattr(activity, field):
                missing["activities"].append(
                    _("2. %(number)s件目の活動の%(label)sを入力してください。")
                    % {"number": number, "label": label}
                )
        if activity.held_on and not first <= activity.held_on <= last:
            missing["activities"].append(
                _("2. %(number)s件目の活動の実施日が、報告の年度の外です。") % {"number": number}
            )
    for center_report in center_reports:
        if center_report.visits is None:
            missing["centers"].append(
                _("3. %(center)sの利用者数を入力してください。") % {"center": center_report.center}
            )
    for rating in ratings:
        if rating.score is None:
            missing["support"].append(
                _("4. 「%(measure)s」の評価を選んでください。") % {"measure": rating.measure}
            )
    if not report.results_and_issues.strip():
        missing["results"].append(_("5. 成果と課題を入力してください。"))
    return missing


def missing_items(report) -> list[str]:
    """What still has to be filled in before the report can be submitted."""
    return [item for items in missing_by_section(report).values() for item in items]


def _has_answers(report, section) -> bool:
    """Whether anything of ``section`` is filled in, saved through its page or not."""
    if section == "assessment":
        return bool(report.overall_level or report.overall_comment) or any(
            a.level or a.comment for a in report.role_assessments.all()
        )
    if section == "activities":
        return report.activities.exists()
    if section == "centers":
        return any(c.visits is not None or c.note for c in report.center_reports.all())
    if section == "support":
        return bool(report.opinions) or any(r.score for r in report.support_ratings.all())
    if section == "results":
        return bool(report.results_and_issues or report.next_year_plan)
    return False  # consent: its boxes start ticked, so only a save says the body chose


def section_states(report, missing=None) -> dict[str, str]:
    """Each section's state for the task list: 未入力, 入力中 or 入力済み. ``missing`` is
    ``missing_by_section(report)`` if the caller has it already."""
    if report.pk is None:
        return dict.fromkeys(SECTION_KEYS, SectionState.NOT_STARTED)
    missing = missing if missing is not None else missing_by_section(report)
    states = {}
    for key in SECTION_KEYS:
        if key not in report.sections_saved_at and not _has_answers(report, key):
            states[key] = SectionState.NOT_STARTED
        elif missing[key]:
            states[key] = SectionState.IN_PROGRESS
        else:
            states[key] = SectionState.DONE
    return states


def current_requests(report) -> dict[str, list[ReviewComment]]:
    """What staff asked to change when they last returned ``report``, by section; empty
    unless the report is returned now."""
    requests = {}
    for comment in report.current_review_comments():
        requests.setdefault(comment.section, []).append(comment)
    return requests


def snapshot(report) -> dict:
    """The body's answers as plain data, section by section (``councils.changes`` reads
    them; each activity is [held_on, title, role, participants, description, photo count, id],
    the id only in snapshots kept since activities carried it)."""
    return {
        "assessment": {
            "overall": [report.overall_level, report.overall_comment],
            **{
                a.role.title: [a.level, a.comment]
                for a in report.role_assessments.select_related("role")
            },
        },
        "activities": [
            [
                str(a.held_on or ""),
                a.title,
                a.role.title if a.role else "",
                a.participants,
                a.description,
                a.photo_count,
                a.pk,
            ]
            for a in report.activities.select_related("role").annotate(photo_count=Count("photos"))
        ],
        "centers": {
            c.center.name: [c.visits, c.note]
            for c in report.center_reports.select_related("center")
        },
        "support": {
            **{r.measure.name: r.score for r in report.support_ratings.select_related("measure")},
            "opinions": report.opinions,
        },
        "results": [report.results_and_issues, report.next_year_plan],
        "consent": [report.publish_activities, report.publish_photos, report.publish_opinions],
    }


def report_changes(report) -> list[changes.SectionChanges] | None:
    """What the body changed since the report was last returned, section by section and
    answer by answer; None if it never was returned."""
    returned = report.snapshots.filter(kind=ReportSnapshot.Kind.RETURNED).first()
    if returned is None:
        return None
    return changes.compare(returned.data, snapshot(report))


def changed_sections(report) -> list[str]:
    """The sections the body changed since the report was last returned."""
    return [section.label for section in report_changes(report) or []]


@transaction.atomic
def report_transition(*, report, to, user, comments=None, reopen_until=None, reason=""):
    """Move ``report`` to the state ``to``, if the workflow and the user allow it."""
    # Decide on the state as stored, holding the row: of two requests made at once (a double
    # click, two members of staff), the second sees what the first did.
    report.status = (
        AnnualReport.objects.select_for_update().values_list("status", flat=True).get(pk=report.pk)
    )
    action = TRANSITIONS.get((report.status, to))
    if action is None:
        raise TransitionError(
            _("「%(from)s」の報告を「%(to)s」にすることはできません。")
            % {"from": report.get_status_display(), "to": AnnualReport.Status(to).label}
        )
    now = timezone.now()
    if action == "submit":
        if reporter_body(user) != report.body:
            raise TransitionError(
                _("この報告を提出できるのは、この地域協働体の報告担当者だけです。")
            )
        if not can_body_edit(report):
            raise TransitionError(_("提出期限を過ぎています。市の担当課にご連絡ください。"))
        missing = missing_items(report)
        if missing:
            raise TransitionError(missing)
        report.submitted_at = now
        ReportSnapshot.objects.create(
            report=report, kind=ReportSnapshot.Kind.SUBMITTED, data=snapshot(report)
        )
    else:
        if not can_review(user):
            raise TransitionError(_("報告を審査できるのは市の職員（編集）だけです。"))
        if action in ("return", "reopen"):
            comments = {k: v.strip() for k, v in (comments or {}).items() if v and v.strip()}
            if not comments:
                raise TransitionError(_("差戻しの理由を、少なくとも1つの項目に書いてください。"))
            for section, comment in comments.items():
                ReviewComment.objects.create(
                    report=report, section=section, comment=comment, created_by=user
                )
            ReportSnapshot.objects.create(
                report=report, kind=ReportSnapshot.Kind.RETURNED, data=snapshot(report)
            )
            report.returned_at = now
        if action == "reopen":
            report.accepted_at = None
            if reopen_until is not None:
                ReportExtension.objects.create(
                    body=report.body,
                    fiscal_year=report.fiscal_year,
                    until=reopen_until,
                    reason=reason or _("受理後の修正"),
                    created_by=user,
                )
        if action == "accept":
            report.accepted_at = now
    # The public pages change only when the report enters or leaves 受理 (core.cache).
    report.status_before, report.status = report.status, to
    report._history_user = user
    report._change_reason = action
    # Only the workflow's own fields: the body's answers are never touched here.
    report.save(
        update_fields=["status", "submitted_at", "returned_at", "accepted_at", "updated_at"]
    )
    if action in ("accept", "reopen"):
        # Its centre visits become centre usage, or stop being it
        # (``centers.services.usage_from_report``); its activities count towards 2-1 from
        # now on, or no longer. What changed is recomputed once, for the report's year.
        codes = {ACTIVITIES}
        for _receiver, touched in report_decided.send(sender=AnnualReport, report=report):
            codes.update(touched)
        refresh_derived_indicators(fiscal_years=[report.fiscal_year], codes=sorted(codes))
    _queue_mails(action, report)
    return report


def _queue_mails(action, report):
    """Queue the e-mails about this move in its own transaction: the outbox sends them
    once it commits (and retries if the mail server is down), and a rollback drops them."""
    queue = {
        "submit": notifications.report_submitted,
        "return": notifications.report_returned,
        "reopen": notifications.report_returned,
        "accept": notifications.report_accepted,
    }[action]
    queue(report)
