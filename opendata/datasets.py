"""The public tables of the portal, each defined once and served as CSV and JSON.

A dataset names its columns (Japanese header for the CSV, English key for the JSON, and
what the column means) and yields its rows as dicts. Only public data is ever yielded:
published statuses, recorded actuals.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from centers.models import CenterUsage, CivicCenter, ManagementPeriod
from core.downloads import json_number
from core.fiscal import current_fiscal_year, wareki_fiscal_year
from councils.board import publishable, withheld_note
from councils.models import Activity, AnnualReport, CollaborationBody, RoleAssessment, SupportRating
from indicators.models import Indicator, IndicatorValue
from plans.models import Project, ProjectRole, ProjectYearStatus

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[], Iterable[dict]]


def _project_rows():
    years = range(2024, 2029)
    for project in Project.objects.with_plan_details():
        schedule = {row["phase"].fiscal_year: row["phase"].phase for row in project.schedule()}
        roles = {actor.value: role for actor, role in project.roles_by_actor()}
        yield {
            "number": project.number,
            "title": project.title,
            "short_title": project.display_short_title,
            "kind": project.kind,
            "policy_number": project.measure.policy.number,
            "policy": project.measure.policy.title,
            "measure_number": project.measure.number,
            "measure": project.measure.title,
            "description": project.description,
            "role_citizens": roles[ProjectRole.Actor.CITIZENS],
            "role_bodies": roles[ProjectRole.Actor.BODIES],
            "role_city": roles[ProjectRole.Actor.CITY],
            **{f"phase_{year}": schedule.get(year, "") for year in years},
        }


def _project_columns():
    with translation.override("ja"):
        return _project_columns_ja()


def _project_columns_ja():
    return [
        Column("number", "事業番号", _("計画全体を通した事業の番号（1〜18）")),
        Column("title", "事業名", _("事業の名称")),
        Column("short_title", "体系図での名称", _("体系図での名称（事業名と同じ場合もある）")),
        Column("kind", "区分", _("新規・拡充・継続")),
        Column("policy_number", "基本方針番号", _("1〜3")),
        Column("policy", "基本方針", _("基本方針の名称")),
        Column("measure_number", "施策番号", _("基本方針の中での施策の番号")),
        Column("measure", "施策", _("施策の名称")),
        Column("description", "内容", _("事業の内容（計画書の記載）")),
        Column(
            "role_citizens",
            "取組主体_市民等",
            _("◎先導的に取り組む、○参加・協力する、空欄は役割なし"),
        ),
        Column("role_bodies", "取組主体_協働体", _("同上（地域協働体）")),
        Column("role_city", "取組主体_市", _("同上（市）")),
        *(
            Column(
                f"phase_{year}",
                f"実施区分_{year}年度（{wareki_fiscal_year(year)}）",
                _("計画上の区分（実施・検討）"),
            )
            for year in range(2024, 2029)
        ),
    ]


def _status_rows():
    for status in ProjectYearStatus.objects.for_open_data().prefetch_related("project__phases"):
        yield {
            "project_number": status.project.number,
            "project_title": status.project.title,
            "fiscal_year": status.fiscal_year,
            "fiscal_year_label": wareki_fiscal_year(status.fiscal_year),
            "planned_phase": status.planned_phase,
            "evaluation": status.evaluation,
            "evaluation_label": str(ProjectYearStatus.Evaluation(status.evaluation).label),
            "activities": status.activities,
            "results": status.results,
            "issues": status.issues,
            "direction": status.direction,
            "published_on": status.published_at.date().isoformat(),
            "is_sample": status.is_sample,
        }


STATUS_COLUMNS = [
    Column("project_number", "事業番号", _("事業の番号（1〜18）")),
    Column("project_title", "事業名", _("事業の名称")),
    Column("fiscal_year", "年度", _("西暦の年度（2024 = 令和6年度）")),
    Column("fiscal_year_label", "年度（和暦）", _("和暦の年度")),
    Column("planned_phase", "計画上の区分", _("その年度の計画上の区分（実施・検討）")),
    Column("evaluation", "評価", _("A・B・C・D")),
    Column(
        "evaluation_label",
        "評価（名称）",
        _("A 計画どおり／B 概ね計画どおり／C 遅れている／D 未着手"),
    ),
    Column("activities", "実施状況", _("その年度に実施したこと")),
    Column("results", "成果", _("その年度の成果")),
    Column("issues", "課題", _("課題")),
    Column("direction", "今後の方向性", _("今後の方向性")),
    Column("published_on", "公開日", _("市が公開した日（YYYY-MM-DD）")),
    Column("is_sample", "サンプル", _("説明用のサンプルデータなら true")),
]


def _indicator_rows():
    for indicator in Indicator.objects.with_actuals():
        progress = indicator.progress
        yield {
            "code": indicator.code,
            "policy_number": indicator.policy.number if indicator.policy else None,
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline_fiscal_year": indicator.baseline_fiscal_year,
            "baseline": json_number(indicator.baseline_value),
            "target_fiscal_year": indicator.target_fiscal_year,
            "target": json_number(indicator.target_value),
            "latest_fiscal_year": progress.fiscal_year,
            "latest": json_number(progress.value),
            "achievement_percent": progress.percent,
            "status": progress.status.value,
        }


INDICATOR_COLUMNS = [
    Column("code", "指標コード", _("0-1 は総合計画の指標、1-1〜3-3 は基本方針ごとの指標")),
    Column("policy_number", "基本方針番号", _("1〜3（総合計画の指標は空欄）")),
    Column("name", "指標名", _("指標の名称")),
    Column("unit", "単位", _("値の単位")),
    Column("baseline_fiscal_year", "現状値の年度", _("西暦の年度")),
    Column("baseline", "現状値", _("計画策定時の値（記載がない場合は空欄）")),
    Column("target_fiscal_year", "目標値の年度", _("西暦の年度")),
    Column("target", "目標値", _("目標の値")),
    Column("latest_fiscal_year", "最新の実績の年度", _("未集計なら空欄")),
    Column("latest", "最新の実績", _("未集計なら空欄（0 ではない）")),
    Column(
        "achievement_percent",
        "達成率（%）",
        _("(実績 − 現状値) ÷ (目標値 − 現状値)。現状値がない指標は 実績 ÷ 目標値"),
    ),
    Column("status", "状況", _("達成・順調・遅れ・未集計")),
]


def _value_rows():
    values = IndicatorValue.objects.select_related("indicator").order_by(
        "indicator__code", "fiscal_year"
    )
    for value in values:
        yield {
            "code": value.indicator.code,
            "name": value.indicator.name,
            "fiscal_year": value.fiscal_year,
            "fiscal_year_label": wareki_fiscal_year(value.fiscal_year),
            "value": json_number(value.value),
            "unit": value.indicator.unit,
            "note": value.note,
            "is_sample": value.is_sample,
        }


VALUE_COLUMNS = [
    Column("code", "指標コード", _("指標のコード")),
    Column("name", "指標名", _("指標の名称")),
    Column("fiscal_year", "年度", _("西暦の年度（2024 = 令和6年度）")),
    Column("fiscal_year_label", "年度（和暦）", _("和暦の年度")),
    Column("value", "実績値", _("その年度の実績")),
    Column("unit", "単位", _("値の単位")),
    Column("note", "備考", _("備考")),
    Column("is_sample", "サンプル", _("説明用のサンプルデータなら true")),
]


def _body_rows():

    for body in CollaborationBody.objects.for_listing():
        yield {
            "name": body.name,
            "kana": body.kana,
            "region": body.region.name,
            "district": body.district.name if body.district else "",
            "founded_fiscal_year": body.founded_fiscal_year,
            "founded_note": body.founded_note,
            "status": body.status,
            "dissolved_fiscal_year": body.dissolved_fiscal_year,
            "plan_vision": body.plan_vision,
            "website": body.website,
            "certainty": body.certainty,
            "source": body.source,
            "is_sample": body.is_sample,
        }


BODY_COLUMNS = [
    Column("name", "名称", _("地域協働体の名称")),
    Column("kana", "よみがな", _("名称のよみがな")),
    Column("region", "地域", _("8つの地域のいずれか")),
    Column("district", "地区", _("活動する地区")),
    Column("founded_fiscal_year", "設立年度", _("西暦の年度（未登録は空欄）")),
    Column("founded_note", "設立の記録", _("出典に書かれた設立の時期")),
    Column("status", "状態", _("活動中・解散")),
    Column("dissolved_fiscal_year", "解散年度", _("西暦の年度（活動中は空欄）")),
    Column("plan_vision", "地域づくり計画の将来像", _("地域づくり計画に掲げる将来像")),
    Column("website", "ウェブサイト", _("団体のウェブサイト")),
    Column("certainty", "確度", _("確認済＝出典に記載あり、推定＝確認済みの事実からの推定")),
    Column("source", "出典", _("情報の出典")),
    Column("is_sample", "サンプル", _("説明用の架空の団体なら true")),
]


def _center_rows():

    year = current_fiscal_year()
    for center in CivicCenter.objects.for_listing():
        period = center.manager_in(year)
        yield {
            "name": center.name,
            "region": center.region.name,
            "district": center.district.name if center.district else "",
            "address": center.address,
            "phone": center.phone,
            "fiscal_year": year,
            "management": period.kind if period else None,
            "manager": str(period.manager_label) if period else None,
            "management_since": period.first_fiscal_year if period else None,
            "certainty": center.certainty,
            "source": center.source,
        }


CENTER_COLUMNS = [
    Column("name", "名称", _("市民センターの名称")),
    Column("region", "地域", _("8つの地域のいずれか")),
    Column("district", "地区", _("地区")),
    Column("address", "住所", _("所在地（未登録は空欄）")),
    Column("phone", "電話番号", _("電話番号")),
    Column("fiscal_year", "年度", _("管理の列が示す年度（今年度、西暦）")),
    Column("management", "管理の方法", _("直営・指定管理（記録がなければ空欄）")),
    Column("manager", "管理者", _("直営（市）または指定管理者の名称")),
    Column("management_since", "管理の開始年度", _("いまの管理期間の開始年度（西暦）")),
    Column("certainty", "確度", _("確認済＝出典に記載あり、推定＝確認済みの事実からの推定")),
    Column("source", "出典", _("情報の出典")),
]


def _period_rows():

    periods = ManagementPeriod.objects.select_related("center", "body").order_by(
        "center__region__order", "center__name", "first_fiscal_year"
    )
    for period in periods:
        yield {
            "center": period.center.name,
            "management": period.kind,
            "manager": str(period.manager_label),
            "first_fiscal_year": period.first_fiscal_year,
            "last_fiscal_year": period.last_fiscal_year,
            "source": period.source,
        }


PERIOD_COLUMNS = [
    Column("center", "市民センター", _("市民センターの名称")),
    Column("management", "管理の方法", _("直営・指定管理")),
    Column("manager", "管理者", _("直営（市）または指定管理者の名称")),
    Column("first_fiscal_year", "開始年度", _("西暦の年度")),
    Column("last_fiscal_year", "終了年度", _("西暦の年度（継続中は空欄）")),
    Column("source", "出典", _("情報の出典")),
]


def _usage_rows():

    usages = CenterUsage.objects.select_related("center").order_by(
        "center__region__order", "center__name", "fiscal_year"
    )
    for usage in usages:
        yield {
            "center": usage.center.name,
            "fiscal_year": usage.fiscal_year,
            "fiscal_year_label": wareki_fiscal_year(usage.fiscal_year),
            "visits": usage.visits,
            "bookings": usage.bookings,
            "source": usage.source,
            "is_sample": usage.is_sample,
        }


USAGE_COLUMNS = [
    Column("center", "市民センター", _("市民センターの名称")),
    Column("fiscal_year", "年度", _("西暦の年度（2024 = 令和6年度）")),
    Column("fiscal_year_label", "年度（和暦）", _("和暦の年度")),
    Column("visits", "利用者数", _("その年度の延べ利用者数（人）")),
    Column("bookings", "利用件数", _("その年度の利用件数（分かる場合）")),
    Column(
        "source",
        "入力元",
        _(
            "その数値の入力元：市の入力、ファイル取込（市が取り込んだファイル）、"
            "または協働体の報告（市が受理した地域協働体の年次報告の数値）"
        ),
    ),
    Column("is_sample", "サンプル", _("説明用のサンプルデータなら true")),
]


def _activity_rows():

    activities = (
        Activity.objects.filter(
            report__status=AnnualReport.Status.ACCEPTED, report__publish_activities=True
        )
        .select_related("report__body", "role")
        .order_by("report__fiscal_year", "report__body__name", "held_on", "pk")
    )
    for activity in activities:
        yield {
            "body": activity.report.body.name,
            "fiscal_year": activity.report.fiscal_year,
            "fiscal_year_label": wareki_fiscal_year(activity.report.fiscal_year),
            "held_on": activity.held_on.isoformat() if activity.held_on else None,
            "title": activity.title,
            "role": activity.role.title if activity.role else "",
            "participants": activity.participants,
            "description": activity.description,
        }


ACTIVITY_COLUMNS = [
    Column("body", "地域協働体", _("活動した地域協働体")),
    Column("fiscal_year", "年度", _("報告の対象年度（西暦）")),
    Column("fiscal_year_label", "年度（和暦）", _("和暦の年度")),
    Column("held_on", "実施日", _("YYYY-MM-DD")),
    Column("title", "活動名", _("活動の名称")),
    Column("role", "地域協働体の役割", _("計画が示す5つの役割のどれにあたるか")),
    Column("participants", "参加者数", _("人数（分からない場合は空欄）")),
    Column("description", "内容", _("活動の内容")),
]


def _survey_answers():
    """(year, question, answer, bodies) of every answer given in an accepted report, grouped
    by year and question."""
    accepted = AnnualReport.objects.accepted()
    for year, level, count in (
        accepted.exclude(overall_level="")
        .values_list("fiscal_year", "overall_level")
        .annotate(n=Count("pk"))
        .order_by("fiscal_year", "overall_level")
    ):
        yield year, "全体の達成状況", level, count
    for year, role, level, count in (
        RoleAssessment.objects.filter(report__in=accepted)
        .exclude(level="")
        .values_list("report__fiscal_year", "role__title", "level")
        .annotate(n=Count("pk"))
        .order_by("report__fiscal_year", "role__number", "role__pk", "level")
    ):
        yield year, f"役割：{role}", level, count
    for year, measure, score, count in (
        SupportRating.objects.filter(report__in=accepted, score__isnull=False)
        .values_list("report__fiscal_year", "measure__name", "score")
        .annotate(n=Count("pk"))
        .order_by("report__fiscal_year", "measure__order", "measure__pk", "score")
    ):
        yield year, f"支援策：{measure}", str(score), count


def _survey_rows():
    """The counts of each question whose answers ``publishable`` allows; one row saying so
    in place of each question fewer bodies answered."""
    for (year, question), answers in groupby(_survey_answers(), key=itemgetter(0, 1)):
        answers = list(answers)
        if not publishable(sum(count for *_question, count in answers)):
            yield {
                "fiscal_year": year,
                "question": question,
                "answer": None,
                "bodies": None,
                "note": withheld_note(),
            }
            continue
        for _year, _question, answer, count in answers:
            yield {
                "fiscal_year": year,
                "question": question,
                "answer": answer,
                "bodies": count,
                "note": "",
            }


SURVEY_COLUMNS = [
    Column("fiscal_year", "年度", _("報告の対象年度（西暦）")),
    Column("question", "設問", _("全体の達成状況、役割ごとの達成状況、または支援策の評価")),
    Column("answer", "回答", _("達成状況の4段階、または支援策の評価1〜5")),
    Column("bodies", "団体数", _("その回答をした団体の数（受理された報告のみ）")),
    Column(
        "note",
        "備考",
        _("回答した団体が少なく集計を公開しない設問はその旨（回答と団体数は空欄）"),
    ),
]


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            "projects",
            _("事業"),
            _("計画の18の事業（1事業1行）：区分、内容、取組主体の役割、実施年度"),
            _project_columns(),
            _project_rows,
        ),
        Dataset(
            "project-status",
            _("事業の年度別状況"),
            _("市が公開した各事業の年度ごとの評価と実施状況（公開済みのものだけ）"),
            STATUS_COLUMNS,
            _status_rows,
        ),
        Dataset(
            "indicators",
            _("成果指標"),
            _("9つの成果指標：現状値、目標値、最新の実績、達成率、状況"),
            INDICATOR_COLUMNS,
            _indicator_rows,
        ),
        Dataset(
            "indicator-values",
            _("成果指標の実績"),
            _("成果指標の年度ごとの実績（1指標・1年度で1行）"),
            VALUE_COLUMNS,
            _value_rows,
        ),
        Dataset(
            "bodies",
            _("地域協働体"),
            _("登録されている地域協働体（出典と確度つき）"),
            BODY_COLUMNS,
            _body_rows,
        ),
        Dataset(
            "centers",
            _("市民センター"),
            _("34の市民センターと今年度の管理の方法"),
            CENTER_COLUMNS,
            _center_rows,
        ),
        Dataset(
            "management-periods",
            _("市民センターの管理期間"),
            _("市民センターごとの直営・指定管理の期間"),
            PERIOD_COLUMNS,
            _period_rows,
        ),
        Dataset(
            "activities",
            _("地域協働体の活動実績"),
            _("受理された年次報告の活動（公開に同意したものだけ）"),
            ACTIVITY_COLUMNS,
            _activity_rows,
        ),
        Dataset(
            "survey",
            _("年次報告の集計"),
            _("受理された年次報告の自己評価と支援策の評価（設問・回答ごとの団体数）"),
            SURVEY_COLUMNS,
            _survey_rows,
        ),
        Dataset(
            "center-usage",
            _("市民センターの利用状況"),
            _("市民センターごとの年度別の利用者数"),
            USAGE_COLUMNS,
            _usage_rows,
        ),
    ]
}
