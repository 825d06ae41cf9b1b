"""Run the portal under gunicorn on loopback for the throughput and load benchmarks."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        **extra,
    )
    return env


def manage(env, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepare(database_url: str, *, scale: int = 1) -> dict:
    """A fresh database with the plan, reference and sample data; static files collected."""
    env = environment(database_url)
    for command in (
        ["migrate", "--no-input"],
        ["load_plan"],
        ["generate_sample", "--scale", str(scale)],
        ["collectstatic", "--no-input"],
    ):
        manage(env, *command)
    return env


@contextlib.contextmanager
def gunicorn(env, *, workers: int = 2, threads: int = 1, app: str = "ichinoseki_kyodo.wsgi"):
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start: " + process.stderr.read().decode()[-2000:])
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(url: str, *, seconds: int, connections: int, script: Path | None = None) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for this benchmark: apt-get install wrk")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    result = {"requests_per_second": 0.0, "non_2xx": 0, "socket_errors": 0, "requests": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["requests_per_second"] = float(line.split()[1])
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["non_2xx"] = int(line.split()[-1])
        elif line.startswith("Socket errors:"):
            result["socket_errors"] = sum(int(part.split()[-1]) for part in line[14:].split(","))
        elif "requests in" in line:
            result["requests"] = int(line.split()[0])
    return result
