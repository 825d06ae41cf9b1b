"""Writes across councils and centres: loading the reference data, checking periods, and
every write of a centre's usage figure.

A usage figure (``CenterUsage``) is written only through ``usage_set()`` and removed only
through ``usage_delete()``: by the admin (the list and the inline on the centre), the
import, the sample loaders and an accepted report (``usage_from_report()``).
Its ``source`` says whose it is, and the rules of provenance live here:

- staff's figure (市の入力, or ファイル取込) replaces whatever was stored, a body's too;
- a body's report (協働体の報告) never replaces or removes staff's figure.

After the write the service recomputes ``0-1`` for the year, unless the caller asks it not
to because it refreshes once after many writes.
"""

import csv
import datetime
from itertools import pairwise
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from centers.models import CenterUsage, CivicCenter, ManagementPeriod, Population
from core.cache import invalidate_public_pages
from core.loading import LoadResult
from core.slugs import unicode_slug
from councils.models import AnnualReport, CollaborationBody, District, Region
from indicators.derived import VISITS_PER_CAPITA
from indicators.services import refresh_derived_indicators

#: Figures that are staff's: typed in the admin or imported from a file.
STAFF_SOURCES = frozenset({CenterUsage.Source.STAFF, CenterUsage.Source.IMPORT})


@transaction.atomic
def usage_set(
    *,
    center: CivicCenter,
    fiscal_year: int,
    visits: int,
    source: CenterUsage.Source,
    bookings: int | None = None,
    note: str = "",
    is_sample: bool = False,
    refresh: bool = True,
) -> CenterUsage:
    """Store ``center``'s usage in ``fiscal_year`` and return the row as it stands.

    A body's report never replaces staff's figure: their row is returned unchanged. With
    ``refresh`` (the default) ``0-1`` of the year is recomputed afterwards.
    """
    usage = (
        CenterUsage.objects.select_for_update()
        .filter(center=center, fiscal_year=fiscal_year)
        .order_by("pk")  # no join: FOR UPDATE locks this table's row only
        .first()
    )
    if usage is not None and source not in STAFF_SOURCES and usage.source in STAFF_SOURCES:
        return usage
    if usage is None:
        usage = CenterUsage(center=center, fiscal_year=fiscal_year)
    wanted = {
        "visits": visits,
        "bookings": bookings,
        "note": note,
        "source": source,
        "is_sample": is_sample,
    }
    if usage.pk is None or any(getattr(usage, k) != v for k, v in wanted.items()):
        for name, new in wanted.items():
            setattr(usage, name, new)
        usage.save()
        if refresh:
            refresh_derived_indicators(fiscal_years=[fiscal_year], codes=[VISITS_PER_CAPITA])
    return usage


@transaction.atomic
def usage_delete(
    *, center: CivicCenter, fiscal_year: int, source: CenterUsage.Source, refresh: bool = True
) -> bool:
    """Remove ``center``'s usage in ``fiscal_year``; True if a row went.

    A body's report (a report reopened) never removes staff's figure.
    """
    usage = (
        CenterUsage.objects.select_for_update()
        .filter(center=center, fiscal_year=fiscal_year)
        .order_by("pk")  # no join: FOR UPDATE locks this table's row only
        .first()
    )
    if usage is None or (source not in STAFF_SOURCES and usage.source in STAFF_SOURCES):
        return False
    usage.delete()
    if refresh:
        refresh_derived_indicators(fiscal_years=[fiscal_year], codes=[VISITS_PER_CAPITA])
    return True


