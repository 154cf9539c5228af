"""The project's domain document stays true to the code it points at."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOMAIN = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")


def test_every_module_and_test_the_domain_document_names_exists():
    paths = set(re.findall(r"`((?:partnerships|core|checkpoints|brochures|config|tests)/[\w/.]+)`", DOMAIN))
    assert paths, "the document names no module"
    assert sorted(p for p in paths if not (ROOT / p.rstrip("/")).exists()) == []
    tests = set(re.findall(r"`(?:[\w/.]+::)?(test_\w+)`", DOMAIN))
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("test_*.py"))
    assert tests and sorted(t for t in tests if f"def {t}(" not in source) == []


def test_each_national_feedback_rule_cites_its_source_by_repository_and_path():
    for source in (
        "Opetushallitus/ehoks `src/oph/ehoks/palaute/tyoelama.clj`",
        "Opetushallitus/ehoks `src/oph/ehoks/hoks/osaamisen_hankkimistapa.clj`",
        "Opetushallitus/ehoks `src/oph/ehoks/palaute/tyoelama/nippu.clj`",
        "Opetushallitus/ehoks `src/oph/ehoks/palaute.clj`",
        "Opetushallitus/heratepalvelu `src/oph/heratepalvelu/tep/tepSmsHandler.clj`",
    ):
        assert source in DOMAIN
    assert "docs/domain.md" in (ROOT / "README.md").read_text(encoding="utf-8")
