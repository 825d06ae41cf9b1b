from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ichinoseki_kyodo.health import healthz
from ichinoseki_kyodo.sitemaps import SITEMAPS, favicon, robots_txt

admin.site.site_header = _("一関市協働推進ポータル 管理画面")
admin.site.site_title = _("一関市協働推進ポータル 管理画面")
admin.site.index_title = _("データの管理")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", include("plans.urls")),
    path("indicators/", include("indicators.urls")),
    path("", include("councils.urls")),
    path("centers/", include("centers.urls")),
    path("regions/", include("centers.region_urls")),
    path("open-data/", include("opendata.urls")),
    path("search/", include("search.urls")),
    path("reports/", include("progress_reports.urls")),
    prefix_default_language=False,
)