def usage_from_report(*, report: AnnualReport, **kwargs) -> list[str]:
    """Carry an accepted report's centre visits into centre usage, or take them back out
    when it is reopened; return ``[VISITS_PER_CAPITA]`` if a figure moved, for the workflow
    to refresh with 2-1 (see ``councils.signals``).

    Connected to ``councils.signals.report_decided`` (see ``centers/apps.py``). The figures
    go in as the body's report (協働体の報告): a figure staff entered or corrected is never
    replaced or removed."""
    source = CenterUsage.Source.BODY_REPORT
    fed = False
    for center_report in report.center_reports.select_related("center"):
        where = {"center": center_report.center, "fiscal_year": report.fiscal_year}
        if report.status == AnnualReport.Status.ACCEPTED and center_report.visits is not None:
            usage = usage_set(**where, visits=center_report.visits, source=source, refresh=False)
            fed = fed or usage.source == source
        else:
            fed = usage_delete(**where, source=source, refresh=False) or fed
    return [VISITS_PER_CAPITA] if fed else []


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def reference_data_load(*, data: dict, base_dir: Path) -> LoadResult:
    """Create the regions, districts, centres, bodies, management periods and populations
    that are missing. Existing rows, and corrections staff made, are left alone."""
    result = LoadResult()
    regions = {}
    for order, name in enumerate(data["regions"], start=1):
        regions[name], created = Region.objects.get_or_create(
            name=name, defaults={"order": order, "slug": unicode_slug(name)}
        )
        result.count("地域", created)

    centers = _read_csv(base_dir / data["centers_csv"])
    districts = {}
    for order, row in enumerate(centers, start=1):
        region = regions[row["地域"]]
        districts[(row["地域"], row["地区"])], created = District.objects.get_or_create(
            region=region, name=row["地区"], defaults={"order": order}
        )
        result.count("地区", created)
        _, created = CivicCenter.objects.get_or_create(
            name=row["市民センター"],
            defaults={
                "slug": unicode_slug(row["市民センター"]),
                "region": region,
                "district": districts[(row["地域"], row["地区"])],
                "address": row["住所"],
                "management_note": row["指定管理の記録"],
                "certainty": row["確度"],
                "source": row["出典"],
            },
        )
        result.count("市民センター", created)

    for row in _read_csv(base_dir / data["bodies_csv"]):
        _, created = CollaborationBody.objects.get_or_create(
            name=row["地域協働体"],
            defaults={
                "slug": unicode_slug(row["地域協働体"]),
                "region": regions[row["地域"]],
                "district": districts.get((row["地域"], row["地区"])),
                "founded_note": row["設立"],
                "certainty": row["確度"],
                "source": row["出典"],
            },
        )
        result.count("地域協働体", created)

    for item in data["body_founding"]:
        CollaborationBody.objects.filter(
            name=item["body"], founded_fiscal_year__isnull=True
        ).update(founded_fiscal_year=item["founded_fiscal_year"])

    for item in data["management_periods"]:
        center = CivicCenter.objects.get(name=item["center"])
        body = CollaborationBody.objects.get(name=item["body"]) if item["body"] else None
        _, created = ManagementPeriod.objects.get_or_create(
            center=center,
            first_fiscal_year=item["first_fiscal_year"],
            defaults={
                "kind": item["kind"],
                "body": body,
                "manager_note": item["manager_note"],
                "last_fiscal_year": item["last_fiscal_year"],
                "source": item["source"],
            },
        )
        result.count("管理期間", created)

    for item in data["population"]:
        _, created = Population.objects.get_or_create(
            fiscal_year=item["fiscal_year"],
            region=None,
            defaults={
                "as_of": datetime.date.fromisoformat(item["as_of"]),
                "population": item["population"],
                "households": item["households"],
                "source": item["source"],
            },
        )
        result.count("人口", created)
    invalidate_public_pages(CollaborationBody)  # the founding years were set without signals
    # Centres, bodies and populations feed 0-1 and 3-3; the founding years feed 2-1 too.
    refresh_derived_indicators()
    return result


def check_no_overlap(periods) -> None:
    """Raise if any two of ``periods`` (of one centre) overlap.

    A period without its 開始年度 is left out: its own form asks for the year.
    """
    dated = [period for period in periods if period.first_fiscal_year is not None]
    ordered = sorted(dated, key=lambda p: p.first_fiscal_year)
    for earlier, later in pairwise(ordered):
        if earlier.overlaps(later):
            raise ValidationError(
                _("%(center)sの管理期間（%(a)s と %(b)s）が重なっています。")
                % {"center": earlier.center, "a": earlier.years_label, "b": later.years_label}
            )
