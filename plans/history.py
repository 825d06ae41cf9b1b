"""The public history of a project's published yearly statuses."""

from itertools import pairwise

from django.utils.translation import gettext as _

from plans.models import ProjectYearStatus


def _label(name):
    return str(ProjectYearStatus._meta.get_field(name).verbose_name)


def published_status_changes(project) -> list[dict]:
    """Changes made to statuses while they were public, with their reasons, newest first.

    Only statuses that are public now count: once a status is withdrawn (or deleted) its
    changes leave the page with it, and come back if it is published again.
    """
    public_ids = ProjectYearStatus.objects.published().filter(project_id=project.pk).values("id")
    records = list(
        ProjectYearStatus.history.filter(project_id=project.pk, id__in=public_ids).order_by(
            "id", "history_date", "history_id"
        )
    )
    changes = []
    for previous, record in pairwise(records):
        if previous.id != record.id or not previous.is_published or not record.is_published:
            continue
        delta = record.diff_against(previous, included_fields=ProjectYearStatus.PUBLIC_FIELDS)
        if not delta.changes:
            continue
        fields = []
        for change in delta.changes:
            if change.field == "evaluation":
                fields.append(
                    _("評価を「%(old)s」から「%(new)s」に変更")
                    % {"old": change.old, "new": change.new}
                )
            else:
                fields.append(_("%(field)sを修正") % {"field": _label(change.field)})
        changes.append(
            {
                "date": record.history_date,
                "fiscal_year": record.fiscal_year,
                "changes": fields,
                "reason": record.history_change_reason or "",
            }
        )
    return sorted(changes, key=lambda change: change["date"], reverse=True)
