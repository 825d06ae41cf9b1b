"""What crawlers and browsers ask for at the site's root: ``/sitemap.xml``, ``/robots.txt``
and ``/favicon.ico``."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from centers.models import CivicCenter
from core.fiscal import is_plan_year
from councils.models import AnnualReport, CollaborationBody, Region
from indicators.models import Indicator
from plans.models import BasicPolicy, Project
from progress_reports.models import FrozenReport
from progress_reports.selectors import report_years


class PortalSitemap(Sitemap):
    """Every public page is listed in Japanese (unprefixed, the default) and in English
    (``/en/``), each entry naming both, and the Japanese page as x-default, as hreflang
    alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "plans:home",
            "plans:overview",
            "indicators:list",
            "councils:body-list",
            "centers:list",
            "regions:list",
            "plans:about",
            "plans:accessibility",
            "opendata:index",
            "progress_reports:index",
        ]

    def location(self, name):
        return reverse(name)


class ObjectSitemap(PortalSitemap):
    """One entry per object; with ``modified``, an aggregate of when what the object's page
    shows last changed, each entry has a lastmod (none where the aggregate finds nothing)."""

    changefreq = "monthly"

    def __init__(self, queryset, *, modified=None):
        self.queryset = queryset
        self.modified = modified

    def items(self):
        # A new queryset on every request: the listing in each language iterates it, which
        # would otherwise keep the first request's rows for the life of the process.
        queryset = self.queryset.all()
        if self.modified is not None:
            queryset = queryset.annotate(sitemap_lastmod=self.modified)
        return queryset

    def lastmod(self, item):
        return getattr(item, "sitemap_lastmod", None)


class SurveySitemap(PortalSitemap):
    """The bodies' survey of each year with accepted reports, dated by the latest
    acceptance (an accepted report cannot change without being returned first)."""

    changefreq = "monthly"

    def items(self):
        rows = (
            AnnualReport.objects.accepted()
            .order_by("fiscal_year")
            .values_list("fiscal_year")
            .annotate(accepted_at=Max("accepted_at"))
        )
        return [(year, accepted_at) for year, accepted_at in rows if is_plan_year(year)]

    def location(self, item):
        return reverse("councils:survey", args=[item[0]])

    def lastmod(self, item):
        return item[1]


class ReportSitemap(PortalSitemap):
    """The 進捗状況報告書 of each year begun; a frozen one is dated by its freezing, as its
    page is drawn from what was frozen."""

    changefreq = "monthly"

    def items(self):
        frozen = dict(FrozenReport.objects.values_list("fiscal_year", "frozen_at"))
        return [(year, frozen.get(year)) for year in report_years()]

    def location(self, item):
        return reverse("progress_reports:report", args=[item[0]])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "pages": PageSitemap(),
    "policies": ObjectSitemap(BasicPolicy.objects.order_by("number")),
    # A project's page changes with its published yearly statuses: publishing one sets its
    # published_at, and a correction to a published one moves updated_at (never earlier).
    "projects": ObjectSitemap(
        Project.objects.order_by("number"),
        modified=Max("statuses__updated_at", filter=Q(statuses__is_published=True)),
    ),
    "indicators": ObjectSitemap(
        Indicator.objects.order_by("code"), modified=Max("values__updated_at")
    ),
    "bodies": ObjectSitemap(CollaborationBody.objects.order_by("pk")),
    "centers": ObjectSitemap(CivicCenter.objects.order_by("pk")),
    "regions": ObjectSitemap(Region.objects.order_by("order")),
    "survey": SurveySitemap(),
    "reports": ReportSitemap(),
}


# Private or endless pages. Those under i18n_patterns also exist once per other language
# (``/en/portal/``), and each of those twins is kept out as well.
DISALLOWED_PATHS = ["/admin/"]
DISALLOWED_TRANSLATED_PATHS = ["/portal/", "/search/"]


def disallowed_paths() -> list[str]:
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    return DISALLOWED_PATHS + [
        prefix + path for prefix in prefixes for path in DISALLOWED_TRANSLATED_PATHS
    ]


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (the admin, downloads)."""
    # A temporary redirect: the static file's hashed name changes with the icon.
    return redirect(static("favicon.ico"))
