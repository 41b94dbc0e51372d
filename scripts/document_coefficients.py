"""Regenerate the coefficient tables of ``docs/model.md`` from the records (``make docs``).

Each table sits between ``<!-- coefficients: NAME -->`` and ``<!-- /coefficients -->``, NAME
being a record of the scenario's ``coefficients`` section. ``--check`` exits 1 if any table is
stale (``tests/test_coefficients.py`` runs it).

    python scripts/document_coefficients.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import sim
from sim.coefficients import listing, markdown_table

MODEL_MD = Path(__file__).resolve().parents[1] / "docs" / "model.md"
BLOCK = re.compile(r"(<!-- coefficients: (\w+) -->\n).*?(<!-- /coefficients -->)", re.DOTALL)


def regenerated(text: str) -> str:
    """``text`` with every coefficient table rebuilt from the default scenario's records."""
    rows = listing(sim.Scenario().coefficients)

    def table(match: re.Match) -> str:
        mine = [r for r in rows if r["mechanism"] == match[2]]
        if not mine:
            raise SystemExit(f"docs/model.md names no coefficient record '{match[2]}'")
        return f"{match[1]}{markdown_table(mine)}\n{match[3]}"

    return BLOCK.sub(table, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale tables, write nothing")
    args = parser.parse_args(argv)
    text = MODEL_MD.read_text(encoding="utf-8")
    new = regenerated(text)
    if args.check:
        if new != text:
            print("docs/model.md: coefficient tables are stale; run `make docs`", file=sys.stderr)
            return 1
        return 0
    MODEL_MD.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
