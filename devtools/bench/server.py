"""The server under load: gunicorn on a free port with the benchmark's environment."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers, DEBUG off, on the benchmark database."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null",
             "--error-logfile", "-", "--log-level", "warning"],
            env=env,
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/bench/floor/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def server_env() -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        KUMPPANI_BENCH="true",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-not-secret"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        KUMPPANI_BASE_URL=env.get("KUMPPANI_BASE_URL", "http://127.0.0.1:8000"),
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
    )
    return env


# wrk stops with requests still in the server's queue: they finish first, so that the last
# POSTs of one figure do not change the data under the next figure's sample.
SETTLE_SECONDS = 1.5


def settle() -> None:
    time.sleep(SETTLE_SECONDS)
