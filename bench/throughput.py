"""Requests per second of gunicorn (2 workers) on loopback, measured with wrk.

For ``/``, ``/plan/`` and ``/indicators/``, with the page cache on and off, next to a
static file of the same size served by WhiteNoise from the same server, so the portal's
figure reads as a share of what the machine can serve at all.

    make bench            # or: .venv/bin/python bench/throughput.py --seconds 10
"""

import argparse
import tempfile
import urllib.request
from pathlib import Path

from server import ROOT, gunicorn, prepare, wrk

PAGES = ["/", "/plan/", "/indicators/"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = prepare(f"sqlite:///{Path(folder) / 'throughput.sqlite3'}")
        results = {}
        for cache in ("1", "0"):
            with gunicorn({**env, "DJANGO_PAGE_CACHE": cache}) as url:
                if cache == "1":
                    size = len(urllib.request.urlopen(url + "/").read())  # noqa: S310
                    static = ROOT / "var" / "static" / "bench-same-size.html"
                    static.write_bytes(b"x" * size)
                for page in PAGES:
                    results[(page, cache)] = wrk(
                        url + page, seconds=args.seconds, connections=args.connections
                    )
        with gunicorn(env) as url:
            baseline = wrk(
                url + "/static/bench-same-size.html",
                seconds=args.seconds,
                connections=args.connections,
            )
        static.unlink()

    print(
        f"gunicorn, 2 workers, wrk {args.connections} connections × {args.seconds} s on loopback;"
        f" static file of {size:,} bytes (the size of /) via WhiteNoise:"
        f" {baseline['requests_per_second']:.0f} req/s"
    )
    print(
        f"{'page':<16}{'cached req/s':>14}{'uncached req/s':>16}{'cached ÷ static':>16}{'errors':>8}"
    )
    for page in PAGES:
        cached, uncached = results[(page, "1")], results[(page, "0")]
        errors = sum(r["non_2xx"] + r["socket_errors"] for r in (cached, uncached))
        share = cached["requests_per_second"] / baseline["requests_per_second"]
        print(
            f"{page:<16}{cached['requests_per_second']:>14.0f}{uncached['requests_per_second']:>16.0f}"
            f"{share:>16.2f}{errors:>8}"
        )


if __name__ == "__main__":
    main()
