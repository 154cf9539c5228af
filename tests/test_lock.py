"""requirements.lock is in step with pyproject.toml: every dependency, the dev extra's too and
what their extras bring, is pinned there with its hashes at a version pyproject allows; and
the Makefile installs from it, so a fresh clone gets the versions CI tested."""

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
# "name==version [; marker] \" and then one "--hash=sha256:..." line per file of that release.
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)[^\n]*\\\n"
    r"(?P<hashes>(?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
    re.MULTILINE,
)


def pins() -> dict[str, Version]:
    text = (ROOT / "requirements.lock").read_text()
    found = {canonicalize_name(m["name"]): Version(m["version"]) for m in PIN.finditer(text)}
    named = re.findall(r"^[A-Za-z0-9][A-Za-z0-9._-]*==", text, re.MULTILINE)
    assert len(found) == len(named), "every pin carries its hashes"
    return found


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_dependency_of_pyproject_is_pinned_at_a_version_it_allows():
    pinned = pins()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements.lock pins {name}=={pinned[name]}, which {requirement} does not allow: make lock"
        )


def test_what_the_extras_of_a_dependency_bring_is_pinned_too():
    pinned = pins()
    for requirement in requirements():
        for extra in requirement.extras:
            for needed in map(Requirement, importlib.metadata.requires(requirement.name) or []):
                if needed.marker and needed.marker.evaluate({"extra": extra}):
                    assert canonicalize_name(needed.name) in pinned, f"{requirement} needs {needed}"


def test_make_install_installs_the_lock_and_make_lock_writes_it():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements.lock" in makefile
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    assert "uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11" in makefile
