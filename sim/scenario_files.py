"""Reading scenario files safely: where the built-in scenarios live, and the limits that refuse
what no scenario needs — files over ``MAX_FILE_BYTES``, text that is not UTF-8 or not a mapping,
and YAML that expands to more than ``MAX_YAML_VALUES`` values (a "YAML bomb")."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from sim.scenario_errors import ScenarioError

MAX_FILE_BYTES = 1_000_000
MAX_YAML_VALUES = 100_000  # after expanding aliases: refuses YAML bombs


def scenarios_dir() -> Path:
    """The folder of built-in scenarios (source checkout or installed copy)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "scenarios", here / "scenarios"):
        if candidate.is_dir():
            return candidate
    return here.parent / "scenarios"


def resolve(source: str | Path) -> Path:
    """The file of a scenario given by path or by built-in name."""
    path = Path(source)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        if not path.is_file():
            raise ScenarioError([f"no scenario file at '{path}'"], str(source))
        return path
    builtin = scenarios_dir() / f"{source}.yaml"
    if builtin.is_file():
        return builtin
    names = sorted(p.stem for p in scenarios_dir().glob("*.yaml"))
    close = difflib.get_close_matches(str(source), names, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise ScenarioError(
        [f"'{source}' is neither a file nor a built-in scenario ({', '.join(names)}).{hint}"],
        str(source),
    )


def read_yaml(path: Path) -> dict:
    """A scenario file's mapping, within the limits."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScenarioError([f"file is larger than {MAX_FILE_BYTES:,} bytes"], str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(["file is not UTF-8 text"], str(path)) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, label: str) -> dict:
    """YAML text as a mapping of sections, within the limits (``label`` names it in errors)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise ScenarioError([f"malformed YAML{at}: {problem}"], label) from None
    except RecursionError:
        raise ScenarioError(["malformed YAML: nested too deeply"], label) from None
    if not bounded(data):
        raise ScenarioError([too_many_values("the file")], label)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(
            [f"the file must be a mapping of sections, got {type(data).__name__}"], label
        )
    return data


def parse_value(text: str, key: str = "value") -> Any:
    """A ``--set`` value from the command line, read as YAML (``0.8``, ``true``, ``[]``)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    except RecursionError:
        raise ScenarioError([f"{key}: the value is nested too deeply"], "--set") from None
    if not bounded(value):
        raise ScenarioError([too_many_values(key)], "--set")
    return value


def bounded(data: Any) -> bool:
    """Whether ``data`` holds at most MAX_YAML_VALUES values with its aliases expanded."""
    stack, count = [data], 0
    while stack:
        count += 1
        if count > MAX_YAML_VALUES:
            return False
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


def too_many_values(what: str) -> str:
    """The message for ``what`` beyond ``MAX_YAML_VALUES``."""
    return (
        f"{what} expands to more than {MAX_YAML_VALUES:,} values "
        "(nested YAML aliases, a 'YAML bomb'?); a scenario needs a few dozen"
    )
