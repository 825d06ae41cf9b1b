"""Render every public page many times through Django's test client, at 1× and 10× data.

Prints, per page, the median and 95th-percentile server time in milliseconds (page cache
emptied before every request, so this is the rendering cost) and the number of SQL
queries, first with the city's size of data (``generate_sample --scale 1``: 33 bodies,
34 centres, an accepted report with 14 activities per body, statuses for 18 projects × 5
years) and then with ten times as much. Then the effect of the page cache on ``/`` and the
compressed weight of ``/`` (HTML + CSS).

    make bench            # or: .venv/bin/python bench/pages.py --repeat 200
"""

import argparse
import gzip
import io
import re
import statistics
import time

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.test.utils import CaptureQueriesContext
from support import benchmark_database, percentile

PAGES = [
    "/",
    "/plan/",
    "/plan/policies/1/",
    "/plan/projects/11/",
    "/about/",
    "/indicators/",
    "/indicators/0-1/",
    "/bodies/",
    "/bodies/真柴まちづくり協議会/",
    "/bodies/survey/2024/",
    "/centers/",
    "/centers/真柴市民センター/",
    "/regions/",
    "/regions/一関/",
    "/open-data/",
    "/open-data/plan.json",
    "/open-data/projects.csv",
    "/open-data/project-status.csv",
    "/open-data/indicators.json",
    "/reports/2024/",
]
GOAL_MS, GOAL_RATIO, GOAL_WEIGHT_KB = 15, 1.5, 60
# Whole documents (the 16-page 進捗状況報告書) get a goal of their own; they are cached too.
DOCUMENT_GOAL_MS = {"/reports/2024/": 60}


def measure(client, connection, url, repeat, *, cached=False):
    client.get(url)  # warm up templates and translations
    timings = []
    for _ in range(repeat):
        if not cached:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def page_weight(client) -> tuple[int, int]:
    """Gzip-compressed bytes of ``/`` and of the stylesheets it loads."""
    html = client.get("/").content
    css = 0
    for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html):
        with open(finders.find(href.decode()), "rb") as handle:
            css += len(gzip.compress(handle.read(), 9))
    return len(gzip.compress(html, 9)), css


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with benchmark_database() as connection:
        client = Client()
        results = {}
        for scale in (1, 10):
            call_command("generate_sample", scale=scale, stdout=io.StringIO())
            results[scale] = {url: measure(client, connection, url, args.repeat) for url in PAGES}

        print(f"Public pages, {args.repeat} renders each (page cache emptied), {connection.vendor}")
        print(f"goal: median ≤ {GOAL_MS} ms at 1×, ≤ {GOAL_RATIO}× that at 10×, same query count")
        for url, goal in DOCUMENT_GOAL_MS.items():
            print(f"      {url} is a whole document: median ≤ {goal} ms at 1×")
        header = (
            f"{'page':<30}{'1× med':>8}{'1× p95':>8}{'10× med':>9}{'ratio':>7}{'queries':>9}  goal"
        )
        print(header)
        for url in PAGES:
            one, ten = results[1][url], results[10][url]
            ratio = ten[0] / one[0]
            goal_ms = DOCUMENT_GOAL_MS.get(url, GOAL_MS)
            met = one[0] <= goal_ms and ratio <= GOAL_RATIO and one[2] == ten[2]
            queries = f"{one[2]}/{ten[2]}"
            print(
                f"{url:<30}{one[0]:>8.2f}{one[1]:>8.2f}{ten[0]:>9.2f}{ratio:>7.2f}{queries:>9}"
                f"  {'met' if met else 'MISSED'}"
            )

        uncached = measure(client, connection, "/", args.repeat)[0]
        cached = measure(client, connection, "/", args.repeat, cached=True)[0]
        print(f"\nPage cache on / (10× data): {uncached:.2f} ms rendered, {cached:.2f} ms cached "
              f"({uncached / cached:.0f}× faster)")  # fmt: skip
        html, css = page_weight(client)
        total = (html + css) / 1024
        print(
            f"Weight of / compressed (gzip): HTML {html / 1024:.1f} KB + CSS {css / 1024:.1f} KB"
            f" = {total:.1f} KB (goal ≤ {GOAL_WEIGHT_KB} KB: {'met' if total <= GOAL_WEIGHT_KB else 'MISSED'}),"
            " no JavaScript"
        )


if __name__ == "__main__":
    main()
