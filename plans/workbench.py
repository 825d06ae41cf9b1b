"""The yearly workbench: every project's status of one fiscal year on one admin page.

Staff record the 評価 and texts of all of the plan's projects for a year and publish them
with one button. Each row is saved on its own, in its own transaction holding its row's
lock, so a row that cannot be saved (a published text changed without a 変更理由, or a row
someone else changed after the page was opened) is refused with its message while the
other rows are saved.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.fiscal import PLAN_FIRST_FISCAL_YEAR, PLAN_LAST_FISCAL_YEAR, fiscal_year_label
from plans.forms import CONCURRENT_EDIT, ProjectYearStatusForm
from plans.models import ConcurrentEditError, Plan, Project, ProjectPhase, ProjectYearStatus
from plans.selectors import current_plan_or_404
from plans.services import statuses_set_published

TEMPLATE = "admin/plans/projectyearstatus/workbench.html"
TEXT_FIELDS = ["activities", "results", "issues", "direction"]
# What a row shows and may change: the public fields and whether the row is public.
ROW_STATE = ["evaluation", *TEXT_FIELDS, "is_published"]

# Every input is labelled with its project, so a screen reader names the row it is in.
ROW_LABELS = {
    "evaluation": _("事業%(number)sの評価"),
    "activities": _("事業%(number)sの実施状況"),
    "results": _("事業%(number)sの成果"),
    "issues": _("事業%(number)sの課題"),
    "direction": _("事業%(number)sの今後の方向性"),
    "is_published": _("事業%(number)sを公開する"),
    "change_reason": _("事業%(number)sの変更理由"),
}


def workbench_url(fiscal_year: int) -> str:
    """The address of a year's workbench, e.g. for a link on the admin's home page."""
    return reverse("admin:plans_projectyearstatus_workbench", args=[fiscal_year])


def workbench_years() -> list[tuple[int, str]]:
    """Each year of the plan with the address of its workbench, oldest first."""
    return [
        (year, workbench_url(year))
        for year in range(PLAN_FIRST_FISCAL_YEAR, PLAN_LAST_FISCAL_YEAR + 1)
    ]


def normalize_text(value) -> str:
    # Browsers post a textarea's line breaks as CRLF; loaded and imported texts have LF.
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def state_digest(values: dict) -> str:
    """A fingerprint of what a row shows: its 評価, texts and whether it is public."""
    state = [
        values.get("evaluation") or "",
        *(normalize_text(values.get(name)) for name in TEXT_FIELDS),
        bool(values.get("is_published")),
    ]
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode()).hexdigest()


class WorkbenchRowForm(ProjectYearStatusForm):
    """One project's row: the status form of the admin, with its 変更理由 and version check,
    plus 公開 (written by the publish service, not by the form).

    Three hidden fields say what the page showed: ``opened_version`` (checked by the
    status form), ``opened_status`` (which row it was, or none yet) and ``opened_state``
    (a digest of its values). A row whose posted values match what it showed was left
    alone, and is neither saved nor refused, even if someone else changed it meanwhile.
    """

    is_published = forms.BooleanField(label=_("公開"), required=False)
    opened_status = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opened_state = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta(ProjectYearStatusForm.Meta):
        # The row's project and year come from the page, never from the post.
        fields = ["evaluation", *TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in TEXT_FIELDS}

    def __init__(self, data=None, *, instance, **kwargs):
        if data is None:
            # A page of forms to fill in, built from rows read just before in one query:
            # ProjectYearStatusForm would read each row's stored state again, a query per
            # project for nothing. A posted row is read again, under its lock, to be saved.
            super(ProjectYearStatusForm, self).__init__(instance=instance, **kwargs)
        else:
            super().__init__(data, instance=instance, **kwargs)
        status = self.instance
        # A row that did not exist when the page was opened has no version to claim, so a
        # row someone else created meanwhile is refused instead of overwritten.
        self.fields["opened_version"].initial = status.version if status.pk else None
        self.fields["opened_status"].initial = status.pk
        self.fields["is_published"].initial = status.is_published
        self.fields["opened_state"].initial = state_digest(
            {name: getattr(status, name) for name in ROW_STATE}
        )
        number = status.project.number
        for name, label in ROW_LABELS.items():
            self.fields[name].label = label % {"number": number}

    def has_changed(self) -> bool:
        """Whether the row's values differ from what the page showed when it was opened."""
        opened = self["opened_state"].data
        if not opened:
            return False  # not a row of the page that was posted: nothing to save
        return opened != state_digest({name: self[name].data for name in ROW_STATE})

    def clean(self):
        # The row the page was opened on (or none) must still be the row of this project
        # and year: it was deleted or created meanwhile, or the post names another row.
        if self.cleaned_data.get("opened_status") != self.instance.pk:
            raise forms.ValidationError(CONCURRENT_EDIT, code="concurrent_edit")
        return super().clean()

    def _clean_text(self, name: str) -> str:
        # A text left as it was stays exactly as stored, whatever its line breaks, so an
        # untouched published text never asks for a 変更理由.
        value = normalize_text(self.cleaned_data.get(name))
        stored = getattr(self.instance, name)
        return stored if normalize_text(stored) == value else value

    def clean_activities(self):
        return self._clean_text("activities")

    def clean_results(self):
        return self._clean_text("results")

    def clean_issues(self):
        return self._clean_text("issues")

    def clean_direction(self):
        return self._clean_text("direction")

    def stale(self) -> bool:
        """Whether the row was refused because someone else changed it."""
        return self.has_error(NON_FIELD_ERRORS, "concurrent_edit")


