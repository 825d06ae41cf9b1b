"""The reporting season under load, through the web: bodies report, staff review, citizens read.

For a bounded time, all at once, over HTTP against gunicorn on loopback:

- 33 reporters, one per body, log in (``/portal/login/``, with its CSRF token) and file their
  report section by section through the real pages: each section's page is read, its form
  filled in as a browser would post it, and saved with 「保存して次へ」; two activities are
  added; the report is submitted from the check page. A report the city returns is revised
  in the section the city asked about and submitted again.
- 2 editors log in and review: the board, each submitted report's review page, 受理 for
  most and 差戻し (with a comment on 「5. 成果と課題」) for every third report once; and now
  and then the yearly workbench of project statuses in the admin.
- 50 citizens read random public pages (the sitemap and ``paths.lua``), pausing between
  pages.

Each kind of request gets its p50/p95 latency, its count and its errors (a 5xx, any 4xx, a
lost connection, or a save or decision that showed the form again instead of moving on).
The page cache's hit rate is counted by ``season_wsgi.py``, which marks each public page's
response with whether the cache answered it. Afterwards the database is checked: every
reporter's last saved answers are there, activities are neither lost nor duplicated, and
each submission, return and acceptance is recorded exactly once (``ReportSnapshot``,
``ReviewComment`` and the report's history).

    .venv/bin/python bench/season.py                 # SQLite, 60 s
    .venv/bin/python bench/season.py --postgres      # PostgreSQL on 127.0.0.1:5432
"""

import argparse
import collections
import contextlib
import datetime
import multiprocessing
import os
import random
import re
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from browser import Browser, forms_of
from server import environment, gunicorn, prepare

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
# The season of this run: a year no sample report exists for (the sample data has FY2024's
# and some of FY2025's), so every body starts its report here.
YEAR = 2026
PASSWORD = "season-benchmark-password"  # noqa: S105 - a throwaway database
KINDS = [
    ("public", "public page"),
    ("login", "login"),
    ("view", "reporter page view"),
    ("save", "reporter save"),
    ("submit", "submit"),
    ("review", "staff review"),
    ("workbench", "workbench"),
]
GOALS = {"public": 50, "save": 300}  # p95 in ms


# ---------------------------------------------------------------------------------------
# The users, each in its own thread; what they did goes to a Log.


class Log:
    """Every timed request, the errors, and what was saved or decided (for the check)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timings = collections.defaultdict(list)
        self.server = collections.defaultdict(list)  # the worker's own time, per kind
        self.errors = collections.Counter()
        self.examples = []
        self.cache = collections.Counter()
        self.events = []  # ("submit"|"return"|"accept", body_pk or report_pk)
        self.answers = {}  # body_pk → {section: posted fields}
        self.activities = collections.defaultdict(list)  # body_pk → titles saved

    def timed(self, kind, response, *, ok=True, what=""):
        with self.lock:
            self.timings[kind].append(response.ms)
            server = response.header("x-bench-server-ms")
            if server:
                self.server[kind].append(float(server))
            if response.status >= 400 or not ok:
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind} {what}: {response.status}")
            cached = response.header("x-bench-page-cache")
            if kind == "public" and cached:
                self.cache[cached] += 1

    def failed(self, kind, what, error):
        with self.lock:
            self.errors[kind] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{kind} {what}: {error!r}")

    def event(self, name, key):
        with self.lock:
            self.events.append((name, key))

    def export(self):
        return {
            "timings": dict(self.timings),
            "server": dict(self.server),
            "errors": dict(self.errors),
            "examples": self.examples,
            "cache": dict(self.cache),
            "events": self.events,
            "answers": self.answers,
            "activities": dict(self.activities),
        }


class User:
    def __init__(self, url, log, deadline, rng):
        host, port = url.removeprefix("http://").split(":")
        self.browser = Browser(host, int(port))
        self.log, self.deadline, self.rng = log, deadline, rng

    def running(self):
        return time.monotonic() < self.deadline

    def pause(self, longest):
        time.sleep(self.rng.uniform(0, longest))

    def get(self, kind, path, *, expect=200):
        response = self.browser.request("GET", path)
        self.log.timed(kind, response, ok=response.status == expect, what=f"GET {path}")
        return response

    def post(self, kind, path, data, *, multipart=False):
        """A form posted; it worked if the server moved on (a redirect), not if it showed
        the form again (with its error summary)."""
        response = self.browser.request("POST", path, data, multipart=multipart)
        self.log.timed(kind, response, ok=response.status == 302, what=f"POST {path}")
        return response

    def login(self, username):
        page = self.get("login", "/portal/login/")
        form = forms_of(page.text)[-1]
        data = form.data({"username": username, "password": PASSWORD})
        return self.post("login", "/portal/login/", data).status == 302


class Citizen(User):
    def __init__(self, *args, paths, pause, **kwargs):
        super().__init__(*args, **kwargs)
        self.paths, self.longest = paths, pause

    def run(self):
        while self.running():
            path = self.rng.choice(self.rng.choice(self.paths))
            try:
                self.get("public", path)
            except OSError as error:
                self.log.failed("public", path, error)
            self.pause(self.longest)


def section_answers(form, rng, body_pk, section, revision):
    """What a reporter types and chooses on a section's page: every empty answer filled."""
    changes = {}
    for name, kind in form.kinds.items():
        current = form.value(name, None)
        if kind == "radio" and current is None:
            changes[name] = rng.choice([v for v in form.choices[name] if v])
        elif kind == "number" and not current:
            changes[name] = str(rng.randint(1_000, 20_000))
    text = f"負荷試験 {body_pk} {section} 第{revision}版"
    for name in ("report-results_and_issues", "report-overall_comment", "report-opinions"):
        if name in form.kinds:
            changes[name] = text
    return changes


