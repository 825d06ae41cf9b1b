"""The pages the automated accessibility checks cover (shown on /accessibility/)."""

from django.utils.translation import gettext_lazy as _

CHECKED_PAGES = [
    ("/", _("ホーム")),
    ("/plan/", _("計画の体系")),
    ("/plan/policies/2/", _("基本方針のページ（例：基本方針2）")),
    ("/plan/projects/11/", _("事業のページ（例：事業11）")),
    ("/indicators/", _("成果指標")),
    ("/indicators/0-1/", _("成果指標のページ（例：0-1）")),
    ("/regions/", _("地域から探す")),
    ("/regions/一関/", _("地域のページ（例：一関地域）")),
    ("/bodies/", _("地域協働体")),
    ("/bodies/真柴まちづくり協議会/", _("地域協働体のページ（例）")),
    ("/centers/", _("市民センター")),
    ("/centers/興田市民センター/", _("市民センターのページ（例）")),
    ("/about/", _("計画について")),
    ("/accessibility/", _("アクセシビリティ方針")),
    ("/open-data/", _("オープンデータ")),
    ("/search/?q=協働", _("サイト内検索の結果")),
    ("/reports/2025/", _("進捗状況報告書（例：令和7年度）")),
    ("/portal/login/", _("報告の窓口のログイン")),
    ("/en/", _("英語のホーム")),
]
# Checked by the browser test of the whole report cycle (tests/browser/test_report_flow.py).
CHECKED_PORTAL_PAGES = [
    _("報告の窓口（地域協働体）"),
    _("年次報告の入力画面"),
    _("年次報告の状況（市職員）"),
    _("報告の審査（市職員）"),
]
