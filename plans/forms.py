from django import forms
from django.utils.translation import gettext_lazy as _

from ichinoseki_kyodo.forms import ChangeReasonForm
from plans.models import ProjectYearStatus

CONCURRENT_EDIT = _(
    "この状況は、画面を開いた後に他の職員が変更しました。画面を読み込み直して最新の内容を確認してから、もう一度変更してください。"
)


class ProjectYearStatusForm(ChangeReasonForm):
    """Staff's form for a yearly status; a published one changes only with a reason, and a
    change someone else saved meanwhile is never overwritten."""

    tracked_fields = ProjectYearStatus.PUBLIC_FIELDS
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if self.instance.pk and opened is not None:
            stored = (
                ProjectYearStatus.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored != opened:
                raise forms.ValidationError(CONCURRENT_EDIT, code="concurrent_edit")
            self.instance.expected_version = opened
        return cleaned

    class Meta:
        model = ProjectYearStatus
        fields = [
            "project",
            "fiscal_year",
            "evaluation",
            "activities",
            "results",
            "issues",
            "direction",
        ]

    def reason_needed(self) -> bool:
        # The stored row, not the form: was it public before this change?
        return ProjectYearStatus.objects.filter(pk=self.instance.pk, is_published=True).exists()
