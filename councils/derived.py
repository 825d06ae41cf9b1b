"""The derived indicators computed from the bodies and their reports: 2-1 地域協働体の活動件数
and 3-3 地域協働体の設立件数 (see ``indicators.derived``). Registered when the app is ready
(``councils.apps``)."""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from core.fiscal import wareki_fiscal_year
from councils.models import AnnualReport, CollaborationBody
from indicators.derived import ACTIVITIES, BODIES_FOUNDED, Derivation, calculation


@calculation(BODIES_FOUNDED)
def bodies_founded(years) -> dict[int, Derivation]:
    """3-3 for each of ``years``, with one query."""
    bodies = list(CollaborationBody.objects.all())
    unknown = [body for body in bodies if body.founded_fiscal_year is None]
    results = {}
    for year in years:
        if not bodies:
            results[year] = Derivation(year, None, _("地域協働体が登録されていません。"))
            continue
        if unknown:
            results[year] = Derivation(
                year,
                None,
                _("%(total)s団体中%(unknown)s団体の設立年度が未登録です。")
                % {"total": len(bodies), "unknown": len(unknown)},
            )
            continue
        active = [body for body in bodies if body.is_active_in(year)]
        explanation = _(
            "%(year)s末までに設立され解散していない地域協働体の数（登録 %(total)s団体）"
        ) % {"year": wareki_fiscal_year(year), "total": len(bodies)}
        results[year] = Derivation(
            year, Decimal(len(active)), explanation, any(body.is_sample for body in active)
        )
    return results


@calculation(ACTIVITIES)
def activities_count(years) -> dict[int, Derivation]:
    """2-1 for each of ``years``: activities in accepted reports, once all are accepted;
    two queries whatever the number of years."""
    bodies = list(CollaborationBody.objects.all())
    accepted = {}
    counts = {}
    # One grouped query: each accepted report of the years with its number of activities.
    for row in (
        AnnualReport.objects.accepted()
        .filter(fiscal_year__in=years)
        .values("fiscal_year", "body_id")
        .annotate(activities=Count("activities"))
        .order_by()
    ):
        accepted.setdefault(row["fiscal_year"], set()).add(row["body_id"])
        counts[row["fiscal_year"]] = counts.get(row["fiscal_year"], 0) + row["activities"]
    results = {}
    for year in years:
        active = [body for body in bodies if body.is_active_in(year)]
        done = [body for body in active if body.pk in accepted.get(year, set())]
        words = {"bodies": len(active), "accepted": len(done)}
        if not active or len(done) < len(active):
            results[year] = Derivation(
                year, None, _("%(bodies)s団体中%(accepted)s団体の報告を受理済みです。") % words
            )
            continue
        results[year] = Derivation(
            year,
            Decimal(counts.get(year, 0)),
            _("受理した%(bodies)s団体の年次報告にある活動の件数") % words,
            any(body.is_sample for body in active),
        )
    return results
