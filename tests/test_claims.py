"""The claims C1…C17 (``sim.claims``): complete in Dutch and English, every claim carried by a
mechanism and every mechanism citing a claim; and the repository cites nothing outside itself.

The mechanisms are the modules of ``sim/mechanisms/`` (except its ``HELPERS``), which cite claims
in their docstring, and the switches of
``sim.scenario.Mechanisms``, which cite them in their description.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from sim.claims import CLAIM_ID, CLAIMS, Claim, cited
from sim.mechanisms import HELPERS
from sim.scenario import Mechanisms

ROOT = Path(__file__).resolve().parents[1]
IDS = [f"C{i}" for i in range(1, 18)]

MODULES = sorted(
    p.stem
    for p in (ROOT / "sim" / "mechanisms").glob("*.py")
    if p.stem not in {"__init__", *HELPERS}
)
SWITCHES = list(Mechanisms.model_fields)


def claims_cited(kind: str, name: str) -> list[str]:
    if kind == "module":
        text = importlib.import_module(f"sim.mechanisms.{name}").__doc__ or ""
    else:
        text = Mechanisms.model_fields[name].description or ""
    return cited(text)


MECHANISMS = [("module", m) for m in MODULES] + [("switch", s) for s in SWITCHES]


def test_claims_are_c1_to_c17_in_dutch_and_english():
    assert list(CLAIMS) == IDS
    for cid, claim in CLAIMS.items():
        assert isinstance(claim, Claim) and claim.id == cid
        for text in (claim.nl, claim.en, claim.title_nl, claim.title_en):
            assert text.strip(), cid
        assert claim.nl != claim.en, cid
    assert CLAIMS["C4"].text("nl") == CLAIMS["C4"].nl and CLAIMS["C4"].text("EN") == CLAIMS["C4"].en


def test_claims_cannot_be_changed():
    with pytest.raises(TypeError):
        CLAIMS["C18"] = CLAIMS["C1"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        CLAIMS["C1"].en = "something else"  # type: ignore[misc]


def test_claim_ids_are_read_as_whole_words():
    assert CLAIM_ID.pattern == r"\bC(1[0-7]|[1-9])\b"
    assert cited("control (C2/C8), C17 and C4; not C18, C0, CO2 or C10x") == [
        "C2",
        "C4",
        "C8",
        "C17",
    ]


def test_the_mechanisms_are_found():
    assert {"control", "decisions", "trust", "wellbeing"} <= set(MODULES)
    assert {"crowding_out", "local_knowledge"} <= set(SWITCHES)


@pytest.mark.parametrize(
    ("kind", "name"), MECHANISMS, ids=[f"{kind}-{name}" for kind, name in MECHANISMS]
)
def test_every_mechanism_cites_a_claim(kind, name):
    assert claims_cited(kind, name), f"{kind} {name} cites no claim (C1…C17)"


def test_every_claim_is_carried_by_a_mechanism():
    carried = {c for kind, name in MECHANISMS for c in claims_cited(kind, name)}
    missing = [c for c in IDS if c not in carried]
    assert not missing, f"claims no mechanism module or switch cites: {', '.join(missing)}"


def test_docs_quote_every_claim_under_its_title():
    text = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    flat = " ".join(text.replace("\n> ", " ").split())
    untitled = [c.id for c in CLAIMS.values() if f"\n## {c.id} {c.title_en}\n" not in text]
    unquoted = [c.id for c in CLAIMS.values() if " ".join(c.en.split()) not in flat]
    assert not untitled, f"docs/claims.md lacks a heading '## <id> <title_en>' for {untitled}"
    assert not unquoted, f"docs/claims.md does not quote the English text of {unquoted}"


# --- nothing points outside the repository -----------------------------------------------------

# Written in pieces so that this file does not mention them itself.
OUTSIDE = ("../" + "shared", "model" + "-brief", "shared/" + "design.md")
SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "build"}
SKIP_DIRS |= {"out", ".ipynb_checkpoints"}


def files_pointing_outside() -> dict[str, list[str]]:
    found = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for file in files:
            path = Path(folder, file)
            data = path.read_bytes()
            hits = [needle for needle in OUTSIDE if needle.encode() in data]
            if hits:
                found[path.relative_to(ROOT).as_posix()] = hits
    return found


def test_nothing_points_outside_the_repository():
    outside = files_pointing_outside()
    assert not outside, f"files that cite what lives outside the repository: {outside}"
