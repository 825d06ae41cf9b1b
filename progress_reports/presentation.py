"""Turn a report's data (live or frozen) into what the page draws: charts, badges, counts."""

import json
from collections import Counter
from types import SimpleNamespace

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from core.fiscal import current_fiscal_year
from indicators.charts import indicator_chart
from indicators.progress import Status, status_counts
from plans.models import ProjectYearStatus
from progress_reports.builder import as_decimal

EVALUATIONS = ProjectYearStatus.Evaluation


def normalized(data: dict) -> dict:
    """The report as it reads back from JSON, without the moment it was built."""
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    data.pop("built_at", None)
    return data


def corrections(frozen: dict, current: dict) -> list[str]:
    """What differs between a frozen report and today's data, named the way the report does."""
    frozen, current = normalized(frozen), normalized(current)
    changed = []
    frozen_projects = {p["number"]: p for p in projects_of(frozen)}
    for project in projects_of(current):
        if not _same(frozen_projects.get(project["number"]), project):
            changed.append(
                _("事業%(number)s %(title)s")
                % {"number": project["number"], "title": project["title"]}
            )
    frozen_indicators = {i["code"]: i for i in indicators_of(frozen)}
    for indicator in indicators_of(current):
        if not _same(frozen_indicators.get(indicator["code"]), indicator):
            changed.append(
                _("成果指標%(code)s %(name)s")
                % {"code": indicator["code"], "name": indicator["name"]}
            )
    if not _same(frozen["bodies"], current["bodies"]):
        changed.append(_("地域協働体の年次報告の集計"))
    if not _same(frozen["centers"], current["centers"]):
        changed.append(_("市民センターの管理"))
    return changed


def _same(frozen: dict | None, current: dict) -> bool:
    """Whether what the frozen report held is unchanged. Only the frozen report's own keys
    count, so that a later version of the report that shows more is not a correction."""
    if frozen is None:
        return False
    return all(current.get(key) == value for key, value in frozen.items())


def projects_of(data):
    for policy in data["policies"]:
        for measure in policy["measures"]:
            yield from measure["projects"]


def indicators_of(data):
    yield from data["plan_indicators"]
    for policy in data["policies"]:
        yield from policy["indicators"]


def for_display(data: dict) -> dict:
    """The report's data with what the template needs added; ``data`` itself is not changed."""
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    # The report is written after its year: the years after it had not ended then.
    seen_from = min(data["fiscal_year"] + 1, current_fiscal_year())
    for indicator in indicators_of(data):
        _add_chart(indicator, current_year=seen_from)
    projects = list(projects_of(data))
    _translate_labels(data, projects)
    evaluations = Counter(p["status"]["evaluation"] for p in projects if p["status"])
    data["evaluation_counts"] = [
        {"label": evaluation.label, "count": evaluations.get(evaluation.value, 0)}
        for evaluation in EVALUATIONS
    ] + [{"label": _("未公開"), "count": sum(1 for p in projects if not p["status"])}]
    data["status_counts"] = status_counts(i["status"] for i in indicators_of(data))
    data["has_sample"] = any(p["status"] and p["status"]["is_sample"] for p in projects) or any(
        a["is_sample"] for i in indicators_of(data) for a in i["actuals"]
    )
    return data


def _translate_labels(data: dict, projects: list[dict]) -> None:
    """Labels are stored in Japanese; on /en/ the UI's own words (評価, 直営, answers) are
    shown in English. Plan content (titles, role names) passes through unchanged."""
    for project in projects:
        project["kind"] = _(project["kind"])
        project["phase"] = _(project["phase"]) if project["phase"] else ""
        if project["status"]:
            evaluation = EVALUATIONS(project["status"]["evaluation"])
            project["status"]["evaluation_label"] = str(evaluation.label)
    for block in data["bodies"]["assessments"] + data["bodies"]["support"]:
        block["title"] = _(block["title"])
        block["items"] = [(_(label), count) for label, count in block["items"]]
    for center in data["centers"]["centers"]:
        center["kind"] = _(center["kind"]) if center["kind"] else ""
        center["manager"] = _(center["manager"]) if center["manager"] else ""


def _add_chart(indicator: dict, *, current_year: int) -> None:
    actuals = [
        SimpleNamespace(fiscal_year=a["fiscal_year"], value=as_decimal(a["value"]))
        for a in indicator["actuals"]
    ]
    shape = SimpleNamespace(
        baseline_fiscal_year=indicator["baseline_fiscal_year"],
        target_fiscal_year=indicator["target_fiscal_year"],
        baseline_value=as_decimal(indicator["baseline_value"]),
        target_value=as_decimal(indicator["target_value"]),
        unit=indicator["unit"],
        decimal_places=indicator["decimal_places"],
    )
    indicator["chart"] = indicator_chart(shape, actuals, current_year=current_year)
    indicator["latest"] = indicator["actuals"][-1] if indicator["actuals"] else None
    status = Status(indicator["status"])
    indicator["status_class"] = status.name.lower()
    indicator["status_label"] = status.label
