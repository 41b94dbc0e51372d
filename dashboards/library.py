"""The story library: the built-in scenarios and this session's uploads, checked like any
scenario and against what the dashboard simulates interactively."""

from __future__ import annotations

import streamlit as st

import sim
from sim import texts
from sim.scenario import MAX_FILE_BYTES, parse_scenario_text, scenarios_dir

import keys
from i18n import lang, problem, t

# What the dashboard simulates interactively; `loslaten run` takes the schema's full range.
EMPLOYEES = (20, 2000)
WEEKS = (4, 1040)
REPS = (1, 30)
SEEDS = (0, 10**6)
UPLOAD = "upload:"
"""The prefix of an upload's key among the stories (``upload:NAME``)."""


@st.cache_data(ttl=60, show_spinner=False)
def _builtin() -> tuple[dict[str, str], list[str]]:
    """The built-in scenarios as JSON, and the problems of any file that does not load."""
    loaded, problems = {}, []
    for path in sorted(scenarios_dir().glob("*.yaml")):
        try:
            loaded[path.stem] = sim.load_scenario(path.stem).model_dump_json()
        except sim.ScenarioError as err:
            problems += [f"{path.name}: {p}" for p in err.problems]
    return loaded, problems


def stories() -> dict[str, sim.Scenario]:
    """Built-in scenarios by name, then this session's uploads (keys ``upload:NAME``).

    A built-in file that does not load is named in a warning and left out.
    """
    loaded, problems = _builtin()
    if problems:
        st.warning(t("app.broken_builtin") + "\n" + "\n".join(f"- {p}" for p in problems))
    out = {name: sim.Scenario.model_validate_json(js) for name, js in loaded.items()}
    for name, js in st.session_state.get(keys.UPLOADS, {}).items():
        out[UPLOAD + name] = sim.Scenario.model_validate_json(js)
    return out


def described(key: str, scenario: sim.Scenario) -> str:
    """A story's description in the chosen language (an upload's own)."""
    return texts.story_description(key, scenario, lang())


def limit_problems(scenario: sim.Scenario) -> list[str]:
    """What makes a valid scenario too large to simulate interactively."""
    checks = (
        ("organisation.employees", scenario.organisation.employees, EMPLOYEES),
        ("run.weeks", scenario.run.weeks, WEEKS),
    )
    return [
        t(
            "app.too_large_field",
            field=texts.field_name(field, lang()),
            value=texts.number(value, lang(), 0),
            low=texts.number(low, lang(), 0),
            high=texts.number(high, lang(), 0),
        )
        for field, value, (low, high) in checks
        if not low <= value <= high
    ]


def read_upload(name: str, size: int, data: bytes) -> tuple[sim.Scenario | None, list[str]]:
    """Validate an uploaded scenario file: the scenario, or the problems in plain words."""
    if size > MAX_FILE_BYTES:
        n = lang()
        sizes = {"size": texts.number(size, n, 0), "limit": texts.number(MAX_FILE_BYTES, n, 0)}
        return None, [t("app.too_large_file", **sizes)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [t("app.not_utf8")]
    try:
        scenario = parse_scenario_text(text, label=name)
    except sim.ScenarioError as err:
        return None, [problem(p) for p in err.problems]
    problems = limit_problems(scenario)
    return (None, problems) if problems else (scenario, [])


def upload_box() -> None:
    """The sidebar's uploader: a valid file joins the stories, a bad one is explained."""
    file = st.sidebar.file_uploader(
        t("app.upload"), type=["yaml", "yml"], help=t("app.upload_help"), key=keys.UPLOAD
    )
    if file is None:
        return
    scenario, problems = read_upload(file.name, file.size, file.getvalue())
    if problems:
        st.sidebar.error(
            t("app.upload_bad", file=file.name) + "\n" + "\n".join(f"- {p}" for p in problems)
        )
        return
    st.session_state.setdefault(keys.UPLOADS, {})[scenario.name] = scenario.model_dump_json()
    st.sidebar.success(t("app.upload_ok", name=scenario.name))


def show_problems(err: sim.ScenarioError) -> None:
    st.error(t("app.invalid_settings") + "\n" + "\n".join(f"- {problem(p)}" for p in err.problems))
