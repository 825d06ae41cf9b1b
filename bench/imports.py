"""Time the import of large indicator files through the same path as the admin.

- a valid file as large as the data model allows: 990 indicators (codes 1-1 … 9-99 and
  0-1 … 0-99, minus the plan's own) × 7 years, every row new;
- a 10,000-row file (the valid rows, then repeats of them), which must be rejected whole:
  the time to read, validate and report every row.

    make bench            # or: .venv/bin/python bench/imports.py
"""

import time

from support import benchmark_database

from core.formats import JapaneseCSV
from core.resources import import_file
from indicators.models import Indicator, IndicatorValue
from indicators.resources import IndicatorValueResource

YEARS = range(2022, 2029)


def make_indicators():
    existing = set(Indicator.objects.values_list("code", flat=True))
    codes = [f"{a}-{b}" for a in range(10) for b in range(1, 100)]
    Indicator.objects.bulk_create(
        Indicator(code=code, name=f"ベンチマーク用の指標 {code}", unit="件", target_value=100)
        for code in codes
        if code not in existing
    )
    return sorted(Indicator.objects.values_list("code", flat=True))


def csv_bytes(rows, percent=frozenset()):
    """Thousands with a separator; a percentage (the plan's own 「%」 indicators) ≤ 100."""
    lines = ["指標コード,年度,実績値,備考"] + [
        f"{c},令和{y - 2018}年度,{i % 100}," if c in percent
        else f'{c},令和{y - 2018}年度,"1,{i % 1000:03d}",'
        for i, (c, y) in enumerate(rows)
    ]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


def timed_import(data):
    start = time.perf_counter()
    outcome = import_file(resource=IndicatorValueResource(), data=data, file_format=JapaneseCSV())
    return time.perf_counter() - start, outcome


def main():
    with benchmark_database() as connection:
        codes = make_indicators()
        rows = [(code, year) for code in codes for year in YEARS]
        percent = frozenset(Indicator.objects.filter(unit="%").values_list("code", flat=True))
        print(f"Indicator import (cp932 CSV, {connection.vendor})")
        print(f"{'file':<44}{'rows':>7}{'seconds':>9}{'rows/s':>9}  result")

        seconds, outcome = timed_import(csv_bytes(rows, percent))
        saved = IndicatorValue.objects.count()
        print(
            f"{'valid, all rows new':<44}{len(rows):>7}{seconds:>9.2f}{len(rows) / seconds:>9.0f}"
            f"  saved {saved} rows, {len(outcome.errors)} errors"
        )

        IndicatorValue.objects.all().delete()
        big = (rows * 2)[:10_000]
        seconds, outcome = timed_import(csv_bytes(big, percent))
        print(
            f"{'10,000 rows with repeats (must be rejected)':<44}{len(big):>7}{seconds:>9.2f}"
            f"{len(big) / seconds:>9.0f}  saved {IndicatorValue.objects.count()} rows, "
            f"{len(outcome.errors)} row errors reported"
        )


if __name__ == "__main__":
    main()
