"""The annual report's forms: one section's page at a time, and one activity at a time."""

import datetime

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.fiscal import fiscal_year_dates, wareki_date
from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    CenterReport,
    RoleAssessment,
    SupportRating,
)
from councils.photos import prepare_photo
from councils.sections import SECTION_FIELDS


class RowsChanged(Exception):
    """The rows a page was shown with are not the rows of the report it saves into."""


ROWS_CHANGED = _("入力欄の数が変わっています。画面を読み込み直してから入力してください。")

RATING_CHOICES = [
    (1, _("1 不満")),
    (2, _("2 やや不満")),
    (3, _("3 普通")),
    (4, _("4 ほぼ満足")),
    (5, _("5 満足")),
]


def mark_required(field):
    """Label ``field`` as one a submission needs (「必須」); a draft may still leave it empty."""
    field.plain_label = field.label
    field.label = format_html('{}<span class="required-mark">{}</span>', field.label, _("必須"))


def add_hint(field, hint):
    """Put ``hint`` (units, last year's answer) under the field, joined to its help text."""
    if hint:
        field.help_text = (
            format_html("{}<br>{}", field.help_text, hint) if field.help_text else hint
        )


def name_rows(form, *names):
    """Add the row's name (a role, a centre, a measure) to its fields' labels for screen
    readers; on screen the row's heading shows it."""
    if form.row_label:
        for name in names:
            field = form.fields[name]
            field.plain_label = getattr(field, "plain_label", field.label)
            field.label = format_html(
                '{}<span class="visually-hidden">（{}）</span>', field.label, form.row_label
            )