class Reporter(User):
    PAGES = ["assessment", "activities", "centers", "support", "results", "consent"]
    STATUS = re.compile(r'class="report-status report-status-([^"]+)"')

    def __init__(self, *args, username, body_pk, pause, arrival, **kwargs):
        super().__init__(*args, **kwargs)
        self.username, self.body_pk, self.longest = username, body_pk, pause
        self.arrival = arrival  # seconds after the start
        self.base = f"/portal/reports/{YEAR}"
        self.revision = 1

    def run(self):
        try:
            self._season()
        except (OSError, IndexError, ValueError, StopIteration) as error:
            self.log.failed("view", self.username, error)

    def _season(self):
        time.sleep(self.arrival)
        if not self.login(self.username):
            return
        self.get("view", "/portal/")
        self.get("view", f"{self.base}/")
        path = f"{self.base}/{self.PAGES[0]}/"
        while path.startswith(f"{self.base}/") and path.rstrip("/").split("/")[-1] in self.PAGES:
            if not self.running():
                return
            section = path.rstrip("/").split("/")[-1]
            if section == "activities":
                self._activities()
            path = self._save_section(section, then="next")
            if path is None:
                return
            self.pause(self.longest)
        while self.running():
            if not self._submit():
                return
            state = self._wait_for_decision()
            if state != "returned":
                return
            self.revision += 1
            self.pause(self.longest)
            self._save_section("results", then="list")

    def _save_section(self, section, *, then):
        page = self.get("view", f"{self.base}/{section}/")
        form = next(f for f in forms_of(page.text) if f.id == "section-form")
        changes = section_answers(form, self.rng, self.body_pk, section, self.revision)
        data = form.data(changes, button=("then", then))
        self.pause(self.longest)
        response = self.post("save", f"{self.base}/{section}/", data)
        if response.status != 302:
            return None
        with self.log.lock:
            self.log.answers.setdefault(self.body_pk, {})[section] = data
        return response.location

    def _activities(self):
        for number in (1, 2):
            if not self.running():
                return
            page = self.get("view", f"{self.base}/activities/add/")
            form = next(f for f in forms_of(page.text) if f.id == "section-form")
            title = f"負荷試験の活動 {self.body_pk}-{number}"
            roles = [value for value in form.choices.get("role", []) if value]
            data = form.data(
                {
                    "held_on": f"{YEAR}-{6 + number:02d}-15",
                    "title": title,
                    "role": self.rng.choice(roles),
                    "participants": str(self.rng.randint(5, 200)),
                    "description": "地域の清掃と交流会",
                },
                button=("then", "list"),
            )
            self.pause(self.longest)
            response = self.post("save", f"{self.base}/activities/add/", data, multipart=True)
            if response.status == 302:
                with self.log.lock:
                    self.log.activities[self.body_pk].append(title)
                self.get("view", response.location)

    def _submit(self):
        page = self.get("view", f"{self.base}/check/")
        form = next((f for f in forms_of(page.text) if f.value("csrfmiddlewaretoken")), None)
        if form is None or page.status != 200:
            return False
        self.pause(self.longest)
        response = self.post("submit", f"{self.base}/check/", form.data())
        if response.status != 302 or not response.location.endswith("/submitted/"):
            return False
        self.log.event("submit", self.body_pk)
        self.get("view", response.location)
        return True

    def _wait_for_decision(self):
        while self.running():
            time.sleep(self.rng.uniform(1, 3))
            page = self.get("view", f"{self.base}/")
            status = self.STATUS.search(page.text)
            if status and status.group(1) == "差戻し":
                return "returned"
            if status and status.group(1) == "受理":
                return "accepted"
        return None


