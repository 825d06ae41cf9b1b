"""Writes across councils and centres: loading the reference data, checking periods."""

import csv
import datetime
from itertools import pairwise
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from centers.models import CivicCenter, ManagementPeriod, Population
from councils.models import CollaborationBody, District, Region
from ichinoseki_kyodo.cache import invalidate_public_pages
from ichinoseki_kyodo.slugs import unicode_slug
from plans.services import LoadResult


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
        regions[name], created = Region.objects.get_or_create(name=name, defaults={"order": order})
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
    invalidate_public_pages()  # the founding years above were set without signals
    return result


def check_no_overlap(periods) -> None:
    """Raise if any two of ``periods`` (of one centre) overlap."""
    ordered = sorted(periods, key=lambda p: p.first_fiscal_year)
    for earlier, later in pairwise(ordered):
        if earlier.overlaps(later):
            raise ValidationError(
                _("%(center)sの管理期間（%(a)s と %(b)s）が重なっています。")
                % {"center": earlier.center, "a": earlier.years_label, "b": later.years_label}
            )
