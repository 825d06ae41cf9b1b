"""The year's report as an XLSX workbook for staff: one sheet per part of the report."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.downloads import escape_formula
from core.fiscal import fiscal_year_label, wareki_fiscal_year
from progress_reports.builder import as_decimal
from progress_reports.presentation import indicators_of

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def report_workbook(data: dict, *, version_label: str) -> bytes:
    year = data["fiscal_year"]
    book = Workbook()
    cover = book.active
    cover.title = _("表紙")
    cover.append([_("%(year)s 進捗状況報告書") % {"year": fiscal_year_label(year)}])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([data["plan"]["title"]])
    cover.append([version_label])
    cover.column_dimensions["A"].width = 80

    _sheet(
        book,
        _("事業"),
        [
            _("基本方針"),
            _("施策"),
            _("事業番号"),
            _("事業名"),
            _("区分"),
            _("計画上の実施区分"),
            _("評価"),
            _("実施状況"),
            _("成果"),
            _("課題"),
            _("今後の方向性"),
            _("サンプル"),
        ],
        _project_rows(data),
        widths=[24, 24, 8, 30, 6, 10, 16, 40, 40, 40, 40, 8],
    )
    first = min(
        (i["baseline_fiscal_year"] for i in indicators_of(data)),
        default=data["plan"]["first_fiscal_year"],
    )
    years = range(first, data["plan"]["last_fiscal_year"] + 1)
    _sheet(
        book,
        _("成果指標"),
        [
            _("指標コード"),
            _("指標名"),
            _("単位"),
            _("現状値の年度"),
            _("現状値"),
            _("目標値の年度"),
            _("目標値"),
            _("最新の実績の年度"),
            _("最新の実績"),
            _("達成率（%）"),
            _("状況"),
        ]
        + [wareki_fiscal_year(y) for y in years],
        _indicator_rows(data, years),
        widths=[8, 36, 8, 12, 10, 12, 10, 14, 10, 10, 8] + [10] * len(years),
    )
    bodies = data["bodies"]
    _sheet(
        book,
        _("地域協働体"),
        [_("項目"), _("回答"), _("団体数・件数"), _("参加者数・平均")],
        _body_rows(bodies),
        widths=[40, 24, 12, 14],
    )
    _sheet(
        book,
        _("市民センター"),
        [_("地域"), _("市民センター"), _("管理の方法"), _("管理者"), _("利用者数")],
        [
            [c["region"], c["name"], c["kind"], c["manager"], c["visits"]]
            for c in data["centers"]["centers"]
        ],
        widths=[12, 24, 10, 30, 12],
    )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _sheet(book, title, header, rows, *, widths):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append([escape_formula(value) for value in row])
    for index, width in enumerate(widths):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    sheet.freeze_panes = "A2"


def _project_rows(data):
    for policy in data["policies"]:
        for measure in policy["measures"]:
            for project in measure["projects"]:
                status = project["status"] or {}
                yield [
                    f"{policy['number']} {policy['title']}",
                    f"({measure['number']}) {measure['title']}",
                    project["number"],
                    project["title"],
                    project["kind"],
                    project["phase"],
                    status.get("evaluation_label", _("未公開")),
                    status.get("activities", ""),
                    status.get("results", ""),
                    status.get("issues", ""),
                    status.get("direction", ""),
                    _("サンプル") if status.get("is_sample") else "",
                ]


def _indicator_rows(data, years):
    for indicator in indicators_of(data):
        by_year = {a["fiscal_year"]: as_decimal(a["value"]) for a in indicator["actuals"]}
        latest = indicator["actuals"][-1] if indicator["actuals"] else None
        yield [
            indicator["code"],
            indicator["name"],
            indicator["unit"],
            indicator["baseline_fiscal_year"],
            as_decimal(indicator["baseline_value"]),
            indicator["target_fiscal_year"],
            as_decimal(indicator["target_value"]),
            latest["fiscal_year"] if latest else None,
            as_decimal(latest["value"]) if latest else None,
            indicator["percent"],
            indicator["status"],
        ] + [by_year.get(year) for year in years]


def _body_rows(bodies):
    yield [_("回答（受理した年次報告）"), bodies["rate"], bodies["responded"], None]
    for block in bodies["assessments"]:
        if block.get("withheld_below"):
            yield [block["title"], _withheld_note(block), None, None]
            continue
        for label, count in block["items"]:
            yield [block["title"], label, count, None]
    for block in bodies["support"]:
        title = _("支援策：%(name)s") % {"name": block["title"]}
        if block.get("withheld_below"):
            yield [title, _withheld_note(block), None, None]
            continue
        for label, count in block["items"]:
            yield [title, label, count, block["mean"]]
    for row in bodies["activities"]:
        yield [
            _("活動実績：%(role)s") % {"role": row["role"] or _("役割の指定なし")},
            "",
            row["count"],
            row["participants"],
        ]


def _withheld_note(block):
    return _("回答が%(minimum)s団体未満のため非公開") % {"minimum": block["withheld_below"]}
