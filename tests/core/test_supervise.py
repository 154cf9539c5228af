"""scripts/supervise, which `make run` starts the Celery worker and beat with."""

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

SUPERVISE = Path(__file__).resolve().parents[2] / "scripts" / "supervise"


def wait_for(condition, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@contextlib.contextmanager
def supervised(name: str, shell_command: str, stop=signal.SIGTERM):
    """Yields the supervisor and a list that holds its stderr once it was stopped."""
    supervisor = subprocess.Popen(
        [str(SUPERVISE), name, "sh", "-c", shell_command], stderr=subprocess.PIPE, text=True
    )
    err: list[str] = []
    try:
        yield supervisor, err
    finally:
        supervisor.send_signal(stop)
        err.append(supervisor.communicate(timeout=10)[1])


def test_a_process_that_exits_is_started_again_and_the_reason_is_logged(tmp_path):
    runs = tmp_path / "runs"
    with supervised("worker", f"echo run >> {runs}; exit 3") as (_supervisor, err):
        wait_for(lambda: runs.exists() and len(runs.read_text().split()) >= 2)
    assert "supervise: worker exited with status 3; starting it again in 1 s" in err[0]


def test_a_killed_process_is_named_with_its_signal_and_ctrl_c_stops_the_process_too(tmp_path):
    pid_file = tmp_path / "pid"
    command = f"echo $$ > {pid_file}.new; mv {pid_file}.new {pid_file}; exec sleep 60"
    with supervised("beat", command, stop=signal.SIGINT) as (supervisor, err):
        wait_for(pid_file.exists)
        first = int(pid_file.read_text())
        subprocess.run(["kill", "-KILL", str(first)], check=True)
        wait_for(lambda: int(pid_file.read_text()) != first)
        second = int(pid_file.read_text())
    assert "supervise: beat was killed by signal KILL" in err[0]
    assert supervisor.returncode == 0
    assert subprocess.run(["kill", "-0", str(second)], capture_output=True).returncode != 0, "still running"


def test_a_signal_to_the_whole_group_reaches_the_process_only_through_the_supervisor(tmp_path):
    """`make run` stopped by a SIGTERM to its process group: the supervised process sits in a
    group of its own, so the signal reaches it once, from the supervisor, and a process with
    children of its own (the Celery worker's pool) stops them itself."""
    pid_file = tmp_path / "pid"
    # The child traps TERM, writes that it was told, then exits: told twice it would write twice.
    command = (
        f"trap 'echo told >> {tmp_path}/told; exit 0' TERM; echo $$ > {pid_file}.new; "
        f"mv {pid_file}.new {pid_file}; while true; do sleep 0.1; done"
    )
    supervisor = subprocess.Popen(
        [str(SUPERVISE), "worker", "sh", "-c", command],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(pid_file.exists)
        child = int(pid_file.read_text())
        assert os.getpgid(child) != os.getpgid(supervisor.pid)
        os.killpg(os.getpgid(supervisor.pid), signal.SIGTERM)
        supervisor.communicate(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(os.getpgid(supervisor.pid), signal.SIGKILL)
    assert supervisor.returncode == 0
    wait_for(lambda: subprocess.run(["kill", "-0", str(child)], capture_output=True).returncode != 0)
    assert (tmp_path / "told").read_text().split() == ["told"]
