"""Regenerate the tables the documentation takes from the code (``make docs``).

- ``docs/model.md``: each coefficient table, between ``<!-- coefficients: NAME -->`` and
  ``<!-- /coefficients -->``, NAME being a record of the scenario's ``coefficients`` section;
- ``docs/user-guide.md``: the scenario fields table, between ``<!-- fields -->`` and
  ``<!-- /fields -->``, from the schema's defaults, bounds and descriptions;
- ``docs/ensemble.svg``: what the evidence constrains — each varied coefficient's declared range
  against the range the shipped ensemble of plausible models keeps (``docs/model.md`` §12).

``--check`` exits 1 if any table is stale (``tests/test_coefficients.py`` runs it).

    python scripts/document.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import sim
from sim.coefficients import bounds, listing, markdown_table
from sim.ensemble import load_ensemble
from sim.ensemble.figure import constrained_svg
from sim.scenario import Mechanisms

DOCS = Path(__file__).resolve().parents[1] / "docs"
COEFFICIENT_TABLE = re.compile(
    r"(<!-- coefficients: (\w+) -->\n).*?(<!-- /coefficients -->)", re.DOTALL
)
FIELDS_TABLE = re.compile(r"(<!-- fields -->\n).*?(<!-- /fields -->)", re.DOTALL)
SECTIONS = ("levers", "organisation", "environment", "workforce", "managers", "mechanisms", "run")
"""The sections of the fields table; ``coefficients`` has its own tables in docs/model.md."""


def coefficient_tables(text: str) -> str:
    """``text`` with every coefficient table rebuilt from the default scenario's records."""
    rows = listing(sim.Scenario().coefficients)

    def table(match: re.Match) -> str:
        mine = [r for r in rows if r["mechanism"] == match[2]]
        if not mine:
            raise SystemExit(f"docs/model.md names no coefficient record '{match[2]}'")
        return f"{match[1]}{markdown_table(mine)}\n{match[3]}"

    return COEFFICIENT_TABLE.sub(table, text)


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _allowed(field, switch: bool) -> str:
    if switch:
        return "true / false, or a strength ≥ 0, ≤ 1"
    low, high = bounds(field)
    return ", ".join(
        f"{sign} {_number(limit)}" for sign, limit in (("≥", low), ("≤", high)) if limit is not None
    )


def fields_table(text: str) -> str:
    """``text`` with the scenario fields table rebuilt from the schema."""
    lines = ["| field | type | default | allowed | meaning |", "|---|---|---|---|---|"]
    for section in SECTIONS:
        record = sim.Scenario.model_fields[section].annotation
        for name, field in record.model_fields.items():
            switch = record is Mechanisms
            kind = {int: "whole number", float: "number"}[field.annotation]
            default = ("true" if field.default else "false") if switch else _number(field.default)
            lines.append(
                f"| `{section}.{name}` | {'switch' if switch else kind} | {default} "
                f"| {_allowed(field, switch)} | {field.description} |"
            )
    table = "\n".join(lines)
    return FIELDS_TABLE.sub(lambda m: f"{m[1]}{table}\n{m[2]}", text)


def ensemble_chart(_: str) -> str:
    """The chart of prior against kept ranges, from the shipped ensemble."""
    return constrained_svg(load_ensemble(), lang="en")


GENERATED = {
    DOCS / "model.md": coefficient_tables,
    DOCS / "user-guide.md": fields_table,
    DOCS / "ensemble.svg": ensemble_chart,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale tables, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, regenerate in GENERATED.items():
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        new = regenerate(text)
        if new != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        print(
            f"stale generated tables or charts in {', '.join(stale)}; run `make docs`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
