from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import ChangeReasonForm
from plans.models import ProjectYearStatus

CONCURRENT_EDIT = _(
    "この状況は、画面を開いた後に他の職員が変更しました。画面を読み込み直して最新の内容を確認してから、もう一度変更してください。"
)


class ProjectYearStatusForm(ChangeReasonForm):
    """Staff's form for a yearly status; a published one changes only with a reason, and a
    change someone else saved meanwhile is never overwritten."""

    tracked_fields = ProjectYearStatus.PUBLIC_FIELDS
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Kept as stored whatever version of the row the form was opened on: publishing is the
    # publish service's, and the version is the one to check against.
    STORED_STATE = ["is_published", "published_at", "is_sample", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            stored = (
                ProjectYearStatus.objects.filter(pk=self.instance.pk)
                .values(*self.STORED_STATE)
                .first()
            )
            for name, value in (stored or {}).items():
                setattr(self.instance, name, value)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        opened = cleaned.get("opened_version")
        rows = ProjectYearStatus.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # Hold the row until this save commits, so nobody saves between check and write.
            rows = rows.select_for_update()
        stored = rows.values_list("version", flat=True).first()
        # A form without the version it was opened on (tampered, or from an old page) is
        # refused like a stale one: it cannot prove it saw the latest change.
        if opened is None or stored != opened:
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
