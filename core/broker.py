"""The embedded Celery broker of `make run`: a kombu transport on a SQLite file of its own.

Why not kombu's `filesystem://` transport (the earlier default): it writes each message as a
file that a consumer may read while it is still half-written, and the JSONDecodeError that
follows ends the worker ("Unrecoverable error"); it also lists the whole folder for every
message it takes, so it drains a few tasks a second. Why not kombu's SQLAlchemy transport:
it never deletes a message (the table only grows), it takes a message before the task ran
(lost if the worker dies), and an unreadable row stops the worker as the filesystem one does.

Here every publish and every take is one SQLite statement in WAL mode (readers never block
the writer, a busy writer is waited for), so a message is either wholly there or not at all,
whichever of the web process, the beat and the worker writes at the same moment. A worker
takes a message with a lease (`visibility_timeout`, as Redis does) and deletes it when the
task is acknowledged: a worker killed mid-task leaves it to be taken again when the lease
runs out. A row that cannot be read as a message is moved to the `broken_message` table and
logged, and the worker goes on with the next one.
"""

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from queue import Empty

from kombu.transport import virtual
from kombu.utils.json import dumps, loads

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    tag TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    taken_until REAL
);
CREATE INDEX IF NOT EXISTS message_queue ON message (queue, id);
CREATE TABLE IF NOT EXISTS broken_message (
    id INTEGER PRIMARY KEY,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    error TEXT NOT NULL,
    moved_at REAL NOT NULL
);
"""

# Whether there is anything to take: a read, which in WAL mode never waits for a writer, so
# that polling an empty queue does not compete with the publishers for the write lock.
READY = "SELECT 1 FROM message WHERE queue = :queue AND (taken_until IS NULL OR taken_until < :now) LIMIT 1"

# The oldest message of a queue that nobody holds, taken in the same statement.
TAKE = """
UPDATE message SET taken_until = :until
WHERE id = (
    SELECT id FROM message
    WHERE queue = :queue AND (taken_until IS NULL OR taken_until < :now)
    ORDER BY id LIMIT 1
)
RETURNING id, payload
"""

# A message published again with the same delivery tag (a rejected or unacknowledged one
# given back) replaces its row and is free to be taken at once.
PUT = """
INSERT INTO message (queue, tag, payload) VALUES (?, ?, ?)
ON CONFLICT (tag) DO UPDATE SET queue = excluded.queue, payload = excluded.payload, taken_until = NULL
"""


class BrokenMessage(ValueError):
    """A row that is not a kombu message: not JSON, truncated, or without its properties."""


def parse(payload: str, channel: "Channel") -> dict:
    try:
        message = loads(payload)
        properties = message["properties"]
        if "delivery_tag" not in properties:  # kombu acknowledges by it
            raise KeyError("delivery_tag")
        if message.get("body"):
            channel.decode_body(message["body"], properties.get("body_encoding"))
    except Exception as exc:
        raise BrokenMessage(f"{type(exc).__name__}: {exc}") from exc
    return message


class QoS(virtual.QoS):
    def ack(self, delivery_tag):
        super().ack(delivery_tag)
        self.channel._forget(delivery_tag)

    def reject(self, delivery_tag, requeue=False):
        # requeue: the base class publishes it again under the same tag, which frees the row.
        super().reject(delivery_tag, requeue=requeue)
        if not requeue:
            self.channel._forget(delivery_tag)


class Channel(virtual.Channel):
    QoS = QoS
    from_transport_options = (*virtual.Channel.from_transport_options, "path", "visibility_timeout")
    path = None
    visibility_timeout = 3600

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._db = None
        self._db_pid = None
        self._connection()  # a file that cannot be opened fails here, as a server that is down would

    def _connection(self) -> sqlite3.Connection:
        # A connection never crosses a fork: a pool child opens its own.
        if self._db is None or self._db_pid != os.getpid():
            if not self.path:
                raise ValueError("The embedded broker needs the transport option 'path' (config/settings.py)")
            path = Path(self.path)
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            # NORMAL is safe from corruption in WAL mode; a power cut may lose the last commits,
            # which the outbox's dispatch sweep hands out again.
            db.execute("PRAGMA synchronous = NORMAL")
            db.executescript(SCHEMA)
            self._db, self._db_pid = db, os.getpid()
        return self._db

    def _execute(self, sql: str, params=()) -> list[tuple]:
        with self._lock:
            return self._connection().execute(sql, params).fetchall()

    def _put(self, queue, message, **kwargs):
        tag = message["properties"]["delivery_tag"]
        self._execute(PUT, (queue, tag, dumps(message)))

    def _get(self, queue, timeout=None):
        while True:
            now = time.time()
            if not self._execute(READY, {"queue": queue, "now": now}):
                raise Empty()
            rows = self._execute(TAKE, {"queue": queue, "now": now, "until": now + self.visibility_timeout})
            if not rows:
                raise Empty()
            row_id, payload = rows[0]
            try:
                return parse(payload, self)
            except BrokenMessage as exc:
                self._set_aside(row_id, queue, payload, str(exc))

    def _set_aside(self, row_id: int, queue: str, payload: str, error: str) -> None:
        """Keep an unreadable row for a person to look at, out of the queue, and go on."""
        log.error(
            "Broker message %s in queue %r cannot be read (%s); moved to broken_message: %.200r",
            row_id,
            queue,
            error,
            payload,
        )
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT OR REPLACE INTO broken_message (id, queue, payload, error, moved_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (row_id, queue, payload, error, time.time()),
                )
                db.execute("DELETE FROM message WHERE id = ?", (row_id,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _forget(self, delivery_tag) -> None:
        self._execute("DELETE FROM message WHERE tag = ?", (delivery_tag,))

    def _size(self, queue):
        return self._execute("SELECT count(*) FROM message WHERE queue = ?", (queue,))[0][0]

    def _purge(self, queue):
        with self._lock:
            return self._connection().execute("DELETE FROM message WHERE queue = ?", (queue,)).rowcount

    def _delete(self, queue, *args, **kwargs):
        self._purge(queue)

    def _new_queue(self, queue, **kwargs):
        """Nothing to create: a queue is only the name on its rows."""

    def _has_queue(self, queue, **kwargs):
        return True

    def close(self):
        super().close()
        if self._db is not None and self._db_pid == os.getpid():
            self._db.close()
        self._db = None


class Transport(virtual.Transport):
    Channel = Channel
    # Between two polls that found nothing; kombu's default is a second.
    polling_interval = 0.05
    # Between two polls while a worker has as many messages as its prefetch allows: it takes
    # the next one as soon as a task is acknowledged. Kombu's virtual transports wait the
    # whole polling interval here, which bounds a busy queue to a few tasks a second.
    busy_interval = 0.002
    driver_type = "sqlite"
    driver_name = "sqlite3"

    def drain_events(self, connection, timeout=None):
        started = time.monotonic()
        while True:
            try:
                return self.cycle.get(self._deliver, timeout=timeout)
            except Empty:
                if timeout is not None and time.monotonic() - started >= timeout:
                    raise TimeoutError() from None
                full = any(channel._consumers and not channel.qos.can_consume() for channel in self.channels)
                time.sleep(self.busy_interval if full else self.polling_interval)

    @property
    def default_connection_params(self):
        return {"port": None, "hostname": None}  # a file, no host (kombu would warn of one)

    def driver_version(self):
        return sqlite3.sqlite_version
