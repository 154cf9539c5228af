"""Three machines on this one: two web servers and a worker (with the one beat), each with a
KUMPPANI_VAR_DIR of its own and no folder in common, sharing only PostgreSQL, Redis (the
cache), a broker (RabbitMQ and Redis, in turn) and an S3-compatible object store (moto's
server). Every process starts with its systemd unit's ExecStart line (tests/integration/
machines.py), so what README.md's "Production" section describes is what runs here.
"""

import io
import os
import re
import shutil
import subprocess
import time
import uuid

import boto3
import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection
from PIL import Image

from core.beat import LOCK_KEY
from core.models import Role
from imports.models import ImportJob
from partnerships.models import Employer

from ..brochures.pdfs import inflated
from ..factories import EmployerFactory, UserFactory
from .conftest import REDIS_TEST_DB, database_url, free_port, wait_for_port, wait_until
from .machines import DEPLOY, VENV, Machine, env_file

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PASSWORD = "kolme-konetta-2026"
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_TEST_DB}"


@pytest.fixture(scope="module")
def object_store(tmp_path_factory):
    """moto's S3-compatible server on a free port of the loopback, for this module."""
    port = free_port()
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(VENV / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def bucket(object_store):
    name = f"kumppani-{uuid.uuid4().hex[:12]}"
    s3_client(object_store).create_bucket(Bucket=name)
    return name


def rabbitmqctl(*args: str) -> None:
    command = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"  # root's tool, off some PATHs
    subprocess.run([command, "-q", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture
def broker(request):
    """The broker URL: a RabbitMQ vhost of this test's own, or this checkout's Redis database
    (shared with the cache: Celery's keys and Django's do not meet)."""
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_TEST_DB)
    client.flushdb()
    if request.param == "rabbitmq":
        vhost = f"kumppani-test-{REDIS_TEST_DB}-{os.getpid()}"
        rabbitmqctl("add_vhost", vhost)
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        yield f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
        rabbitmqctl("delete_vhost", vhost)
    else:
        yield REDIS_URL
    client.flushdb()


def deployment_env(*, broker: str, bucket: str, object_store: str, ports: list[int]) -> dict[str, str]:
    """deploy/kumppani.env.example with this machine's services filled in."""
    env = env_file(DEPLOY / "kumppani.env.example")
    env.update(
        {
            "SECRET_KEY": "three-machines-test-only-" + "k7Q!x9#Lm2$Zp4&Rt6*Wy8(Bn0)Cd3^Fh5",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": ",".join(f"http://127.0.0.1:{port}" for port in ports),
            "KUMPPANI_BASE_URL": f"http://127.0.0.1:{ports[0]}",
            # Plain HTTP on the loopback: no TLS proxy in front, as a real deployment has.
            "SECURE_PROXY_SSL_HEADER": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CACHE_URL": REDIS_URL,
            "KUMPPANI_S3_BUCKET": bucket,
            "KUMPPANI_S3_ENDPOINT_URL": object_store,
            "KUMPPANI_S3_REGION": "us-east-1",
            "KUMPPANI_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # collectstatic is a release step (it compresses every file: over a minute on two
            # cores), not a service: here the pages link the static files unhashed.
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "KUMPPANI_WEB_WORKERS": "1",
            "KUMPPANI_WORKER_CONCURRENCY": "2",
        }
    )
    return env


def coordinator_with_a_real_password():
    """The web processes use the production password hashers, not the tests' fast one."""
    user = UserFactory(username="coordinator", first_name="Kaisa", last_name="Koordinaattori")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.COORDINATOR))
    return user