class Editor(User):
    REVIEW_LINK = re.compile(r'href="/portal/review/(\d+)/">([^<]+)</a>')

    def __init__(self, *args, username, index, editors, ignore, pause, **kwargs):
        super().__init__(*args, **kwargs)
        self.username, self.index, self.editors = username, index, editors
        self.ignore, self.longest = ignore, pause
        self.returned = set()

    def run(self):
        try:
            self._season()
        except (OSError, StopIteration) as error:
            self.log.failed("review", self.username, error)

    def _season(self):
        if not self.login(self.username):
            return
        rounds = 0
        while self.running():
            if rounds % 3 == 0:
                self.get("workbench", f"/admin/plans/projectyearstatus/year/{YEAR}/")
            rounds += 1
            board = self.get("review", "/portal/board/")
            submitted = [
                int(pk)
                for pk, label in self.REVIEW_LINK.findall(board.text)
                if label.strip() == "提出済" and int(pk) not in self.ignore
            ]
            for pk in submitted:
                if pk % self.editors != self.index or not self.running():
                    continue
                self.pause(self.longest)
                self._review(pk)
            self.pause(self.longest * 2)

    def _review(self, pk):
        page = self.get("review", f"/portal/review/{pk}/")
        form = next(f for f in forms_of(page.text) if ("action", "accept") in f.buttons)
        if pk % 3 == 0 and pk not in self.returned:
            data = form.data(
                {"results": "成果の数値を、資料と照らして確認してください。"},
                button=("action", "return"),
            )
            decision = "return"
        else:
            data = form.data(button=("action", "accept"))
            decision = "accept"
        self.pause(self.longest)
        response = self.post("review", f"/portal/review/{pk}/", data)
        if response.status == 302:
            if decision == "return":
                self.returned.add(pk)
            self.log.event(decision, pk)
            self.get("review", response.location)


