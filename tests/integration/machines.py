"""Machines of a production deployment, on this one: each process is started with the
`ExecStart` line of its systemd unit in deploy/, as systemd would run it, with the
environment of deploy/kumppani.env.example overridden by the test's own services.

Only what systemd itself does is done here: the unit's paths become this checkout's, `${VAR}`
takes its value from the environment (one word), `%%` becomes `%`, and the process starts in
the unit's WorkingDirectory with the EnvironmentFile's variables and nothing else of ours.
"""

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV = Path(sys.executable).parent.parent
# Where the units expect the code and the virtualenv (README.md, "Production").
UNIT_PATHS = {"/srv/kumppani/venv": str(VENV), "/srv/kumppani/app": str(ROOT)}


def unit_settings(unit: str) -> dict[str, str]:
    """The [Service] section of deploy/<unit>.service as key -> value (the last one wins)."""
    values, section = {}, ""
    for raw in (DEPLOY / f"{unit}.service").read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service":
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as systemd's EnvironmentFile= reads them (comments and blanks skipped)."""
    values = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip('"')
    return values


def exec_start(unit: str, env: dict[str, str]) -> list[str]:
    """The unit's ExecStart as the argument list systemd would run."""
    line = unit_settings(unit)["ExecStart"]
    for unit_path, here in UNIT_PATHS.items():
        line = line.replace(unit_path, here)

    def word(text: str) -> str:
        text = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], text)
        return text.replace("%%", "%")

    return [word(part) for part in shlex.split(line)]


def working_directory(unit: str) -> str:
    directory = unit_settings(unit)["WorkingDirectory"]
    return UNIT_PATHS.get(directory, directory)


class Machine:
    """One machine: its own KUMPPANI_VAR_DIR (no folder in common with another) and the
    services it runs, each in a process group of its own."""

    def __init__(self, name: str, base: Path, env: dict[str, str]):
        self.name = name
        self.var_dir = base / name
        self.var_dir.mkdir(parents=True)
        # Like systemd: the environment file's variables and a PATH, none of the test's own.
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            **env,
            "KUMPPANI_VAR_DIR": str(self.var_dir),
        }
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, unit: str, **env: str) -> subprocess.Popen:
        environment = {**self.env, **env}
        log = open(self.var_dir / f"{unit}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            exec_start(unit, environment),
            cwd=working_directory(unit),
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[unit] = process
        return process

    def log(self, unit: str) -> str:
        path = self.var_dir / f"{unit}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self, unit: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(unit, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        """At the end of a test: at once, as a crash would (a worker's warm shutdown would
        wait for the brochures it is still rendering)."""
        for unit in list(self.processes):
            self.stop(unit, signal.SIGKILL)

    def logs(self) -> str:
        return "\n".join(
            f"--- {self.name}/{path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.var_dir.glob("*.log"))
        )
