"""Read-only views over all reports: the staff board and the survey aggregates."""

from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.charts import bar_chart
from councils.models import (
    AnnualReport,
    CollaborationBody,
    ReportingPeriod,
    RoleAssessment,
    SupportMeasure,
    SupportRating,
)
from plans.models import BodyRole

Status = AnnualReport.Status


def response_rate(responded: int, total: int) -> str:
    """「32／33団体（97%）」, the way the plan reports its survey."""
    percent = round(responded * 100 / total) if total else 0
    return _("%(responded)s／%(total)s団体（%(percent)s%%）") % {
        "responded": responded,
        "total": total,
        "percent": percent,
    }


def board_rows() -> dict:
    """Bodies × fiscal years: each report's state, how overdue, and each year's response rate.

    A body owes a report only for the years it is active (``is_active_in``): other cells
    are not expected, never overdue, and the year's rate counts active bodies only, as
    the public summary and indicator 2-1 do.
    """
    periods = list(ReportingPeriod.objects.order_by("fiscal_year"))
    bodies = list(CollaborationBody.objects.for_listing())
    reports = {
        (r.body_id, r.fiscal_year): r
        for r in AnnualReport.objects.filter(fiscal_year__in=[p.fiscal_year for p in periods])
    }
    today = timezone.localdate()
    rows = []
    for body in bodies:
        cells = []
        for period in periods:
            report = reports.get((body.pk, period.fiscal_year))
            expected = body.is_active_in(period.fiscal_year)
            sent = report is not None and report.submitted_at is not None
            overdue = 0 if sent or not expected else max(0, -period.days_left(today))
            cells.append(
                {"period": period, "report": report, "expected": expected, "overdue": overdue}
            )
        rows.append({"body": body, "cells": cells})
    rates = []
    for period in periods:
        active = [body for body in bodies if body.is_active_in(period.fiscal_year)]
        responded = sum(
            1
            for body in active
            if (r := reports.get((body.pk, period.fiscal_year))) and r.submitted_at
        )
        rates.append({"period": period, "rate": response_rate(responded, len(active))})
    return {"periods": periods, "rows": rows, "rates": rates}


def survey_aggregates(fiscal_year: int, *, public: bool) -> dict:
    """The year's self-assessments and support ratings as counts, charts and tables.

    The public sees accepted reports only, and opinions only where the body agreed. The
    response rate is out of the bodies active in ``fiscal_year``.
    """
    reports = AnnualReport.objects.filter(fiscal_year=fiscal_year)
    reports = reports.accepted() if public else reports.exclude(submitted_at=None)
    levels = list(AnnualReport.Level)
    # Grouped counts, so that the page costs the same whatever the number of reports.
    responded = reports.count()
    overall = Counter(
        dict(
            reports.values_list("overall_level")
            .annotate(n=Count("pk"))
            .values_list("overall_level", "n")
        )
    )
    roles = {role.pk: role for role in BodyRole.objects.all()}
    by_role = {}
    rows = (
        RoleAssessment.objects.filter(report__in=reports)
        .values_list("role", "level")
        .annotate(n=Count("pk"))
    )
    for role_id, level, count in rows:
        by_role.setdefault(roles[role_id], Counter())[level] += count
    measures = {measure.pk: measure for measure in SupportMeasure.objects.all()}
    by_measure = {}
    rows = (
        SupportRating.objects.filter(report__in=reports, score__isnull=False)
        .values_list("measure", "score")
        .annotate(n=Count("pk"))
    )
    for measure_id, score, count in rows:
        by_measure.setdefault(measures[measure_id], Counter())[score] += count

    def level_block(key, title, counter):
        items = [(str(level.label), counter.get(level.value, 0)) for level in levels]
        chart = bar_chart(items, label_width=180)
        return {"id": f"assessment-{key}", "title": title, "items": items, "chart": chart}

    blocks = [level_block("overall", _("全体の達成状況"), overall)]
    blocks += [
        level_block(role.number, f"{role.marker}{role.title}", counter)
        for role, counter in sorted(by_role.items(), key=lambda item: item[0].number)
    ]
    support = []
    for measure in sorted(by_measure, key=lambda m: (m.order, m.pk)):
        counter = by_measure[measure]
        items = [(str(score), counter.get(score, 0)) for score in range(1, 6)]
        total = sum(counter.values())
        mean = sum(score * count for score, count in counter.items()) / total if total else None
        support.append(
            {
                "id": f"support-{measure.pk}",
                "title": measure.name,
                "items": items,
                "chart": bar_chart(items, label_width=60),
                "mean": round(mean, 1) if mean is not None else None,
            }
        )
    with_opinions = reports.exclude(opinions="").select_related("body").order_by("body__name")
    if public:
        with_opinions = with_opinions.filter(publish_opinions=True)
    opinions = [{"body": r.body, "text": r.opinions} for r in with_opinions if r.opinions.strip()]
    bodies = CollaborationBody.objects.active_in(fiscal_year).count()
    return {
        "rate": response_rate(responded, bodies),
        "responded": responded,
        "total": bodies,
        "assessment_blocks": blocks,
        "support_blocks": support,
        "opinions": opinions,
    }
