"""Real components for the integration tests: an SMTP server (aiosmtpd) in its own process,
the machine's Redis as the broker, and real `celery worker` processes."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Its own Redis database; KUMPPANI_TEST_REDIS_DB lets two checkouts run these tests at once.
REDIS_TEST_DB = int(os.environ.get("KUMPPANI_TEST_REDIS_DB", "14"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answers on port {port}")


def wait_until(condition, timeout: float = 60, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    return f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class SmtpSink:
    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.log = tmp_path / "smtp.jsonl"
        self.refuse_flag = tmp_path / "smtp.refuse"
        self.stall_flag = tmp_path / "smtp.stall"
        self.hold_flag = tmp_path / "smtp.hold"
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("smtp_sink.py")),
                "--port",
                str(self.port),
                "--log",
                str(self.log),
                "--refuse",
                str(self.refuse_flag),
                "--stall",
                str(self.stall_flag),
                "--hold",
                str(self.hold_flag),
            ],
            cwd=ROOT,
        )
        wait_for_port(self.port)

    def deliveries(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def refuse(self, on: bool) -> None:
        self._flag(self.refuse_flag, on)

    def stall(self, on: bool) -> None:
        self._flag(self.stall_flag, on)

    def hold(self, on: bool) -> None:
        self._flag(self.hold_flag, on)

    @staticmethod
    def _flag(path: Path, on: bool) -> None:
        if on:
            path.touch()
        else:
            path.unlink(missing_ok=True)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def smtp_sink(tmp_path):
    sink = SmtpSink(tmp_path)
    yield sink
    sink.stop()


@pytest.fixture
def broker_url():
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_TEST_DB)
    client.flushdb()
    yield f"redis://127.0.0.1:6379/{REDIS_TEST_DB}"
    client.flushdb()


def service_env(tmp_path: Path, broker: str, smtp_port: int | None = None) -> dict:
    """The environment of a worker or web process in these tests: the test database, this
    broker, this SMTP server, and short leases and back-offs."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "KUMPPANI_VAR_DIR": str(tmp_path),
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "KUMPPANI_OUTBOX_LEASE_SECONDS": "4",
            "KUMPPANI_OUTBOX_BACKOFF_SECONDS": "1",
            "KUMPPANI_OUTBOX_DISPATCH_SECONDS": "1",
            "KUMPPANI_HEARTBEAT_SECONDS": "1",
            "DEFAULT_FROM_EMAIL": "kumppani@opisto.example",
        }
    )
    if smtp_port:
        env.update(
            {
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "EMAIL_TIMEOUT": "30",
            }
        )
    return env


@pytest.fixture
def start_worker(tmp_path):
    """Start real `celery worker` processes; all are SIGKILLed at the end of the test."""
    workers: list[subprocess.Popen] = []

    def start(
        name: str,
        broker: str,
        smtp_port: int | None = None,
        *,
        beat: bool = False,
        pool: str = "solo",
        concurrency: int = 1,
    ) -> subprocess.Popen:
        (tmp_path / "celery").mkdir(exist_ok=True)
        command = [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "-n",
            f"{name}@%h",
            "-l",
            "INFO",
        ]
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / f"beat-{name}")]
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        # Its own process group: an embedded beat is a child process that must die with it.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=service_env(tmp_path, broker, smtp_port),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = tmp_path / f"{name}.log"
        workers.append(process)
        return process

    yield start
    for process in workers:
        kill_worker(process)


def kill_worker(process: subprocess.Popen) -> None:
    """SIGKILL a worker and everything it started (its embedded beat), as a crash would."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.fixture
def rabbitmq_url():
    """A RabbitMQ virtual host of the test's own on the machine's server, so that another
    checkout's run (or a leftover queue) cannot take its messages; deleted afterwards."""
    vhost = f"kumppani-test-{uuid.uuid4().hex[:12]}"
    rabbitmqctl = ["rabbitmqctl", "-q"]
    subprocess.run([*rabbitmqctl, "add_vhost", vhost], check=True, timeout=60, capture_output=True)
    subprocess.run(
        [*rabbitmqctl, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
        check=True,
        timeout=60,
        capture_output=True,
    )
    yield f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
    subprocess.run([*rabbitmqctl, "delete_vhost", vhost], timeout=60, capture_output=True)


@pytest.fixture
def publisher(broker_url):
    """Sends tasks by name through the real broker, as beat or a web process would."""
    app = Celery("test-publisher", broker=broker_url)
    yield lambda name, *args: app.send_task(name, args=list(args))
    app.close()


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Every test here runs in a real transaction that ends with a flush."""


class OwnRedis:
    """A Redis server of the test's own, so that it can really be stopped and started."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.dir = tmp_path / "redis"
        self.dir.mkdir(exist_ok=True)
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()
