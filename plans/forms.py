from ichinoseki_kyodo.forms import ChangeReasonForm
from plans.models import ProjectYearStatus


class ProjectYearStatusForm(ChangeReasonForm):
    """Staff's form for a yearly status; a published one changes only with a reason."""

    tracked_fields = ProjectYearStatus.PUBLIC_FIELDS

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