def row_prefix(project: Project) -> str:
    return f"project-{project.number}"


def plan_projects(plan: Plan, fiscal_year: int):
    """The plan's projects in plan order, each with the phase it schedules for the year."""
    return (
        Project.objects.filter(measure__policy__plan=plan)
        .order_by("number")
        .prefetch_related(
            Prefetch("phases", queryset=ProjectPhase.objects.filter(fiscal_year=fiscal_year))
        )
    )


@dataclass
class RowSave:
    """What saving one posted row did."""

    form: WorkbenchRowForm | None = None
    saved: bool = False  # its 評価 or texts were recorded
    published: bool | None = None  # True: made public, False: withdrawn, None: neither
    refused: bool = False
    stale: bool = False  # refused because someone else changed the row


def workbench_row_save(
    *, project: Project, fiscal_year: int, data, user, can_add: bool = True
) -> RowSave:
    """Save one project's posted row in its own transaction, holding the row's lock from
    the version check to the write; publishing and withdrawing go through the publish
    service. A row left as the page showed it is not touched."""
    result = RowSave()
    try:
        with transaction.atomic():
            stored = (
                ProjectYearStatus.objects.select_for_update()
                .filter(project=project, fiscal_year=fiscal_year)
                .order_by("pk")
                .first()
            )
            if stored is None and not can_add:
                return result  # the page offered no inputs for this row
            status = stored or ProjectYearStatus(project=project, fiscal_year=fiscal_year)
            status.project = project
            form = result.form = WorkbenchRowForm(data, instance=status, prefix=row_prefix(project))
            if not form.has_changed():
                return result
            if not form.is_valid():
                result.refused, result.stale = True, form.stale()
                return result
            status = form.save(commit=False)  # keeps the 変更理由 for the history
            status.updated_by = user
            status._history_user = user
            if status.pk is None or form.changed_tracked_fields():
                status.save()
                result.saved = True
                # The version the page was opened on is used up by this save; publishing
                # below is part of the same edit, under the same lock.
                status.expected_version = status.version
            published = form.cleaned_data["is_published"]
            if statuses_set_published(statuses=[status], published=published, user=user):
                result.published = published
    except (ConcurrentEditError, IntegrityError):
        # Someone else saved the row between check and write (where the database has no
        # row locks) or created it at the same moment: nothing of this row was written.
        result.saved, result.published = False, None
        result.refused = result.stale = True
    return result


def workbench_save(*, plan: Plan, fiscal_year: int, data, user, can_add: bool) -> dict:
    """Save every row of a posted workbench, each on its own; what happened, by project id."""
    return {
        project.pk: workbench_row_save(
            project=project, fiscal_year=fiscal_year, data=data, user=user, can_add=can_add
        )
        for project in Project.objects.filter(measure__policy__plan=plan).order_by("number")
    }


@dataclass
class TextCell:
    header: str
    value: str  # as stored
    previous: str  # last year's published text
    field: forms.BoundField | None


