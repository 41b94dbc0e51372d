"""The layers of the code: no import cycles in sim/, dashboards/ or benchmarks/ (function-level
imports included); the dashboard on the simulator's public API; the command line on top.

The dashboard (``dashboards/``) imports from ``sim`` only the modules in :data:`PUBLIC` — the
package itself (``sim.run``, ``sim.compare``, ``sim.ExperimentError`` …), its words, charts,
report, claims, patterns, coefficients and scenarios, the events and snapshots of a run, the
mechanisms' catalogue and the workshop's package API — never ``sim.cli``, ``sim.experiments.*``,
``sim.mechanisms.*`` or the workshop's inner modules, and it reads no model's ``.employees`` or
``.managers`` arrays (a snapshot, :mod:`sim.snapshot`, shows the people). Nothing in ``sim`` but
the command line imports ``sim.cli``.

Every .py file is parsed with ``ast`` and each ``import`` and ``from … import`` statement, at any
depth, is an edge of the module graph: ``from sim import kpis`` leads to ``sim.kpis`` when that is
a module, else to ``sim``; ``import a.b`` leads to ``a.b``, or to the nearest package of it that
is ours. Modules under dashboards/ are named as Streamlit imports them, from that folder
(``common``, ``charts``, ``i18n``, ``views.workshop``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("sim", "dashboards", "benchmarks")
PUBLIC = {
    "sim",
    "sim.catalogue",
    "sim.charts",
    "sim.claims",
    "sim.coefficients",
    "sim.ensemble",
    "sim.ensemble.figure",
    "sim.events",
    "sim.patterns",
    "sim.report",
    "sim.scenario",
    "sim.snapshot",
    "sim.texts",
    "sim.workshop",
    "sim.workshop.export",
    "sim.workshop.views",
}
"""The modules of ``sim`` the dashboard may import."""
ARRAYS = {"employees", "managers"}
"""A model's state, which the dashboard does not read."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "dashboards":  # Streamlit puts the app's folder on sys.path
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def sources() -> dict[str, Path]:
    return {
        module_name(path): path
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def ours(name: str, known: set[str]) -> str | None:
    """``name`` if it is one of our modules, else the nearest of its packages that is."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ours that ``module`` imports anywhere in its source."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {ours(alias.name, known) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1 packages
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else ours(base, known))
    return found - {None}


def import_graph() -> dict[str, set[str]]:
    modules = sources()
    known = set(modules)
    return {name: imports(name, path, known) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, …, a]``) through each strongly connected part of ``graph`` that has
    one (Tarjan's algorithm, then a path back to the part's first module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    parts: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1 or node in graph.get(node, ()):
                parts.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_through(graph, part) for part in parts]


def _cycle_through(graph: dict[str, set[str]], part: list[str]) -> list[str]:
    start, members = part[0], set(part)
    paths = {start: [start]}
    frontier = [start]
    while frontier:  # breadth first: the shortest way back to start
        node = frontier.pop(0)
        for other in sorted(graph[node] & members):
            if other == start:
                return [*paths[node], start]
            if other not in paths:
                paths[other] = [*paths[node], other]
                frontier.append(other)
    raise AssertionError(f"no cycle through {part}")


def in_dashboard(module: str) -> bool:
    return not module.startswith(("sim", "benchmarks"))


def test_the_dashboard_imports_only_the_public_api_of_sim():
    graph = import_graph()
    found = sorted(
        f"{module} imports {other}"
        for module, imported in graph.items()
        if in_dashboard(module)
        for other in imported
        if (other == "sim" or other.startswith("sim.")) and other not in PUBLIC
    )
    assert not found, (
        "the dashboard reaches past sim's public API (give what it needs a public home: "
        "sim.snapshot, sim.catalogue, sim.report, the sim.workshop package):\n" + "\n".join(found)
    )


def array_reads(source: str, filename: str = "<source>") -> list[str]:
    """``line: expression`` of each read of a model's ``.employees`` or ``.managers`` in
    ``source`` (a scenario's headcount, ``….organisation.employees``, is no array)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Attribute) and node.attr in ARRAYS:
            headcount = isinstance(node.value, ast.Attribute) and node.value.attr == "organisation"
            if not headcount:
                found.append((node.lineno, ast.unparse(node)))
    return [f"{line}: {expression}" for line, expression in sorted(found)]


def test_the_dashboard_reads_no_model_arrays():
    found = [
        f"{path.relative_to(ROOT)}:{read}"
        for path in sorted((ROOT / "dashboards").rglob("*.py"))
        for read in array_reads(path.read_text(encoding="utf-8"), str(path))
    ]
    assert not found, "the dashboard reads a model's arrays (use sim.snapshot):\n" + "\n".join(
        found
    )


def test_array_reads_are_found_and_a_headcount_is_not_one():
    source = (
        "people = model.employees.energy\n"
        "teams = getattr(model, 'x').managers\n"
        "size = scenario.organisation.employees\n"
    )
    assert array_reads(source) == ["1: model.employees", "2: getattr(model, 'x').managers"]


def test_only_the_command_line_imports_the_command_line():
    graph = import_graph()
    found = sorted(
        f"{module} imports {other}"
        for module, imported in graph.items()
        if module != "sim.cli" and not module.startswith("sim.cli.")
        for other in imported
        if other == "sim.cli" or other.startswith("sim.cli.")
    )
    assert not found, "sim.cli is the top layer:\n" + "\n".join(found)


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(cycle) for cycle in found)


def test_the_graph_sees_the_project_s_imports():
    graph = import_graph()
    assert {"sim.cli.run", "sim.cli.experiments"} <= graph["sim.cli"]  # from package import module
    assert "sim.kpis" in graph["sim.model"]  # from sim import kpis
    assert "sim" in graph["benchmarks.cases"]  # import sim
    assert {"compute", "film", "i18n", "keys", "sim", "sim.events"} <= graph[
        "views.workshop"
    ]  # the dashboard's helpers, as Streamlit imports them
    assert {"roomkit.figures", "roomkit.store", "sim.workshop"} <= graph["views.room"]


def test_imports_at_any_depth_and_relative_ones_are_edges(tmp_path):
    source = tmp_path / "mod.py"
    source.write_text(
        "import numpy\n"
        "from . import sibling\n"
        "from .sibling import thing\n"
        "def later():\n"
        "    if True:\n"
        "        from pkg.other import name\n"
        "        import pkg.deep.leaf\n"
    )
    known = {"pkg", "pkg.mod", "pkg.sibling", "pkg.other", "pkg.deep"}
    assert imports("pkg.mod", source, known) == {"pkg.sibling", "pkg.other", "pkg.deep"}


def test_cycles_are_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]


# --- sizes: one home per part, none that grows past reading ------------------------------------

LONG_BY_NATURE = {"sim/patterns.py"}  # a catalogue of the stylised facts, one record each
MAX_LINES, MAX_MODEL_LINES = 500, 350


def test_no_module_of_the_simulator_or_the_dashboard_is_too_long_to_read():
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("sim", "dashboards")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) <= LONG_BY_NATURE, f"split these (over {MAX_LINES} lines): {long}"


def test_orgmodel_keeps_only_the_week_s_story():
    tree = ast.parse((ROOT / "sim" / "model.py").read_text(encoding="utf-8"))
    (model,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "OrgModel"]
    lines = model.end_lineno - model.lineno + 1
    assert lines <= MAX_MODEL_LINES, (
        f"OrgModel has {lines} lines: move what is not a verb of the week to its own part "
        "(sim.points, sim.steering, sim.kpis.Measured, sim.agents.AgentViews)"
    )
