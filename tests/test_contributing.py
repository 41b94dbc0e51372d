"""CONTRIBUTING.md stays true: its steps for adding a mechanism are followed in a copy of the
package — a small mechanism ("a large team thins each member's coaching") with a coefficient
and a switch — and the mistakes they guard against are caught, each with a message that says
what to do: a switch declared but not passed on, a module without its own record, a bare number.

The files edited are the ones the steps name, read from the document itself, so renaming a file
without updating CONTRIBUTING.md fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
HEADING = "## Adding or changing a mechanism"


def steps() -> dict[int, str]:
    """The numbered steps of the guide's section on adding a mechanism, by number."""
    section = GUIDE.split(HEADING, 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", section, re.MULTILINE | re.DOTALL)
    return {int(number): " ".join(text.split()) for number, text in found}


def named(step: int, suffix: str) -> list[str]:
    """The paths in backticks in ``step`` that end with ``suffix``."""
    paths = re.findall(r"`((?:sim|tests|benchmarks)/[\w/.*-]*)`", steps()[step])
    return [path for path in paths if path.endswith(suffix)]


STEPS = steps()
MODULES = named(2, "/")[0]  # sim/mechanisms/
BARE_NUMBER_TEST = named(3, ".py")[0]  # tests/test_coefficients.py
REGISTRY = named(3, "__init__.py")[0]  # sim/mechanisms/__init__.py
SWITCHES = named(4, "scenario.py")[0]  # where Mechanisms is declared
SWITCH_TEST = named(4, "test_switches.py")[0]
STEP = named(5, "model.py")[0]  # OrgModel.step

NAME, SWITCH = "span", "span_thins_coaching"
MODULE = '''"""A large team thins each member's coaching: the manager's coaching hours are shared by
more people (C5)."""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate


class Coefficients(Record):
    thinning: float = coefficient(
        0.02, 0.0, 0.05, "per member", "share of coaching lost per member of the team (C5)"
    )


def thinned(coaching: np.ndarray, team_size: np.ndarray, *, c: Coefficients, on) -> np.ndarray:
    """Coaching per member, less in a larger team (channel ``span_thins_coaching``)."""
    return coaching * (1 - gate(THINNING * team_size, on=on))
'''
SWITCH_FIELD = f'    {SWITCH}: Switch = channel("a large team thins coaching (C5)")\n'
STORY_LINE = "        coaching = self.coaching_received()[e.team]\n"
NEW_STORY_LINE = (
    f"        coaching = {NAME}.thinned(\n"
    "            self.coaching_received(), m.team_size, c=team.coefficients.span, on={on}\n"
    "        )[e.team]\n"
)


def test_the_steps_name_files_that_exist():
    assert sorted(STEPS) == list(range(1, len(STEPS) + 1)) and len(STEPS) >= 8
    paths = {p for step in STEPS for p in named(step, "")}
    assert {MODULES, REGISTRY, SWITCHES, SWITCH_TEST, STEP, BARE_NUMBER_TEST} <= paths
    missing = [p for p in paths if not any(ROOT.glob(p.rstrip("/")))]
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"
    assert "NOT_CORE" not in GUIDE
    reference = (ROOT / named(8, "model.py")[0]).read_text(encoding="utf-8")
    assert all(f"\n{name}" in reference for name in ("IMPLEMENTED", "LEFT_OUT"))


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The package, its scenarios and the guarding tests, copied; the mechanism added by the
    steps (its module, its switch, one line in the step), correctly."""
    where = tmp_path_factory.mktemp("contributing")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "sim", where / "sim", ignore=ignore)
    shutil.copytree(ROOT / "scenarios", where / "scenarios")
    (where / "tests").mkdir()
    for name in ("conftest.py", "literals.py", Path(SWITCH_TEST).name, Path(BARE_NUMBER_TEST).name):
        shutil.copy(ROOT / "tests" / name, where / "tests" / name)
    module(where, MODULE.replace("THINNING", "c.thinning"))
    switches = where / SWITCHES
    text = switches.read_text(encoding="utf-8")
    first = re.search(r"^    \w+: Switch = channel\(", text, re.MULTILINE)
    assert first, f"no Switch field in {SWITCHES}"
    switches.write_text(text[: first.start()] + SWITCH_FIELD + text[first.start() :])
    story(where, f"team.mechanisms.{SWITCH}")
    return where


def module(where: Path, source: str) -> None:
    (where / MODULES / f"{NAME}.py").write_text(source, encoding="utf-8")


def story(where: Path, on: str) -> None:
    step = where / STEP
    text = step.read_text(encoding="utf-8")
    assert STORY_LINE in text, f"the coaching line of OrgModel.manage moved: {STORY_LINE!r}"
    text = text.replace(STORY_LINE, NEW_STORY_LINE.format(on=on))
    anchor = "from sim.mechanisms.teams import"
    step.write_text(text.replace(anchor, f"from sim.mechanisms import {NAME}\n{anchor}", 1))


def python(where: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [sys.executable, *args], cwd=where, env=env, capture_output=True, text=True, timeout=600
    )


def pytest_in(where: Path, test_file: str, select: str, *more: str) -> subprocess.CompletedProcess:
    return python(
        where, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(where),
        test_file, "-k", select, *more,
    )  # fmt: skip


def test_a_new_mechanism_by_the_steps_is_a_scenario_field_and_a_working_channel(copy):
    done = python(
        copy,
        "-c",
        "import sim; s = sim.load_scenario('baseline', **{'coefficients.span.thinning': 0.03});"
        f"print(sim.__file__, s.coefficients.span.thinning, s.mechanisms.{SWITCH})",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(copy / "sim" / "__init__.py"), "0.03", "1.0"]
    checked = pytest_in(copy, SWITCH_TEST, NAME, "-rA")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for case in (
        f"switches_and_records_are_keyword_only_without_a_default[sim.mechanisms.{NAME}.thinned]",
        f"switching_a_channel_off_changes_the_course[{SWITCH}]",
        f"a_point_side_by_side_gives_its_results_alone[mechanisms.{SWITCH}]",
        f"a_point_side_by_side_gives_its_results_alone[coefficients.{NAME}.thinning]",
    ):
        assert f"PASSED {SWITCH_TEST}::test_{case}" in checked.stdout, checked.stdout


def test_a_switch_declared_but_not_passed_on_fails_the_switch_test(copy):
    right, wrong = f"team.mechanisms.{SWITCH}", "team.mechanisms.coaching"  # a neighbour's switch
    rewire(copy, right, wrong)
    try:
        failed = pytest_in(copy, SWITCH_TEST, f"off_changes and {SWITCH}")
    finally:
        rewire(copy, wrong, right)
    assert failed.returncode == 1
    assert f"switching off mechanisms.{SWITCH} changes nothing" in failed.stdout
    assert "is the switch passed on to its mechanism" in failed.stdout


def rewire(copy: Path, old: str, new: str) -> None:
    """The new line of the step passes switch ``new`` where it passed ``old``."""
    step = copy / STEP
    text = step.read_text(encoding="utf-8")
    assert NEW_STORY_LINE.format(on=old) in text
    step.write_text(text.replace(NEW_STORY_LINE.format(on=old), NEW_STORY_LINE.format(on=new)))


def test_a_module_without_its_own_record_stops_import_naming_where_to_declare_it(copy):
    module(copy, MODULE.replace("class Coefficients", "class Numbers").replace(
        "c: Coefficients", "c: Numbers").replace("THINNING", "c.thinning"))  # fmt: skip
    try:
        failed = python(copy, "-c", "import sim")
    finally:
        module(copy, MODULE.replace("THINNING", "c.thinning"))
    assert failed.returncode == 1
    assert f"sim/mechanisms/{NAME}.py declares no coefficient record" in failed.stderr
    assert "class Coefficients(Record)" in failed.stderr and REGISTRY in failed.stderr


def test_a_bare_number_fails_the_coefficient_test(copy):
    module(copy, MODULE.replace("THINNING", "0.02"))
    try:
        failed = pytest_in(copy, BARE_NUMBER_TEST, f"bare_numbers and {NAME}")
    finally:
        module(copy, MODULE.replace("THINNING", "c.thinning"))
    assert failed.returncode == 1
    line = MODULE.splitlines().index(
        "    return coaching * (1 - gate(THINNING * team_size, on=on))"
    )
    expected = f"{NAME}.py: name these as coefficients (line, value): [({line + 1}, 0.02)]"
    assert expected in failed.stdout