class Browser:
    """One person's browser: its cookies go to whichever web machine answers (as behind a
    load balancer, cookies do not tell ports apart)."""

    def __init__(self):
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = "en"

    def csrf(self) -> str:
        return next(c.value for c in self.session.cookies if c.name == "csrftoken")

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, timeout=60)

    def post(self, url: str, data: dict, files=None) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.csrf()}
        return self.session.post(url, data=data, files=files, allow_redirects=False, timeout=60)

    def login(self, base: str) -> None:
        assert self.get(f"{base}/accounts/login/").status_code == 200
        response = self.post(f"{base}/accounts/login/", {"username": "coordinator", "password": PASSWORD})
        assert response.status_code == 302, response.text[:2000]


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def png_logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 120), (20, 90, 160)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "broker", [pytest.param("rabbitmq", marks=pytest.mark.rabbitmq), "redis"], indirect=True
)
def test_two_web_machines_and_a_worker_share_only_the_database_cache_broker_and_object_store(
    broker, bucket, object_store, tmp_path
):
    coordinator_with_a_real_password()
    employer = EmployerFactory(name="Kolmen koneen Konepaja Oy")
    port_a, port_b = free_port(), free_port()
    a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    env = deployment_env(broker=broker, bucket=bucket, object_store=object_store, ports=[port_a, port_b])
    web_a, web_b, worker = (Machine(name, tmp_path, env) for name in ("web-a", "web-b", "worker"))
    machines = (web_a, web_b, worker)
    s3 = s3_client(object_store)
    try:
        web_a.start("kumppani-web", KUMPPANI_BIND=f"127.0.0.1:{port_a}")
        web_b.start("kumppani-web", KUMPPANI_BIND=f"127.0.0.1:{port_b}")
        worker.start("kumppani-worker")
        worker.start("kumppani-beat")
        for base in (a, b):
            wait_until(lambda base=base: answers(f"{base}/accounts/login/"), 60, f"{base} to answer")
        wait_until(lambda: " ready." in worker.log("kumppani-worker"), 60, "the worker to be ready")
        browser = Browser()
        browser.login(a)

        # An import uploaded on A: its rows are in the database, so B maps them ...
        rows = "Nimi;Kunta\n" + "".join(f"Kolmen koneen yritys {i};Tampere\n" for i in range(1, 41))
        upload = {"file": ("yritykset.csv", rows.encode(), "text/csv")}
        response = browser.post(f"{a}/imports/", {"kind": "employers"}, files=upload)
        assert response.status_code == 302, response.text[:2000]
        pk = int(re.search(r"/imports/(\d+)/", response.headers["Location"]).group(1))
        assert "Kolmen koneen yritys 1" in browser.get(f"{b}/imports/{pk}/columns/").text
        response = browser.post(f"{b}/imports/{pk}/columns/", {"col_0": "name", "col_1": "municipality"})
        assert response.status_code == 302
        assert "Import 40 rows" in browser.get(f"{a}/imports/{pk}/").text
        assert browser.post(f"{a}/imports/{pk}/", {}).status_code == 302  # ... and A confirms it

        # A new logo on A: it goes to the object store, and the worker renders every brochure.
        response = browser.post(
            f"{a}/settings/branding/",
            {"name": "Kolmen koneen opisto"},
            files={"logo_file": ("logo.png", png_logo(), "image/png")},
        )
        assert response.status_code == 302, response.text[:2000]

        # A contact logged on A is on B's page at once.
        response = browser.post(
            f"{a}/employers/{employer.pk}/contacts/",
            {"date": time.strftime("%Y-%m-%d"), "channel": "visit", "summary": "Kävimme konepajalla."},
        )
        assert response.status_code == 302
        assert "Kävimme konepajalla." in browser.get(f"{b}/employers/{employer.pk}/").text

        def stored(prefix: str) -> dict[str, int]:
            listing = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
            return {item["Key"]: item["Size"] for item in listing.get("Contents", [])}

        # The worker ran the import; B shows its result (and the rows are gone).
        wait_until(
            lambda: "40 new, 0 updated, 0 unchanged" in browser.get(f"{b}/imports/{pk}/progress/").text,
            60,
            "the import's result on B",
        )
        assert Employer.objects.filter(name__startswith="Kolmen koneen yritys").count() == 40
        assert not ImportJob.objects.get(pk=pk).has_rows()

        # The worker renders every brochure into the object store, the employer's first: once
        # its pointer to the last good render is stored, the PDF is there too ...
        def read(key: str) -> bytes:
            return s3.get_object(Bucket=bucket, Key=key)["Body"].read()

        pointer = "brochures/last-brochure-employer-fi-blue.txt"
        wait_until(lambda: pointer in stored("brochures/"), 120, "the worker's employer brochure")
        key = read(pointer).decode()
        # ... and downloads from both web machines: the worker's file, with the new logo in it.
        for base in (a, b):
            response = browser.get(f"{base}/brochures/employer/fi/blue/")
            assert response.status_code == 200 and response.content.startswith(b"%PDF")
            assert response.headers["ETag"] == f'"{key[:32]}"'
            assert response.content == read(f"brochures/{key}.pdf")
            assert b"/Image" in inflated(response.content)
            preview = browser.get(f"{base}/brochures/employer/fi/blue/preview.png")
            assert preview.status_code == 200 and preview.content == read(f"brochures/{key}.png")
        [logo] = stored("media/branding/")
        assert browser.get(f"{b}/branding/logo/").content == read(logo)

        # Nothing of it on any machine's own disk.
        for machine in machines:
            kept = [p.name for p in machine.var_dir.rglob("*") if p.suffix in (".pdf", ".png", ".json")]
            assert kept == [], f"{machine.name} keeps {kept}"
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n" + "\n".join(m.logs() for m in machines)) from None
    finally:
        for machine in machines:
            machine.stop_all()


@pytest.mark.parametrize("broker", ["redis"], indirect=True)
def test_a_second_beat_sends_nothing_and_takes_over_when_the_first_stops(broker, tmp_path):
    env = env_file(DEPLOY / "kumppani.env.example")
    env.update(
        {
            "SECRET_KEY": "two-beats-test-only-" + "k7Q!x9#Lm2$Zp4&Rt6*Wy8(Bn0)Cd3^Fh5",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CACHE_URL": REDIS_URL,
            "KUMPPANI_S3_BUCKET": "",
            "KUMPPANI_OUTBOX_DISPATCH_SECONDS": "1",  # a due task every second, to see who sends
        }
    )
    first, second = Machine("first", tmp_path, env), Machine("second", tmp_path, env)
    sent = "Sending due task outbox-dispatch"
    try:
        first.start("kumppani-beat")
        wait_until(lambda: sent in first.log("kumppani-beat"), 60, "the first beat to send")
        second.start("kumppani-beat")
        wait_until(lambda: "Another celery beat is running" in second.log("kumppani-beat"), 60, "the wait")
        time.sleep(3)
        assert sent not in second.log("kumppani-beat")
        first.stop("kumppani-beat")
        wait_until(lambda: sent in second.log("kumppani-beat"), 30, "the second beat to take over")
        # The database drops the lock's connection (a restart): the beat stops rather than go
        # on beside a beat that may now hold the lock.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
                [LOCK_KEY],
            )
        second.processes["kumppani-beat"].wait(timeout=30)
        assert "Lost the connection that holds the one-beat lock" in second.log("kumppani-beat")
    except AssertionError as failure:
        raise AssertionError(f"{failure}\n{first.logs()}\n{second.logs()}") from None
    finally:
        first.stop_all()
        second.stop_all()