class ReportAnswersForm(forms.ModelForm):
    """The report's own answers; each section's page takes the fields of its section
    (``SECTION_FIELDS``) through ``answers_form()``."""

    class Meta:
        model = AnnualReport
        fields = [field for fields in SECTION_FIELDS.values() for field in fields]
        widgets = {
            "overall_level": forms.RadioSelect,
            "overall_comment": forms.Textarea(attrs={"rows": 3}),
            "results_and_issues": forms.Textarea(attrs={"rows": 6}),
            "next_year_plan": forms.Textarea(attrs={"rows": 5}),
            "opinions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "overall_level" in self.fields:
            field = self.fields["overall_level"]
            field.choices = AnnualReport.Level.choices
            field.required = False
            mark_required(field)
            if previous and previous.overall_level:
                add_hint(
                    field, _("昨年度：%(level)s") % {"level": previous.get_overall_level_display()}
                )
        if "results_and_issues" in self.fields:
            mark_required(self.fields["results_and_issues"])


def answers_form(section):
    """The form class of the report's own answers in ``section``, or None if it has none."""
    fields = SECTION_FIELDS[section]
    return (
        forms.modelform_factory(AnnualReport, form=ReportAnswersForm, fields=fields)
        if fields
        else None
    )


class FixedRowForm(forms.ModelForm):
    """A row a report starts with, about one thing (``KEY``: a role, a centre, a measure).
    The page posts that thing's id back in ``row_key``, so every answer lands on its own row,
    also when the report is created by this very save."""

    KEY = ""
    row_key = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row_key"].initial = self.key_id

    @property
    def key_id(self):
        return getattr(self.instance, f"{self.KEY}_id")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("row_key") not in (None, self.key_id):
            raise forms.ValidationError(ROWS_CHANGED, code="rows_changed")
        return cleaned


class RoleAssessmentForm(FixedRowForm):
    KEY = "role"

    class Meta:
        model = RoleAssessment
        fields = ["level", "comment"]
        widgets = {"level": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = AnnualReport.Level.choices
        self.fields["level"].required = False
        mark_required(self.fields["level"])
        name_rows(self, "level", "comment")

    def hint_previous(self, previous: RoleAssessment):
        if previous.level:
            add_hint(
                self.fields["level"],
                _("昨年度：%(level)s") % {"level": previous.get_level_display()},
            )

    @property
    def row_label(self):
        role = self.instance.role if self.instance.role_id else None
        return f"{role.marker}{role.title}" if role else ""


class ActivityForm(forms.ModelForm):
    """One activity with up to three photos (each checked, stripped and resized on save).
    Its date must fall in the fiscal year of the report it belongs to."""

    class Meta:
        model = Activity
        fields = ["held_on", "title", "role", "participants", "description"]
        labels = {"participants": _("参加者数（人）")}
        help_texts = {
            "held_on": _("この年度（4月1日から翌年3月31日まで）の日付を入力してください。"),
            "participants": _(
                "延べ人数を数字で入力してください。わからなければ空欄のままで構いません。"
            ),
        }
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].label_from_instance = lambda role: f"{role.marker}{role.title}"
        for name in ("held_on", "title", "role"):
            mark_required(self.fields[name])
        self.fields["held_on"].error_messages["invalid"] = _(
            "実施日を、2025-08-15 のような正しい日付で入力してください。"
        )
        # The report may not be saved yet: its first save may be this activity.
        if self.instance.report_id or Activity.report.is_cached(self.instance):
            self.fiscal_year = self.instance.report.fiscal_year
            first, last = fiscal_year_dates(self.fiscal_year)
            self.fields["held_on"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())
        existing = list(self.instance.photos.all()) if self.instance.pk else []
        self.existing_photos = existing
        for photo in existing:
            self.fields[f"delete_photo_{photo.pk}"] = forms.BooleanField(
                label=_("この写真を削除する"), required=False
            )
        free = range(1, ActivityPhoto.MAX_PER_ACTIVITY - len(existing) + 1)
        for index in free:
            self.fields[f"photo_{index}"] = forms.FileField(
                label=_("写真%(number)s") % {"number": index},
                required=False,
                # The size limits are photos.MAX_BYTES and MAX_PIXELS.
                help_text=_(
                    "JPEG・PNG・WebP、10MB・4,000万画素まで。位置情報などは取り除いて保存します。"
                ),
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
            )
            self.fields[f"caption_{index}"] = forms.CharField(
                label=_("写真%(number)sの説明") % {"number": index},
                required=False,
                max_length=200,
                help_text=_("写真を見られない人に伝わるよう、何が写っているかを書いてください。"),
            )
        self.new_photo_fields = [(self[f"photo_{i}"], self[f"caption_{i}"]) for i in free]
        self.delete_photo_fields = [(p, self[f"delete_photo_{p.pk}"]) for p in existing]

    def clean_held_on(self):
        held_on = self.cleaned_data.get("held_on")
        if held_on and getattr(self, "fiscal_year", None):
            first, last = fiscal_year_dates(self.fiscal_year)
            if not first <= held_on <= last:
                raise forms.ValidationError(
                    _(
                        "実施日は%(first)sから%(last)sまでの日付にしてください（この報告の年度です）。"
                    ),
                    code="outside_year",
                    params={"first": wareki_date(first), "last": wareki_date(last)},
                )
        return held_on

    def clean(self):
        cleaned = super().clean()
        self.prepared_photos = []
        for name in list(cleaned):
            if name.startswith("photo_") and cleaned.get(name):
                index = name.removeprefix("photo_")
                try:
                    prepared = prepare_photo(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
                self.prepared_photos.append((prepared, cleaned.get(f"caption_{index}", "")))
        return cleaned

    def save(self, commit=True):
        activity = super().save(commit=commit)
        if commit:
            for photo in self.existing_photos:
                if self.cleaned_data.get(f"delete_photo_{photo.pk}"):
                    photo.delete()  # its files go after the commit: core/files.py
            for prepared, caption in self.prepared_photos:
                photo = ActivityPhoto(activity=activity, caption=caption)
                photo.image.save(prepared.image.name, prepared.image, save=False)
                photo.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
                photo.save()
        return activity


class CenterReportForm(FixedRowForm):
    KEY = "center"

    class Meta:
        model = CenterReport
        fields = ["visits", "note"]
        labels = {"visits": _("利用者数（人・年度の合計）")}
        help_texts = {
            "visits": _("4月1日から翌年3月31日までの延べ利用者数を、数字だけで入力してください。")
        }
        widgets = {
            "visits": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["visits"])
        name_rows(self, "visits", "note")

    def hint_previous(self, previous: CenterReport):
        if previous.visits is not None:
            add_hint(
                self.fields["visits"],
                _("昨年度：%(visits)s人")
                % {"visits": number_format(previous.visits, force_grouping=True)},
            )

    @property
    def row_label(self):
        return str(self.instance.center) if self.instance.center_id else ""


class SupportRatingForm(FixedRowForm):
    KEY = "measure"
    score = forms.TypedChoiceField(
        label=_("評価"),
        choices=RATING_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SupportRating
        fields = ["score"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["score"])
        name_rows(self, "score")

    def hint_previous(self, previous: SupportRating):
        if previous.score is not None:
            add_hint(
                self.fields["score"],
                _("昨年度：%(score)s") % {"score": dict(RATING_CHOICES)[previous.score]},
            )

    @property
    def row_label(self):
        return str(self.instance.measure) if self.instance.measure_id else ""


class FixedRowsFormSet(BaseInlineFormSet):
    """Rows a report starts with (roles, centres, support measures): the body fills them in
    but never adds or removes one, so a page posting any other set of rows is stale or altered.
    """

    def __init__(self, *args, blank_rows=None, **kwargs):
        # A report not yet started (no pk) shows the rows it would start with, unsaved.
        self.blank_rows = blank_rows
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.extra = len(blank_rows or [])

    def _construct_form(self, i, **kwargs):
        if self.instance.pk is None and i < len(self.blank_rows or []):
            # Each row is checked even if left empty: its row_key says which row it is.
            kwargs.update(instance=self.blank_rows[i], empty_permitted=False)
        return super()._construct_form(i, **kwargs)

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            expected = [form.key_id for form in self.forms[: len(self.blank_rows)]]
            posted = [form.cleaned_data.get("row_key") for form in self.forms]
        else:
            expected = sorted(row.pk for row in self.get_queryset())
            # A row that is not this report's (or has no id) comes back without a pk.
            posted = sorted(form.instance.pk or 0 for form in self.forms)
        if posted != expected:
            raise forms.ValidationError(ROWS_CHANGED, code="rows_changed")


def _fixed_rows(form):
    return inlineformset_factory(
        AnnualReport, form._meta.model, form=form, formset=FixedRowsFormSet,
        extra=0, can_delete=False,
    )  # fmt: skip


RoleAssessmentFormSet = _fixed_rows(RoleAssessmentForm)
CenterReportFormSet = _fixed_rows(CenterReportForm)
SupportRatingFormSet = _fixed_rows(SupportRatingForm)

# Each section's rows: (formset, prefix, the report's related name, the row's own key).
SECTION_ROWS = {
    "assessment": (RoleAssessmentFormSet, "roles", "role_assessments", "role"),
    "centers": (CenterReportFormSet, "centers", "center_reports", "center"),
    "support": (SupportRatingFormSet, "ratings", "support_ratings", "measure"),
}


class SectionForms:
    """The forms of one section's page: the report's own answers in it and its rows, bound
    or not, validated and saved together. ``previous`` (last year's report) puts its
    answers beside the inputs."""

    def __init__(self, report, section, data=None, *, previous=None, blank_rows=None):
        self.report = report
        self.section = section
        form_class = answers_form(section)
        self.answers = (
            form_class(data, instance=report, prefix="report", previous=previous)
            if form_class
            else None
        )
        self.rows = None
        if section in SECTION_ROWS:
            formset, prefix, related, key = SECTION_ROWS[section]
            self.rows = formset(
                data,
                instance=report,
                prefix=prefix,
                queryset=(
                    getattr(report, related).select_related(key)
                    if report.pk
                    else formset.model.objects.none()
                ),
                blank_rows=(blank_rows or {}).get(related),
            )
            if previous is not None:
                before = {
                    getattr(row, f"{key}_id"): row for row in getattr(previous, related).all()
                }
                for form in self.rows:
                    if (row := before.get(getattr(form.instance, f"{key}_id"))) is not None:
                        form.hint_previous(row)

    @property
    def all(self):
        return [form for form in (self.answers, self.rows) if form is not None]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.all]  # validate every form, not the first
        return all(results)

    def save(self, report, user):
        """Write this section's answers and rows into ``report``, and nothing else of it.
        ``report`` is the form's own, or — for a page shown before the report existed — the
        report this save started; its rows are then found by what they are about."""
        fields = SECTION_FIELDS[self.section]
        if self.answers is not None:
            for name in fields:
                setattr(report, name, self.answers.cleaned_data[name])
            report.updated_by = user
            report.save(update_fields=[*fields, "updated_by", "updated_at"])
        if self.rows is None:
            return
        if self.report.pk is not None:
            self.rows.save()
            return
        _formset, _prefix, related, key = SECTION_ROWS[self.section]
        rows = {getattr(row, f"{key}_id"): row for row in getattr(report, related).all()}
        for form in self.rows:
            row = rows.get(form.key_id)
            if row is None:
                raise RowsChanged
            for name in form._meta.fields:
                if name != self.rows.fk.name:  # the formset's link to the unsaved report
                    setattr(row, name, form.cleaned_data.get(name))
            row.save()

    def error_list(self) -> list[tuple[str, str]]:
        """Every problem on the page as (message, id of the field to go to), in page order."""
        problems = []
        for form in self.all:
            if hasattr(form, "non_form_errors"):
                problems += [(str(e), "section-form") for e in form.non_form_errors()]
                for row in form.forms:
                    problems += field_errors(row, prefix=row.row_label)
            else:
                problems += field_errors(form)
        return problems


def field_errors(form, prefix="") -> list[tuple[str, str]]:
    """``form``'s errors as (「label：message」, id of the input to go to)."""
    problems = [(str(e), "section-form") for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        bound = form[name]
        if bound.is_hidden:
            continue  # a row's id: the formset says the page is stale (ROWS_CHANGED)
        target = bound.auto_id
        if isinstance(bound.field.widget, forms.RadioSelect):
            target += "_0"  # a radio group is reached through its first choice
        label = getattr(bound.field, "plain_label", bound.label)
        for error in errors:
            # 「実施日は…」 names its field already; 「整数を入力してください。」 needs it.
            text = str(error) if str(error).startswith(str(label)) else f"{label}：{error}"
            problems.append((f"{prefix} {text}" if prefix else text, target))
    return problems


def _reopen_default():
    return timezone.localdate() + datetime.timedelta(days=ReviewForm.REOPEN_DAYS)


class ReviewForm(forms.Form):
    """Staff's comments per section when returning a report. For an accepted report
    (``reopen=True``), also the date until which the body may revise it: every reopening
    carries one, and the workflow records it as a 提出期限の延長 (``reopen_until``)."""

    REOPEN_DAYS = 14

    def __init__(self, *args, sections, reopen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = [key for key, _label in sections]
        for key, label in sections:
            self.fields[key] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        if reopen:
            self.fields["reopen_until"] = forms.DateField(
                label=_("修正の期限"),
                initial=_reopen_default,
                help_text=_(
                    "この日まで、地域協働体が報告を修正できるよう提出期限を延長します。"
                    "今日以降の日付を選んでください。"
                ),
                error_messages={
                    "required": _("修正の期限を入力してください。"),
                    "invalid": _("修正の期限を、正しい日付で入力してください。"),
                },
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def clean_reopen_until(self):
        until = self.cleaned_data["reopen_until"]
        if until < timezone.localdate():
            raise forms.ValidationError(
                _("修正の期限は今日以降の日付にしてください。"), code="past"
            )
        return until

    def comments(self) -> dict[str, str]:
        """The comments per section, for ``report_transition(comments=…)``."""
        return {key: self.cleaned_data.get(key, "") for key in self.section_keys}
