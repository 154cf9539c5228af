#!/usr/bin/env python3
"""A school day on one portal: five simulated users for a bounded time (issue 18).

Three teachers and two coordinators, each with a session of their own (logged in through the
real login form), loop with 1–4 s of think time (seeded): the home page, the employer list and
its search, employer pages, a logged contact, a brochure link sent to a contact person (an
e-mail through the outbox), the agreement lists, the review dashboard and the outbox page; a
coordinator imports a small CSV about every ten minutes, and /healthz is asked every 30 s.

It measures each kind of request (count, errors, p50/p95), every queued e-mail from queuing
until its status (the fragment the page itself polls) says sent, every import until a worker
picks it up and until it is done, and /healthz over time. At the end it prints a JSON summary
and a short table, and exits 1 when an e-mail was not sent within 2 minutes, an import did not
finish within 5 minutes, /healthz answered 503 for more than 3 minutes in a row, or more than
0.5 % of the requests failed.

Standard library only:  python scripts/school_day.py --minutes 60 [--base-url http://127.0.0.1:8000]
against `make run` (whose demo logins are teacher / demo and coordinator / demo).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from html.parser import HTMLParser

EMAIL_LIMIT = 120  # s from queuing until sent
IMPORT_LIMIT = 300  # s from confirming until done
HEALTHZ_503_LIMIT = 180  # s of 503 in a row
ERROR_RATE_LIMIT = 0.005
HEALTHZ_EVERY = 30
IMPORT_EVERY = 600
EXAMPLES = 5  # error examples kept per kind

# Markup that says something went wrong on a page that answered 200 (the portal's own markup).
ERROR_MARKERS = (
    ('alert alert-danger py-2">', "an error message"),  # includes/messages.html, level error
    ("is-invalid", "a form error"),
    ("Traceback (most recent call last)", "a traceback"),
    ("Server Error", "a server error page"),
)


# Forms ------------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """Every <form> of a page with the values a browser would send as they stand, and the
    choices of its selects, radios and checkboxes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.form = {"action": a.get("action", ""), "id": a.get("id", ""), "values": {}, "choices": {}}
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                self.form["choices"].setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self.form["values"].setdefault(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.form["values"][name] = a.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.form["choices"].setdefault(name, [])
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.form["choices"][self.select].append(value)
            if "selected" in a or self.select not in self.form["values"]:
                self.form["values"][self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            self.form["values"][name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form["values"][self.textarea] += data


def forms_of(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, action_part: str) -> dict | None:
    """The first form whose action holds `action_part`."""
    return next((f for f in forms_of(html) if action_part in f["action"]), None)


def form_having(html: str, field_prefix: str) -> dict | None:
    """The first form with a field whose name starts with `field_prefix`."""
    for form in forms_of(html):
        if any(name.startswith(field_prefix) for name in [*form["values"], *form["choices"]]):
            return form
    return None


def progress_of(html: str) -> str:
    """The import page's progress section alone (what its htmx poll replaces)."""
    match = re.search(r'<section id="import-progress".*?</section>', html, re.S)
    return match.group(0) if match else ""


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data, ctype) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# Recording --------------------------------------------------------------------------------


class Record:
    def __init__(self, started: float):
        self.started = started
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: dict[str, list[dict]] = defaultdict(list)
        self.emails: list[dict] = []
        self.imports: list[dict] = []
        self.healthz: list[dict] = []
        self.stall_banners = 0

    def request(self, kind: str, seconds: float, error: str | None = None, url: str = "") -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.examples[kind]) < EXAMPLES:
                    self.examples[kind].append({"at_s": round(self.elapsed()), "url": url, "error": error})

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def s(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# A user -----------------------------------------------------------------------------------


class Session:
    """One browser: its own cookies, following redirects as a browser does."""

    def __init__(self, base: str, record: Record, name: str):
        self.base = base.rstrip("/")
        self.record = record
        self.name = name
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def csrf(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def call(self, kind, path, data=None, content_type=None, htmx=False, check=True, timeout=60, banner=True):
        """(status, final url, text); the request is recorded under `kind`."""
        url = path if path.startswith("http") else self.base + path
        headers = {"User-Agent": f"school-day/{self.name}"}
        if data is not None:
            if isinstance(data, dict):
                data = urllib.parse.urlencode(data, doseq=True).encode()
                content_type = "application/x-www-form-urlencoded"
            headers["Content-Type"] = content_type
            headers["X-CSRFToken"] = self.csrf()
            headers["Referer"] = url
        if htmx:
            headers["HX-Request"] = "true"
        request = urllib.request.Request(url, data=data, headers=headers)
        start = time.monotonic()
        status, final, text, error = 0, url, "", None
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, final = response.status, response.url
                text = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
            error = f"HTTP {exc.code}"
        except Exception as exc:  # a refused connection, a timeout: recorded, not fatal
            error = f"{type(exc).__name__}: {exc}"
        seconds = time.monotonic() - start
        if error is None and check:
            for marker, what in ERROR_MARKERS:
                if marker in text:
                    at = text.index(marker)
                    snippet = re.sub(r"<[^>]+>|\s+", " ", text[at : at + 300]).strip()[:160]
                    error = f"{what}: {snippet}"
                    break
        self.record.request(kind, seconds, error, path)
        if banner and 'id="background-status" hx-get' in text:  # the page loads its banner after itself
            self.background()
        return status, final, text, error

    def background(self):
        _status, _final, text, _error = self.call(
            "background status", "/background/", htmx=True, check=False, banner=False
        )
        if "alert-warning" in text:
            with self.record.lock:
                self.record.stall_banners += 1

    def login(self, username: str, password: str) -> None:
        _status, _final, page, _error = self.call("login page", "/accounts/login/")
        form = form_having(page, "username") or {"values": {}}
        values = {**form["values"], "username": username, "password": password}
        _status, final, _text, error = self.call("login", "/accounts/login/", data=values)
        if error or "/accounts/login/" in final:
            raise RuntimeError(
                f"{self.name}: could not log in as {username} ({error or 'still on the login page'})"
            )


class User(threading.Thread):
    def __init__(self, day: SchoolDay, index: int, username: str, coordinator: bool):
        super().__init__(name=f"user-{index}-{username}", daemon=True)
        self.day = day
        self.username = username
        self.coordinator = coordinator
        self.random = random.Random(day.seed * 100 + index)
        self.session = Session(day.base, day.record, self.name)
        self.employers: set[int] = set()
        self.words: list[str] = ["oy", "ab", "tampere", "auto", "kone"]

    def run(self):
        try:
            self.session.login(self.username, self.day.password)
            self.home()
            actions = [
                (self.home, 2),
                (self.employer_list, 3),
                (self.employer_search, 2),
                (self.employer_page, 4),
                (self.log_contact, 2),
                (self.send_brochure, 1),
                (self.agreement_list, 2),
            ]
            if self.coordinator:
                actions += [(self.dashboard, 2), (self.outbox, 2)]
            functions, weights = zip(*actions, strict=True)
            while not self.day.over():
                if self.coordinator and self.day.import_due():
                    self.import_csv()
                else:
                    self.random.choices(functions, weights)[0]()
                self.day.sleep(self.random.uniform(1, 4))
        except Exception as exc:  # a user that stops is an error of the run, never silent
            self.day.record.request("user stopped", 0, f"{type(exc).__name__}: {exc}", self.name)

    # Pages

    def learn_employers(self, text: str) -> None:
        self.employers.update(int(pk) for pk in re.findall(r'href="/employers/(\d+)/"', text))
        for name in re.findall(r'href="/employers/\d+/"[^>]*>([^<]{3,60})<', text)[:20]:
            word = name.split()[0].lower()
            if len(word) > 2 and word not in self.words:
                self.words.append(word)

    def home(self):
        self.learn_employers(self.session.call("home", "/")[2])

    def employer_list(self):
        page = self.random.choice(["", "?page=2", "?page=3"])
        self.learn_employers(self.session.call("employer list", f"/employers/{page}")[2])

    def employer_search(self):
        query = urllib.parse.urlencode({"q": self.random.choice(self.words)})
        self.learn_employers(self.session.call("employer search", f"/employers/?{query}")[2])

    def pick_employer(self) -> int | None:
        if not self.employers:
            self.employer_list()
        return self.random.choice(sorted(self.employers)) if self.employers else None

    def employer_page(self, pk: int | None = None) -> str:
        pk = pk or self.pick_employer()
        return self.session.call("employer page", f"/employers/{pk}/")[2] if pk else ""

    def log_contact(self):
        pk = self.pick_employer()
        if not pk:
            return
        form = form_with(self.employer_page(pk), f"/employers/{pk}/contacts/")
        if form is None:
            self.day.record.request(
                "log contact", 0, "no contact form on the employer page", f"/employers/{pk}/"
            )
            return
        values = dict(form["values"])
        values["channel"] = self.random.choice([c for c in form["choices"].get("channel", []) if c] or [""])
        values["summary"] = (
            f"Puhelu: työpaikkaohjaus ja syksyn jaksot ({self.name}, {time.strftime('%H:%M:%S')})"
        )
        people = form["choices"].get("persons", [])
        if people:
            values["persons"] = [self.random.choice(people)]
        self.session.call("log contact", f"/employers/{pk}/contacts/", data=values, htmx=True)

    def send_brochure(self):
        pk = self.pick_employer()
        if not pk:
            return
        path = f"/brochures/share/{pk}/"
        form = form_having(self.session.call("brochure form", path)[2], "person")
        people = [p for p in (form or {}).get("choices", {}).get("person", []) if p]
        if not people:
            return  # nobody with an e-mail address here: a user would pick another employer
        values = dict(form["values"])
        values["person"] = self.random.choice(people)
        values["colour"] = self.random.choice(form["choices"].get("colour") or [values.get("colour", "")])
        values["note"] = "Tervetuloa mukaan!"
        queued = time.monotonic()
        _status, _final, text, error = self.session.call("send brochure", path, data=values)
        if error:
            return
        pks = [int(pk) for pk in re.findall(r'id="outbox-status-(\d+)"', text)]
        if not pks:
            self.day.record.request("send brochure", 0, "no e-mail status on the page after queuing", path)
        for message_pk in pks:
            self.day.track_email(self.session, message_pk, queued, text)

    def agreement_list(self):
        path = self.random.choice(["/agreements/", "/agreements/", "/partnership-agreements/"])
        self.session.call("agreement list", path)

    def dashboard(self):
        self.session.call("dashboard", "/review/")

    def outbox(self):
        query = self.random.choice(["", "?status=pending", "?status=sent", "?status=failed"])
        self.session.call("outbox page", f"/outbox/{query}")

    # The import of about every ten minutes

    def import_csv(self):
        n = self.day.next_import_number()
        tag = f"{self.day.run_id}-{n}"
        rows = ["Yrityksen nimi;Kunta;Katuosoite;Postinumero"]
        rows += [f"Koulupäivä {tag} Oy {i};Tampere;Hämeenkatu {i};33100" for i in range(1, 21)]
        data = ("\r\n".join(rows) + "\r\n").encode("utf-8")
        entry = {"number": n, "rows": 20, "at_s": round(self.day.record.elapsed())}
        self.day.record.imports.append(entry)
        page = self.session.call("import page", "/imports/")[2]
        if form_having(page, "kind") is None:
            entry["error"] = "no upload form on the import page"
            return
        fields = {"csrfmiddlewaretoken": self.session.csrf(), "kind": "employers"}
        body, ctype = multipart(fields, {"file": (f"koulupaiva-{tag}.csv", data, "text/csv")})
        _status, final, text, error = self.session.call(
            "import upload", "/imports/", data=body, content_type=ctype
        )
        match = re.search(r"/imports/(\d+)/", final)
        if error or not match:
            entry["error"] = error or f"the upload did not lead to the columns page ({final})"
            return
        job = match.group(1)
        entry["job"] = int(job)
        mapping = form_having(text, "col_")
        if "/columns/" in final and mapping:
            _status, final, text, error = self.session.call(
                "import columns", f"/imports/{job}/columns/", data=mapping["values"]
            )
            if error:
                entry["error"] = error
                return
        values = {"csrfmiddlewaretoken": self.session.csrf()}
        queued = time.monotonic()
        _status, _final, text, error = self.session.call("import confirm", f"/imports/{job}/", data=values)
        if error:
            entry["error"] = error
            return
        while True:
            text = progress_of(text)
            waited = time.monotonic() - queued
            if "text-bg-success" in text or "text-bg-danger" in text or waited > IMPORT_LIMIT:
                break
            if "picked_up_s" not in entry and ('role="progressbar"' in text):
                entry["picked_up_s"] = round(waited, 2)
            if "alert-warning" in text:
                entry["said_no_worker"] = True
            time.sleep(1)  # the page polls every second
            text = self.session.call("import progress", f"/imports/{job}/progress/", htmx=True)[2]
        text = progress_of(text)
        waited = time.monotonic() - queued
        if "text-bg-success" in text:
            entry.setdefault("picked_up_s", round(waited, 2))
            entry["done_s"] = round(waited, 2)
        elif "text-bg-danger" in text:
            entry["error"] = "the import failed"
        else:
            entry["error"] = f"not done after {IMPORT_LIMIT} s"


# The day ----------------------------------------------------------------------------------


class SchoolDay:
    def __init__(self, args):
        self.base = args.base_url
        self.seed = args.seed
        self.password = args.password
        self.json_path = args.json
        self.seconds = args.minutes * 60
        self.record = Record(time.monotonic())
        self.run_id = time.strftime("%H%M%S")
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.last_import: float | None = None
        self.imports_started = 0
        self.pending: list[dict] = []  # e-mails not yet sent or failed
        users = [("teacher", False)] * 3 + [("coordinator", True)] * 2
        self.users = [User(self, i, name, coordinator) for i, (name, coordinator) in enumerate(users, 1)]

    def over(self) -> bool:
        return self.record.elapsed() >= self.seconds

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, self.seconds - self.record.elapsed())))

    def import_due(self) -> bool:
        """The first import a minute into the day, then every ten minutes (one coordinator)."""
        with self.lock:
            now = self.record.elapsed()
            due = (self.last_import is None and now > 60) or (
                self.last_import is not None and now - self.last_import >= IMPORT_EVERY
            )
            if due and self.seconds - now > 30:
                self.last_import = now
                return True
            return False

    def next_import_number(self) -> int:
        with self.lock:
            self.imports_started += 1
            return self.imports_started

    # E-mails

    def track_email(self, session: Session, pk: int, queued: float, page: str) -> None:
        entry = {"pk": pk, "at_s": round(queued - self.record.started), "session": session, "queued": queued}
        self.settle(entry, self.status_in(page, pk), time.monotonic(), "the page after queuing")
        with self.lock:
            self.record.emails.append(entry)
            if "status" not in entry:
                self.pending.append(entry)

    @staticmethod
    def status_in(text: str, pk: int) -> str:
        at = text.find(f'id="outbox-status-{pk}"')
        fragment = text[at : at + 600] if at >= 0 else text
        if "text-bg-success" in fragment:
            return "sent"
        if "text-bg-danger" in fragment:
            return "failed"
        return ""

    @staticmethod
    def settle(entry: dict, status: str, now: float, seen_on: str) -> None:
        if status:
            entry["status"] = status
            entry["seconds"] = round(now - entry["queued"], 2)
            entry["seen_on"] = seen_on

    def poll_emails(self):
        """Each queued e-mail's status fragment every 3 s, as the page polls it."""
        while not self.stop.is_set():
            with self.lock:
                pending = list(self.pending)
            for entry in pending:
                path = f"/outbox/{entry['pk']}/status/"
                text = entry["session"].call("e-mail status", path, htmx=True, check=False)[2]
                now = time.monotonic()
                self.settle(entry, self.status_in(text, entry["pk"]), now, "its status poll")
                if "status" not in entry and now - entry["queued"] > EMAIL_LIMIT + 60:
                    entry["status"], entry["seconds"] = "not sent", round(now - entry["queued"], 2)
                if "status" in entry:
                    with self.lock:
                        self.pending.remove(entry)
            self.stop.wait(3)

    # /healthz

    def poll_healthz(self):
        session = Session(self.base, self.record, "healthz")
        while not self.stop.is_set():
            status, _final, text, _error = session.call("healthz", "/healthz", check=False, timeout=20)
            sample = {"at_s": round(self.record.elapsed()), "status": status}
            try:
                body = json.loads(text)
            except ValueError:
                body = {}
            heartbeat = body.get("heartbeat") or {}
            sample["heartbeat_age_s"] = heartbeat.get("age_seconds")
            failing = [k for k in ("database", "cache", "broker") if body.get(k) not in (None, "ok")]
            if failing:
                sample["failing"] = {k: body[k] for k in failing}
            self.record.healthz.append(sample)
            self.stop.wait(HEALTHZ_EVERY)

    # The run

    def run(self) -> int:
        print(
            f"school day: {len(self.users)} users on {self.base} for {self.seconds / 60:g} min",
            file=sys.stderr,
        )
        pollers = [
            threading.Thread(target=self.poll_emails, daemon=True, name="e-mails"),
            threading.Thread(target=self.poll_healthz, daemon=True, name="healthz"),
        ]
        for thread in pollers + self.users:
            thread.start()
        last_note = 0.0
        while any(user.is_alive() for user in self.users):
            time.sleep(1)
            if self.record.elapsed() - last_note >= 300:
                last_note = self.record.elapsed()
                print(f"  {last_note / 60:.0f} min: {self.progress()}", file=sys.stderr, flush=True)
        # The e-mails queued last get their two minutes too.
        deadline = time.monotonic() + EMAIL_LIMIT + 5
        while self.pending and time.monotonic() < deadline:
            time.sleep(1)
        self.stop.set()
        for thread in pollers:
            thread.join(timeout=30)
        for entry in self.pending:
            entry["status"], entry["seconds"] = "not sent", round(time.monotonic() - entry["queued"], 2)
        summary = self.summary()
        if self.json_path:
            with open(self.json_path, "w", encoding="utf-8") as file:
                json.dump({**summary, "every_email": self.emails()}, file, indent=2, ensure_ascii=False)
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        print(self.table(summary))
        return 1 if summary["failures"] else 0

    def progress(self) -> str:
        requests = sum(len(v) for v in self.record.latency.values())
        errors = sum(self.record.errors.values())
        sent = sum(1 for e in self.record.emails if e.get("status") == "sent")
        return f"{requests} requests, {errors} errors, {sent}/{len(self.record.emails)} e-mails sent"

    def emails(self) -> list[dict]:
        return [{k: v for k, v in e.items() if k not in ("session", "queued")} for e in self.record.emails]

    def summary(self) -> dict:
        record = self.record
        kinds = {}
        for kind, values in sorted(record.latency.items()):
            kinds[kind] = {
                "count": len(values),
                "errors": record.errors.get(kind, 0),
                "p50_ms": ms(statistics.median(values)),
                "p95_ms": ms(percentile(values, 95)),
                "max_ms": ms(max(values)),
            }
        requests = sum(len(v) for v in record.latency.values())
        errors = sum(record.errors.values())
        emails = self.emails()
        sent = [e["seconds"] for e in emails if e.get("status") == "sent"]
        late = [e for e in emails if e.get("status") != "sent" or e["seconds"] > EMAIL_LIMIT]
        imports = record.imports
        bad_imports = [i for i in imports if "done_s" not in i or i["done_s"] > IMPORT_LIMIT]
        streak, longest, start = 0.0, 0.0, None
        for sample in record.healthz:
            if sample["status"] == 503:
                start = sample["at_s"] if start is None else start
                streak = sample["at_s"] - start + HEALTHZ_EVERY
                longest = max(longest, streak)
            else:
                start = None
        ages = [h["heartbeat_age_s"] for h in record.healthz if h.get("heartbeat_age_s") is not None]
        rate = errors / requests if requests else 1.0
        failures = []
        if late:
            failures.append(f"{len(late)} e-mails not sent within {EMAIL_LIMIT} s")
        if bad_imports:
            failures.append(f"{len(bad_imports)} imports not done within {IMPORT_LIMIT} s")
        if longest > HEALTHZ_503_LIMIT:
            failures.append(f"/healthz answered 503 for {longest:.0f} s in a row")
        if rate > ERROR_RATE_LIMIT:
            failures.append(f"{rate:.2%} of the requests failed")
        return {
            "base_url": self.base,
            "minutes": self.seconds / 60,
            "seed": self.seed,
            "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - record.elapsed())),
            "requests": requests,
            "errors": errors,
            "error_rate": round(rate, 5),
            "kinds": kinds,
            "error_examples": {k: v for k, v in record.examples.items() if v},
            "stall_banners_seen": record.stall_banners,
            "emails": {
                "queued": len(emails),
                "sent": len(sent),
                "not_sent_in_time": len(late),
                "queued_to_sent_p50_s": s(statistics.median(sent)) if sent else None,
                "queued_to_sent_p95_s": s(percentile(sent, 95)),
                "queued_to_sent_max_s": s(max(sent)) if sent else None,
                "sent_already_on_the_page_after_queuing": sum(
                    1 for e in emails if e.get("seen_on") == "the page after queuing"
                ),
                "late": late[:10],
            },
            "imports": imports,
            "healthz": {
                "samples": len(record.healthz),
                "by_status": {
                    str(k): sum(1 for h in record.healthz if h["status"] == k)
                    for k in sorted({h["status"] for h in record.healthz})
                },
                "longest_503_s": longest,
                "heartbeat_age_p50_s": statistics.median(ages) if ages else None,
                "heartbeat_age_max_s": max(ages) if ages else None,
                "history": record.healthz,
            },
            "failures": failures,
        }

    @staticmethod
    def table(summary: dict) -> str:
        lines = ["", f"{'request':<20}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"]
        for kind, k in summary["kinds"].items():
            lines.append(
                f"{kind:<20}{k['count']:>7}{k['errors']:>8}{k['p50_ms']:>9}{k['p95_ms']:>9}{k['max_ms']:>9}"
            )
        e, h = summary["emails"], summary["healthz"]
        lines += [
            f"requests {summary['requests']}, errors {summary['errors']} ({summary['error_rate']:.3%})",
            f"e-mails: {e['sent']}/{e['queued']} sent; queued→sent p50 {e['queued_to_sent_p50_s']} s, "
            f"p95 {e['queued_to_sent_p95_s']} s, max {e['queued_to_sent_max_s']} s",
            "imports: "
            + (
                ", ".join(
                    f"#{i['number']} picked up {i.get('picked_up_s')} s, done {i.get('done_s')} s"
                    + (f" ({i['error']})" if "error" in i else "")
                    for i in summary["imports"]
                )
                or "none"
            ),
            f"/healthz: {h['by_status']}, longest 503 run {h['longest_503_s']:.0f} s, heartbeat age "
            f"p50 {h['heartbeat_age_p50_s']} s, max {h['heartbeat_age_max_s']} s",
            "result: " + ("; ".join(summary["failures"]) if summary["failures"] else "passed"),
        ]
        return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--json", help="also write the summary, with every e-mail, to this file")
    parser.add_argument("--password", default="demo", help="of the demo logins teacher and coordinator")
    return SchoolDay(parser.parse_args(argv)).run()


if __name__ == "__main__":
    sys.exit(main())
