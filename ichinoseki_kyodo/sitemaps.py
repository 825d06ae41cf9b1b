"""``/sitemap.xml`` and ``/robots.txt``."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from centers.models import CivicCenter
from councils.models import CollaborationBody
from indicators.models import Indicator
from plans.models import BasicPolicy, Project
from progress_reports.selectors import report_years


class PageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "plans:home",
            "plans:overview",
            "indicators:list",
            "councils:body-list",
            "centers:list",
            "plans:about",
            "plans:accessibility",
            "opendata:index",
            "progress_reports:index",
        ]

    def location(self, name):
        return reverse(name)


class ObjectSitemap(Sitemap):
    changefreq = "monthly"

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset


class ReportSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return report_years()

    def location(self, fiscal_year):
        return reverse("progress_reports:report", args=[fiscal_year])


SITEMAPS = {
    "pages": PageSitemap(),
    "policies": ObjectSitemap(BasicPolicy.objects.order_by("number")),
    "projects": ObjectSitemap(Project.objects.order_by("number")),
    "indicators": ObjectSitemap(Indicator.objects.order_by("code")),
    "bodies": ObjectSitemap(CollaborationBody.objects.order_by("pk")),
    "centers": ObjectSitemap(CivicCenter.objects.order_by("pk")),
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
