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
from councils.reminders import days_overdue, latest_extensions
from plans.models import BodyRole

Status = AnnualReport.Status

MIN_BODIES_TO_PUBLISH = 5
"""How many bodies' accepted answers must stand behind an aggregate of the annual reports'
self-assessments or support ratings before the public sees it.

With fewer, a count or an average is one or a few known bodies' answers: the survey page,
the open-data ``survey`` files and the 進捗状況報告書 say 「回答が5団体未満のため非公開」
(``withheld_note()``) in its place. Staff's own summary shows everything.
"""


def publishable(respondents: int) -> bool:
    """Whether an aggregate of ``respondents`` bodies' answers may be published."""
    return respondents >= MIN_BODIES_TO_PUBLISH


def withheld_note() -> str:
    """「回答が5団体未満のため非公開」, said in place of an aggregate too small to publish."""
    return _("回答が%(minimum)s団体未満のため非公開") % {"minimum": MIN_BODIES_TO_PUBLISH}


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

    A report not started, a draft, or a returned report not resubmitted is overdue by the
    days past its deadline (``councils.reminders.report_deadline()``: the due date or the
    body's latest extension, and for a returned report at least the day it was returned).

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
    extensions = latest_extensions(p.fiscal_year for p in periods)
    today = timezone.localdate()
    rows = []
    for body in bodies:
        cells = []
        for period in periods:
            report = reports.get((body.pk, period.fiscal_year))
            expected = body.is_active_in(period.fiscal_year)
            until = extensions.get((body.pk, period.fiscal_year))
            overdue = days_overdue(period, report, until, today) if expected else 0
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

    The public sees accepted reports only, opinions only where the body agreed, and a block
    (one question's counts, chart and average) only when at least ``MIN_BODIES_TO_PUBLISH``
    bodies answered it: otherwise the block is ``withheld``, with no counts, chart or
    average. The response rate is out of the bodies active in ``fiscal_year``.
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

    def block(key, title, items, *, label_width, mean=None):
        withheld = public and not publishable(sum(count for _label, count in items))
        if withheld:
            items, mean = [(label, None) for label, _count in items], None
        chart = None if withheld else bar_chart(items, label_width=label_width)
        return {
            "id": key,
            "title": title,
            "withheld": withheld,
            "items": items,
            "chart": chart,
            "mean": mean,
        }

    def level_block(key, title, counter):
        items = [(str(level.label), counter.get(level.value, 0)) for level in levels]
        return block(f"assessment-{key}", title, items, label_width=180)

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
        mean = round(mean, 1) if mean is not None else None
        support.append(
            block(f"support-{measure.pk}", measure.name, items, label_width=60, mean=mean)
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
        "min_bodies": MIN_BODIES_TO_PUBLISH,
    }
