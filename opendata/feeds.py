"""Atom feeds of what the city publishes: yearly statuses, indicator actuals, accepted reports."""

from django.contrib.syndication.views import Feed
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.fiscal import wareki_fiscal_year
from councils.models import AnnualReport, CollaborationBody
from indicators.models import IndicatorValue
from plans.models import Project, ProjectYearStatus

ITEMS = 50


class PortalFeed(Feed):
    feed_type = Atom1Feed
    author_name = "一関市（協働推進課）"


class StatusFeed(PortalFeed):
    """Published yearly statuses, all projects or one (``/open-data/feeds/projects/<n>/``)."""

    def get_object(self, request, number=None):
        return get_object_or_404(Project, number=number) if number is not None else None

    def title(self, project):
        if project:
            return _("%(project)sの年度別状況") % {"project": project}
        return _("事業の年度別状況（一関市協働推進ポータル）")

    def link(self, project):
        return project.get_absolute_url() if project else reverse("plans:overview")

    def subtitle(self, project):
        return _("市が公開した事業の年度別の評価と実施状況")

    def items(self, project):
        statuses = ProjectYearStatus.objects.published().select_related("project")
        if project:
            statuses = statuses.filter(project=project)
        return statuses.order_by("-published_at")[:ITEMS]

    def item_title(self, status):
        return f"{status} — {status.get_evaluation_display()}"

    def item_description(self, status):
        return status.activities

    def item_link(self, status):
        return status.get_absolute_url()

    def item_pubdate(self, status):
        return status.published_at

    def item_updateddate(self, status):
        return status.updated_at


class ActualFeed(PortalFeed):
    title = _("成果指標の実績（一関市協働推進ポータル）")
    subtitle = _("登録・修正された成果指標の実績値")

    def link(self):
        return reverse("indicators:list")

    def items(self):
        return IndicatorValue.objects.select_related("indicator").order_by("-updated_at")[:ITEMS]

    def item_title(self, value):
        return _("%(code)s %(name)s：%(year)s %(value)s%(unit)s") % {
            "code": value.indicator.code,
            "name": value.indicator.name,
            "year": wareki_fiscal_year(value.fiscal_year),
            "value": format(value.value.normalize(), "f"),
            "unit": value.indicator.unit,
        }

    def item_description(self, value):
        return value.derivation or value.note

    def item_link(self, value):
        return f"{value.indicator.get_absolute_url()}#value-{value.fiscal_year}"

    def item_updateddate(self, value):
        return value.updated_at

    def item_pubdate(self, value):
        return value.updated_at


class ReportFeed(PortalFeed):
    """Accepted annual reports that agreed to publish their activities, all bodies or one."""

    def get_object(self, request, slug=None):
        return get_object_or_404(CollaborationBody, slug=slug) if slug is not None else None

    def title(self, body):
        if body:
            return _("%(body)sの活動実績") % {"body": body}
        return _("地域協働体の活動実績（一関市協働推進ポータル）")

    def link(self, body):
        return body.get_absolute_url() if body else reverse("councils:body-list")

    def items(self, body):
        reports = AnnualReport.objects.accepted().filter(publish_activities=True)
        if body:
            reports = reports.filter(body=body)
        reports = reports.select_related("body").annotate(activity_count=Count("activities"))
        return reports.order_by("-accepted_at")[:ITEMS]

    def item_title(self, report):
        return str(report)

    def item_description(self, report):
        return _("活動 %(count)s件") % {"count": report.activity_count}

    def item_link(self, report):
        return f"{report.body.get_absolute_url()}#activities-{report.fiscal_year}"

    def item_pubdate(self, report):
        return report.accepted_at