def crowd(users, queue):
    """Run ``users`` in threads of this process; send what they did to ``queue``."""
    threads = [threading.Thread(target=user.run) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for user in users:
        user.browser.close()
    queue.put(users[0].log.export())


def play(url, *, seconds, citizens, reporters, editors, ignore, paths, pause, citizen_pause):
    """The season: citizens in one process, reporters and editors in another."""
    deadline = time.monotonic() + seconds
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    rng = random.Random(15)  # noqa: S311 - who pauses how long, not a secret

    def people(make):
        log = Log()
        return [make(log, random.Random(rng.random()), n) for n in range(make.count)]  # noqa: S311

    def citizen(log, r, n):
        return Citizen(url, log, deadline, r, paths=paths, pause=citizen_pause)

    def staff_and_bodies(log, r, n):
        if n < len(reporters):
            username, body_pk = reporters[n]
            return Reporter(
                url, log, deadline, r, username=username, body_pk=body_pk, pause=pause,
                arrival=r.uniform(0, seconds / 2),
            )  # fmt: skip
        index = n - len(reporters)
        return Editor(
            url, log, deadline, r, username=editors[index], index=index,
            editors=len(editors), ignore=ignore, pause=pause,
        )  # fmt: skip

    citizen.count = citizens
    staff_and_bodies.count = len(reporters) + len(editors)
    processes = [
        context.Process(target=crowd, args=(people(make), queue))
        for make in (citizen, staff_and_bodies)
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    merged = {
        "timings": collections.defaultdict(list),
        "server": collections.defaultdict(list),
        "errors": collections.Counter(),
        "cache": collections.Counter(),
        "examples": [],
        "events": [],
        "answers": {},
        "activities": {},
    }
    for result in results:
        for kind, values in result["timings"].items():
            merged["timings"][kind] += values
        for kind, values in result["server"].items():
            merged["server"][kind] += values
        merged["errors"].update(result["errors"])
        merged["cache"].update(result["cache"])
        merged["examples"] += result["examples"]
        merged["events"] += result["events"]
        merged["answers"].update(result["answers"])
        merged["activities"].update(result["activities"])
    return merged


# ---------------------------------------------------------------------------------------
# The server, the database, and what is checked afterwards.


@contextlib.contextmanager
def database(postgres: bool):
    """A database of its own for this run: a temporary SQLite file, or a PostgreSQL
    database created on 127.0.0.1:5432 and dropped afterwards."""
    if not postgres:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'season.sqlite3'}"
        return
    import psycopg

    name = f"bench_season_{os.getpid()}"
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_season(reporters: int, editors: int):
    """The users of the season, its reporting period, and the public pages citizens read."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from core.staff_groups import EDITOR_GROUP
    from councils.models import AnnualReport, BodyReporter, CollaborationBody, ReportingPeriod

    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: every user has the same
    today = timezone.localdate()
    ReportingPeriod.objects.update_or_create(
        fiscal_year=YEAR,
        defaults={"opens_on": today, "due_on": today + datetime.timedelta(days=30)},
    )
    group = Group.objects.get(name=EDITOR_GROUP)
    staff = []
    for n in range(editors):
        user = User.objects.create(username=f"season-editor-{n}", password=password, is_staff=True)
        user.groups.add(group)
        staff.append(user.username)
    bodies = []
    for body in CollaborationBody.objects.order_by("pk")[:reporters]:
        user = User.objects.create(username=f"season-reporter-{body.pk}", password=password)
        BodyReporter.objects.create(user=user, body=body)
        bodies.append((user.username, body.pk))
    ignore = set(AnnualReport.objects.values_list("pk", flat=True))
    return bodies, staff, ignore


def public_paths(url) -> tuple[list[str], list[str]]:
    """The most read pages (the list in ``paths.lua``, less ``/healthz``) and every page of
    the sitemap; a citizen picks from either half the time."""
    popular = re.findall(r'"(/[^"]*)"', (HERE / "paths.lua").read_text())
    sitemap = urllib.request.urlopen(url + "/sitemap.xml").read().decode()  # noqa: S310
    every = {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)", sitemap)}
    return [p for p in popular if p != "/healthz"], sorted(every | set(popular) - {"/healthz"})


def check_database(result, bodies) -> list[tuple[str, int, int]]:
    """(what, expected, found) for everything the season saved or decided."""
    from councils.models import Activity, AnnualReport, ReportSnapshot, ReviewComment

    events = collections.Counter(result["events"])
    submits = {pk: events[("submit", pk)] for _user, pk in bodies}
    body_ids = [pk for _user, pk in bodies]
    reports = {
        r.body_id: r for r in AnnualReport.objects.filter(fiscal_year=YEAR, body__in=body_ids)
    }
    by_report = {r.pk: body for body, r in reports.items()}
    decided = collections.Counter()
    for (name, pk), count in events.items():
        if name in ("return", "accept"):
            decided[(name, by_report.get(pk))] += count
    History = AnnualReport.history.model
    reasons = collections.Counter(
        History.objects.filter(fiscal_year=YEAR).values_list("history_change_reason", "body_id")
    )
    snapshots = collections.Counter(
        ReportSnapshot.objects.filter(report__fiscal_year=YEAR).values_list("kind", "report__body")
    )
    comments = collections.Counter(
        ReviewComment.objects.filter(report__fiscal_year=YEAR).values_list(
            "report__body", flat=True
        )
    )
    saved = result["answers"]
    rows = []

    def count(what, expected, found):
        rows.append((what, expected, found))

    count("reports (one per body that saved)", len(saved), len(reports))
    titles = collections.Counter(
        Activity.objects.filter(report__fiscal_year=YEAR).values_list("report__body", "title")
    )
    expected_titles = collections.Counter(
        (body, title) for body, names in result["activities"].items() for title in names
    )
    count("activities saved", sum(expected_titles.values()), sum(titles.values()))
    count(
        "activities lost or duplicated",
        0,
        sum(((titles - expected_titles) + (expected_titles - titles)).values()),
    )
    wrong = 0
    for body, sections in saved.items():
        report = reports.get(body)
        if report is None:
            wrong += 1
            continue
        stored = answers_of(report)
        wrong += sum(stored.get(field) != value for field, value in posted(sections).items())
    count("answers that differ from the last save", 0, wrong)
    for name, kind, expected in [
        ("submissions in history", "submit", submits),
        ("returns in history", "return", {b: decided[("return", b)] for b in body_ids}),
        ("acceptances in history", "accept", {b: decided[("accept", b)] for b in body_ids}),
    ]:
        found = {b: reasons[(kind, b)] for b in body_ids}
        count(name, sum(expected.values()), sum(found.values()))
        count(
            f"  bodies where {kind} count differs",
            0,
            sum(expected[b] != found[b] for b in body_ids),
        )
    snap_submit = {b: snapshots[(ReportSnapshot.Kind.SUBMITTED, b)] for b in body_ids}
    snap_return = {b: snapshots[(ReportSnapshot.Kind.RETURNED, b)] for b in body_ids}
    count("snapshots at submission", sum(submits.values()), sum(snap_submit.values()))
    count("  bodies where they differ", 0, sum(submits[b] != snap_submit[b] for b in body_ids))
    returns = {b: decided[("return", b)] for b in body_ids}
    count("snapshots at return", sum(returns.values()), sum(snap_return.values()))
    count("review comments", sum(returns.values()), sum(comments[b] for b in body_ids))
    final = collections.Counter(r.status for r in reports.values())
    accepted = sum(decided[("accept", b)] for b in body_ids)
    count("reports 受理 now", accepted, final.get(AnnualReport.Status.ACCEPTED, 0))
    return rows


def answers_of(report) -> dict[str, str]:
    """The report's answers in the names its pages post them under, keyed by each row's
    ``row_key`` (its role, centre or measure) rather than its place on the page."""
    answers = {
        "report-overall_level": report.overall_level,
        "report-results_and_issues": report.results_and_issues,
        "report-overall_comment": report.overall_comment,
        "report-opinions": report.opinions,
    }
    for row in report.role_assessments.all():
        answers[f"roles:{row.role_id}:level"] = row.level
    for row in report.center_reports.all():
        answers[f"centers:{row.center_id}:visits"] = str(row.visits)
    for row in report.support_ratings.all():
        answers[f"ratings:{row.measure_id}:score"] = str(row.score)
    return answers


def posted(sections) -> dict[str, str]:
    """The last saved value of each answer, keyed as ``answers_of()`` keys them."""
    values = {}
    for data in sections.values():
        fields = dict(data)
        for name, value in fields.items():
            match = re.fullmatch(r"(roles|centers|ratings)-(\d+)-(level|visits|score)", name)
            if match:
                prefix, index, field = match.groups()
                key = fields.get(f"{prefix}-{index}-row_key")
                values[f"{prefix}:{key}:{field}"] = value
            elif name.startswith("report-") and name.removeprefix("report-") in (
                "overall_level", "results_and_issues", "overall_comment", "opinions",
            ):  # fmt: skip
                values[name] = value.replace("\r\n", "\n")
    return values


def redis_answers(url) -> bool:
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def percentile(values, share):
    values = sorted(values)
    return values[max(0, int(len(values) * share + 0.5) - 1)] if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL on 127.0.0.1:5432")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--reporters", type=int, default=33)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument(
        "--pause", type=float, default=1.0, help="reporters' and editors' longest pause (s)"
    )
    parser.add_argument(
        "--citizen-pause", type=float, default=2.0, help="citizens' longest pause (s)"
    )
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/0",
        help="the page cache the workers share, as the README deploys several app servers",
    )
    parser.add_argument(
        "--no-redis", action="store_true", help="each worker caches pages in its own memory"
    )
    args = parser.parse_args()
    args.cache = "" if args.no_redis else args.redis
    if args.cache and not redis_answers(args.cache):
        raise SystemExit(f"Redis does not answer at {args.cache}; start it, or pass --no-redis")
    with database(args.postgres) as database_url:
        prepare(database_url)
        env = environment(
            database_url,
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            REDIS_URL=args.cache,
        )
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ichinoseki_kyodo.settings")
        import django

        django.setup()
        from django.db import connection, connections

        bodies, staff, ignore = setup_season(args.reporters, args.editors)
        vendor = connection.vendor
        connections.close_all()  # the users run in forked processes
        with gunicorn(
            env, workers=args.workers, threads=args.threads, app="bench.season_wsgi:application"
        ) as url:
            paths = public_paths(url)
            result = play(
                url, seconds=args.seconds, citizens=args.citizens, reporters=bodies,
                editors=staff, ignore=ignore, paths=paths, pause=args.pause,
                citizen_pause=args.citizen_pause,
            )  # fmt: skip
        rows = check_database(result, bodies)
        connections.close_all()
    report(args, vendor, result, rows, len(paths[1]))


def report(args, vendor, result, rows, pages):
    timings, errors = result["timings"], result["errors"]
    print(
        f"The season on {vendor}, gunicorn {args.workers} workers"
        f"{f' × {args.threads} threads' if args.threads > 1 else ''}, {args.seconds} s: "
        f"{len(result['answers'])} of {args.reporters} reporters saving, {args.editors} editors, "
        f"{args.citizens} citizens on {pages} public pages; pauses up to {args.pause} s "
        f"(citizens {args.citizen_pause} s), reporters arriving in the first half; pages "
        + (f"cached in Redis ({args.cache}), shared" if args.cache else "cached in each worker")
    )
    print("(p50/p95: as the user waited; server: the worker's own time, without the wait)")
    print(
        f"{'request':<22}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'server p50':>12}"
        f"{'server p95':>12}{'errors':>8}  goal"
    )
    for kind, label in KINDS:
        values, server = timings.get(kind, []), result["server"].get(kind, [])
        p95 = percentile(values, 0.95)
        goal = GOALS.get(kind)
        verdict = "" if goal is None else f"p95 ≤ {goal} ms: {'met' if p95 <= goal else 'MISSED'}"
        print(
            f"{label:<22}{len(values):>8}{percentile(values, 0.5):>9.1f}{p95:>9.1f}"
            f"{percentile(server, 0.5):>12.1f}{percentile(server, 0.95):>12.1f}"
            f"{errors.get(kind, 0):>8}  {verdict}"
        )
    hits, misses = result["cache"].get("hit", 0), result["cache"].get("miss", 0)
    if hits + misses:
        print(f"page cache: {hits / (hits + misses):.1%} of {hits + misses} public pages "
              f"served from the cache")  # fmt: skip
    events = collections.Counter(name for name, _key in result["events"])
    print(f"workflow: {events['submit']} submissions, {events['return']} returns, "
          f"{events['accept']} acceptances")  # fmt: skip
    for example in result["examples"]:
        print(f"  error: {example}")
    print("afterwards, in the database:")
    problems = 0
    for what, expected, found in rows:
        problems += expected != found
        print(f"  {what:<42} expected {expected:>5}  found {found:>5}"
              f"{'' if expected == found else '  PROBLEM'}")  # fmt: skip
    total_errors = sum(errors.values())
    ok = total_errors == 0 and problems == 0
    print("result: " + ("0 errors, nothing lost or duplicated" if ok else
                        f"{total_errors} errors, {problems} problems in the database"))  # fmt: skip
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
