"""The annual report form: one page, six sections, saved as a draft at any time."""

import datetime

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    CenterReport,
    RoleAssessment,
    SupportRating,
)
from councils.photos import PHOTOS_PER_SAVE, prepare_photo

ROWS_CHANGED = _("入力欄の数が変わっています。画面を読み込み直してから入力してください。")

RATING_CHOICES = [
    (1, _("1 不満")),
    (2, _("2 やや不満")),
    (3, _("3 普通")),
    (4, _("4 ほぼ満足")),
    (5, _("5 満足")),
]


class ReportForm(forms.ModelForm):
    """The report's own answers: overall assessment, results, opinions, consent."""

    class Meta:
        model = AnnualReport
        fields = [
            "overall_level",
            "overall_comment",
            "results_and_issues",
            "next_year_plan",
            "opinions",
            "publish_activities",
            "publish_photos",
            "publish_opinions",
        ]
        widgets = {
            "overall_level": forms.RadioSelect,
            "overall_comment": forms.Textarea(attrs={"rows": 3}),
            "results_and_issues": forms.Textarea(attrs={"rows": 5}),
            "next_year_plan": forms.Textarea(attrs={"rows": 4}),
            "opinions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overall_level"].choices = AnnualReport.Level.choices
        self.fields["overall_level"].required = False


class RoleAssessmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssessment
        fields = ["level", "comment"]
        widgets = {"level": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = AnnualReport.Level.choices
        self.fields["level"].required = False


class ActivityForm(forms.ModelForm):
    """An activity with up to three photos (each checked, stripped and resized on save)."""

    class Meta:
        model = Activity
        fields = ["held_on", "title", "role", "participants", "description"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].label_from_instance = lambda role: f"{role.marker}{role.title}"
        existing = list(self.instance.photos.all()) if self.instance.pk else []
        self.existing_photos = existing
        for photo in existing:
            self.fields[f"delete_photo_{photo.pk}"] = forms.BooleanField(
                label=_("この写真を削除する"), required=False
            )
        for index in range(1, ActivityPhoto.MAX_PER_ACTIVITY - len(existing) + 1):
            self.fields[f"photo_{index}"] = forms.FileField(
                label=_("写真%(number)s") % {"number": index},
                required=False,
                # The size limits are photos.MAX_BYTES and MAX_PIXELS.
                help_text=_(
                    "JPEG・PNG・WebP、10MB・4,000万画素まで。"
                    "1回の保存で送れる写真は%(count)s枚までです。位置情報などは取り除いて保存します。"
                )
                % {"count": PHOTOS_PER_SAVE},
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
        self.new_photo_fields = [
            (self[f"photo_{i}"], self[f"caption_{i}"])
            for i in range(1, ActivityPhoto.MAX_PER_ACTIVITY - len(existing) + 1)
        ]
        self.delete_photo_fields = [(p, self[f"delete_photo_{p.pk}"]) for p in existing]

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


class CenterReportForm(forms.ModelForm):
    class Meta:
        model = CenterReport
        fields = ["visits", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class SupportRatingForm(forms.ModelForm):
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


def _files_sent(files) -> int:
    """How many files a request carries, under whichever field names."""
    if hasattr(files, "lists"):  # request.FILES
        return sum(len(uploads) for _name, uploads in files.lists())
    return len(files or {})


class FixedRowsFormSet(BaseInlineFormSet):
    """Rows a report starts with (roles, centres, support measures): the body fills them in
    but never adds or removes one, so a page posting any other set of rows is stale or altered.
    """

    def clean(self):
        super().clean()
        expected = sorted(row.pk for row in self.get_queryset())
        # A row that is not this report's (or has no id) comes back without a pk.
        posted = sorted(form.instance.pk or 0 for form in self.forms)
        if posted != expected:
            raise forms.ValidationError(ROWS_CHANGED, code="rows_changed")


class ActivityBaseFormSet(BaseInlineFormSet):
    """Any number of activities up to ``Activity.MAX_PER_REPORT``, with at most
    ``PHOTOS_PER_SAVE`` photos in one save, counted before any photo is decoded."""

    default_error_messages = {"too_many_forms": _("活動実績は%(num)s件まで入力できます。")}

    def __init__(self, data=None, files=None, **kwargs):
        self.photos_sent = _files_sent(files)
        # Over the limit the forms never see the files, so no photo is opened at all.
        too_many = self.photos_sent > PHOTOS_PER_SAVE
        super().__init__(data, None if too_many else files, **kwargs)

    def clean(self):
        super().clean()
        if self.photos_sent > PHOTOS_PER_SAVE:
            raise forms.ValidationError(
                _(
                    "1回の保存で送れる写真は%(count)s枚までです（%(sent)s枚選ばれています）。"
                    "何回かに分けて保存してください。"
                ),
                code="too_many_photos",
                params={"count": PHOTOS_PER_SAVE, "sent": self.photos_sent},
            )
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(ROWS_CHANGED, code="rows_changed")


RoleAssessmentFormSet = inlineformset_factory(
    AnnualReport,
    RoleAssessment,
    form=RoleAssessmentForm,
    formset=FixedRowsFormSet,
    extra=0,
    can_delete=False,
)
ActivityFormSet = inlineformset_factory(
    AnnualReport,
    Activity,
    form=ActivityForm,
    formset=ActivityBaseFormSet,
    extra=1,
    can_delete=True,
    max_num=Activity.MAX_PER_REPORT,
    validate_max=True,
)
CenterReportFormSet = inlineformset_factory(
    AnnualReport,
    CenterReport,
    form=CenterReportForm,
    formset=FixedRowsFormSet,
    extra=0,
    can_delete=False,
)
SupportRatingFormSet = inlineformset_factory(
    AnnualReport,
    SupportRating,
    form=SupportRatingForm,
    formset=FixedRowsFormSet,
    extra=0,
    can_delete=False,
)


class ReportForms:
    """All the forms of one report page, bound or not, validated and saved together."""

    def __init__(self, report, data=None, files=None):
        self.report = report
        self.main = ReportForm(data, instance=report, prefix="report")
        self.assessments = RoleAssessmentFormSet(
            data,
            instance=report,
            prefix="roles",
            queryset=report.role_assessments.select_related("role"),
        )
        self.activities = ActivityFormSet(
            data, files, instance=report, prefix="activities",
            queryset=report.activities.prefetch_related("photos"),
        )  # fmt: skip
        self.centers = CenterReportFormSet(
            data,
            instance=report,
            prefix="centers",
            queryset=report.center_reports.select_related("center"),
        )
        self.ratings = SupportRatingFormSet(
            data,
            instance=report,
            prefix="ratings",
            queryset=report.support_ratings.select_related("measure"),
        )

    @property
    def formsets(self):
        return [self.assessments, self.activities, self.centers, self.ratings]

    @property
    def all(self):
        return [self.main, *self.formsets]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.all]  # validate every form, not the first
        return all(results)


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
