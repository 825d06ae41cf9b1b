"""The annual report form: one page, six sections, saved as a draft at any time."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from councils.models import (
    Activity,
    ActivityPhoto,
    AnnualReport,
    CenterReport,
    RoleAssessment,
    SupportRating,
)
from councils.photos import prepare_photo

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
                help_text=_("JPEG・PNG・WebP、10MBまで。位置情報などは取り除いて保存します。"),
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
                    photo.image.delete(save=False)
                    photo.thumbnail.delete(save=False)
                    photo.delete()
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


RoleAssessmentFormSet = inlineformset_factory(
    AnnualReport, RoleAssessment, form=RoleAssessmentForm, extra=0, can_delete=False
)
ActivityFormSet = inlineformset_factory(
    AnnualReport, Activity, form=ActivityForm, extra=1, can_delete=True, max_num=200
)
CenterReportFormSet = inlineformset_factory(
    AnnualReport, CenterReport, form=CenterReportForm, extra=0, can_delete=False
)
SupportRatingFormSet = inlineformset_factory(
    AnnualReport, SupportRating, form=SupportRatingForm, extra=0, can_delete=False
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
    def all(self):
        return [self.main, self.assessments, self.activities, self.centers, self.ratings]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.all]  # validate every form, not the first
        return all(results)

    def save(self, *, user):
        report = self.main.save(commit=False)
        report.updated_by = user
        report.save()
        for formset in self.all[1:]:
            formset.save()
        return report


class ReviewForm(forms.Form):
    """Staff's comments per section when returning a report."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in sections:
            self.fields[key] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
