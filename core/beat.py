"""One beat in the whole deployment.

Two `celery beat` processes would each send every periodic task: the tasks are safe to run
twice (a status guard, a lock or a unique row each), but the work would be done twice and
every e-mail sweep would race its twin. So a beat holds a PostgreSQL advisory lock for its
whole life: a second beat started anywhere logs that it waits, sends nothing, and takes
over within seconds when the first one stops (its connection, and with it the lock, is
gone). A beat that loses that connection (the database restarted, the network failed) can no
longer know it is the only one: it stops, and its supervisor starts it again as a standby.
SQLite is one machine with `make run`'s embedded beat: nothing to guard there.
"""

import logging
import os
import signal
import threading
import time

from django.db import DEFAULT_DB_ALIAS, connection, connections

logger = logging.getLogger(__name__)
LOCK_KEY = 0x4B554D50  # "KUMP": the advisory lock key of the one beat
RETRY_SECONDS = 2.0
WATCH_SECONDS = 5.0
_held = []  # the connection that holds the lock, for the life of the process


def beat_lock_hold(**kwargs) -> None:
    """Connected to Celery's beat_init: returns once this beat is the only one."""
    if connection.vendor != "postgresql":
        return
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    waiting = False
    while True:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            if cursor.fetchone()[0]:
                break
        if not waiting:
            logger.warning(
                "Another celery beat is running in this deployment: this one sends nothing "
                "and waits to take over when that one stops."
            )
            waiting = True
        time.sleep(RETRY_SECONDS)  # interruptible: systemd's stop ends the wait
    _held.append(holder)
    logger.info("This is the deployment's one celery beat (advisory lock %s held).", LOCK_KEY)
    holder.inc_thread_sharing()  # from now on only the watch uses it
    threading.Thread(target=_watch, args=(holder,), name="beat-lock", daemon=True).start()


def _watch(holder) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        try:
            with holder.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:  # any failure: the lock may be gone with the connection
            logger.error("Lost the connection that holds the one-beat lock: stopping, to start as a standby.")
            os.kill(os.getpid(), signal.SIGTERM)
            return