@dataclass
class WorkbenchRow:
    project: Project
    status: ProjectYearStatus  # as stored, or a new one not saved yet
    previous: ProjectYearStatus | None  # last year's, if it was published
    form: WorkbenchRowForm | None  # None where the user may only read
    stale: bool = False
    invalid: bool = False
    unsaved: list[tuple[str, str]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.stale or self.invalid

    @property
    def phase(self) -> str:
        value = self.status.planned_phase
        return ProjectPhase.Phase(value).label if value else ""

    @property
    def text_cells(self) -> list[TextCell]:
        return [
            TextCell(
                header=ProjectYearStatus._meta.get_field(name).verbose_name,
                value=getattr(self.status, name),
                previous=getattr(self.previous, name) if self.previous else "",
                field=self.form[name] if self.form else None,
            )
            for name in TEXT_FIELDS
        ]


def unsaved_input(form: WorkbenchRowForm) -> list[tuple[str, str]]:
    """A refused row's posted 評価 and texts, shown so that nothing typed is lost."""
    values = []
    evaluation = form["evaluation"].data
    if evaluation in ProjectYearStatus.Evaluation.values:
        values.append(
            (
                ProjectYearStatus._meta.get_field("evaluation").verbose_name,
                ProjectYearStatus.Evaluation(evaluation).label,
            )
        )
    for name in TEXT_FIELDS:
        text = normalize_text(form[name].data)
        if text:
            values.append((ProjectYearStatus._meta.get_field(name).verbose_name, text))
    return values


def workbench_rows(
    *,
    plan: Plan,
    fiscal_year: int,
    can_change: bool,
    can_add: bool,
    posted: dict | None = None,
) -> list[WorkbenchRow]:
    """The page's rows, read in three queries whatever the number of projects.

    After a post, a row refused for its input keeps the posted form and its errors; a row
    someone else changed shows what is stored now, with the input that was not saved.
    """
    projects = list(plan_projects(plan, fiscal_year))
    this_year, last_year = {}, {}
    for status in ProjectYearStatus.objects.filter(
        project__in=projects, fiscal_year__in=[fiscal_year, fiscal_year - 1]
    ).order_by():
        if status.fiscal_year == fiscal_year:
            this_year[status.project_id] = status
        elif status.is_published:
            last_year[status.project_id] = status
    rows = []
    for project in projects:
        status = this_year.get(project.pk) or ProjectYearStatus(
            project=project, fiscal_year=fiscal_year
        )
        status.project = project
        row = WorkbenchRow(
            project=project, status=status, previous=last_year.get(project.pk), form=None
        )
        saved = (posted or {}).get(project.pk)
        if saved and saved.refused and not saved.stale:
            row.form, row.invalid = saved.form, True
        elif can_change if status.pk else can_add:
            row.form = WorkbenchRowForm(instance=status, prefix=row_prefix(project))
        if saved and saved.stale:
            row.stale, row.unsaved = True, unsaved_input(saved.form)
        rows.append(row)
    return rows


def report_saved(request, saved_rows) -> None:
    """Tell the editor what the post did: one sentence for each kind of outcome."""
    saved_rows = list(saved_rows)
    saved = sum(row.saved for row in saved_rows)
    published = sum(row.published is True for row in saved_rows)
    withdrawn = sum(row.published is False for row in saved_rows)
    refused = sum(row.refused for row in saved_rows)
    if saved:
        messages.success(
            request,
            ngettext(
                "%(count)d件の状況を保存しました。", "%(count)d件の状況を保存しました。", saved
            )
            % {"count": saved},
        )
    if published:
        messages.success(
            request,
            ngettext("%(count)d件を公開しました。", "%(count)d件を公開しました。", published)
            % {"count": published},
        )
    if withdrawn:
        messages.success(
            request,
            ngettext(
                "%(count)d件を非公開にしました。", "%(count)d件を非公開にしました。", withdrawn
            )
            % {"count": withdrawn},
        )
    if refused:
        messages.error(
            request,
            ngettext(
                "%(count)d件は保存できませんでした。その行のメッセージを確認してください。",
                "%(count)d件は保存できませんでした。それぞれの行のメッセージを確認してください。",
                refused,
            )
            % {"count": refused},
        )
    if not (saved or published or withdrawn or refused):
        messages.info(request, gettext("変更された行はありませんでした。"))


def workbench_view(request, fiscal_year: int, *, model_admin):
    """All the plan's projects for one fiscal year: editors record and publish them with
    one button, viewers read them. Served by ProjectYearStatusAdmin, inside the admin."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    can_change = model_admin.has_change_permission(request)
    can_add = model_admin.has_add_permission(request)
    plan = current_plan_or_404()
    posted = None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        posted = workbench_save(
            plan=plan,
            fiscal_year=fiscal_year,
            data=request.POST,
            user=request.user,
            can_add=can_add,
        )
        report_saved(request, posted.values())
        if not any(row.refused for row in posted.values()):
            return HttpResponseRedirect(request.path)
    rows = workbench_rows(
        plan=plan, fiscal_year=fiscal_year, can_change=can_change, can_add=can_add, posted=posted
    )
    opts = ProjectYearStatus._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": gettext("%(year)sの全事業の状況") % {"year": fiscal_year_label(fiscal_year)},
        "fiscal_year": fiscal_year,
        "previous_year": fiscal_year - 1 if fiscal_year > PLAN_FIRST_FISCAL_YEAR else None,
        "years": workbench_years(),
        "rows": rows,
        "editable": any(row.form for row in rows),
        "refused_rows": [row for row in rows if row.refused],
        "concurrent_edit": CONCURRENT_EDIT,
        "headers": {
            name: opts.get_field(name).verbose_name for name in ["evaluation", "is_published"]
        },
        "text_headers": [opts.get_field(name).verbose_name for name in TEXT_FIELDS],
        # The table needs the page's whole width.
        "is_nav_sidebar_enabled": False,
    }
    return TemplateResponse(request, TEMPLATE, context)


def year_not_in_plan(request, *args, **kwargs):
    """Any other year under ``year/``: no page, for anyone (not the admin's login page)."""
    raise Http404
