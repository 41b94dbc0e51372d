"""Shared by the pages: the scenario library (built-in and uploaded), limits, cached runs."""

from __future__ import annotations

import math
import time
from contextlib import contextmanager
from functools import reduce
from types import SimpleNamespace

import numpy as np
import pandas as pd
import streamlit as st

import sim
from sim.mechanisms import quadrants
from sim.scenario import MAX_FILE_BYTES, parse_scenario_text, scenarios_dir

from i18n import t

# What the dashboard simulates interactively; `loslaten run` takes the schema's full range.
EMPLOYEES = (20, 2000)
WEEKS = (4, 1040)
REPS = (1, 30)
UPLOAD = "upload:"

# The workshop's "let go": the 6 V's that a manager who lets go turns up, and control down.
LET_GO = {
    "levers.trust": 0.8,
    "levers.control": 0.2,
    "levers.responsibility": 0.8,
    "levers.freedom": 0.8,
}


def param(path: str) -> str:
    """The URL name of a scenario field: ``levers.trust`` → ``trust``."""
    return path.rsplit(".", 1)[-1]


def value_of(scenario: sim.Scenario, path: str):
    """A scenario field by its dotted path."""
    return reduce(getattr, path.split("."), scenario)


# --- the scenario library -----------------------------------------------------------------------


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
        st.warning(t("broken_builtin") + "\n" + "\n".join(f"- {p}" for p in problems))
    out = {name: sim.Scenario.model_validate_json(js) for name, js in loaded.items()}
    for name, js in st.session_state.get("uploads", {}).items():
        out[UPLOAD + name] = sim.Scenario.model_validate_json(js)
    return out


def story_label(key: str) -> str:
    if key.startswith(UPLOAD):
        return f"{key.removeprefix(UPLOAD)} ({t('uploaded')})"
    return key.replace("_", " ")


def limit_problems(scenario: sim.Scenario) -> list[str]:
    """What makes a valid scenario too large to simulate interactively."""
    checks = (
        ("organisation.employees", scenario.organisation.employees, EMPLOYEES),
        ("run.weeks", scenario.run.weeks, WEEKS),
    )
    return [
        t("too_large_field", field=field, value=value, low=low, high=high)
        for field, value, (low, high) in checks
        if not low <= value <= high
    ]


def read_upload(name: str, size: int, data: bytes) -> tuple[sim.Scenario | None, list[str]]:
    """Validate an uploaded scenario file: the scenario, or the problems naming each field."""
    if size > MAX_FILE_BYTES:
        return None, [t("too_large_file", size=size, limit=MAX_FILE_BYTES)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [t("not_utf8")]
    try:
        scenario = parse_scenario_text(text, label=name)
    except sim.ScenarioError as err:
        return None, err.problems
    problems = limit_problems(scenario)
    return (None, problems) if problems else (scenario, [])


def upload_box() -> None:
    """The sidebar's uploader: a valid file joins the stories, a bad one is explained."""
    file = st.sidebar.file_uploader(t("upload"), type=["yaml", "yml"], help=t("upload_help"))
    if file is None:
        return
    scenario, problems = read_upload(file.name, file.size, file.getvalue())
    if problems:
        st.sidebar.error(
            t("upload_bad", file=file.name) + "\n" + "\n".join(f"- {p}" for p in problems)
        )
        return
    st.session_state.setdefault("uploads", {})[scenario.name] = scenario.model_dump_json()
    st.sidebar.success(t("upload_ok", name=scenario.name))


def warn_url_limits() -> None:
    """Name a size in the link that is out of range (the widget then keeps its default)."""
    for key, field, (low, high) in (
        ("employees", "organisation.employees", EMPLOYEES),
        ("weeks", "run.weeks", WEEKS),
        ("reps", "reps", REPS),
    ):
        raw = st.query_params.get(key)
        try:
            value = float(raw) if raw is not None else None
        except ValueError:
            value = math.nan
        if value is not None and not low <= value <= high:
            st.warning(t("out_of_range", field=field, value=raw, low=low, high=high))


def show_problems(err: sim.ScenarioError) -> None:
    st.error(t("invalid_settings") + "\n" + "\n".join(f"- {p}" for p in err.problems))


def presenting() -> bool:
    return bool(st.session_state.get("present"))


@contextmanager
def stopwatch():
    """Time a block; ``.seconds`` holds the result afterwards."""
    watch = SimpleNamespace(seconds=0.0)
    start = time.perf_counter()
    yield watch
    watch.seconds = time.perf_counter() - start


# --- cached experiments (keyed by the scenario's JSON) ------------------------------------------


def _scenario(scenario_json: str) -> sim.Scenario:
    return sim.Scenario.model_validate_json(scenario_json)


@st.cache_data(max_entries=64, show_spinner=False)
def replicate(scenario_json: str, reps: int, seed: int) -> pd.DataFrame:
    """The weekly series of all replications in long form (``rep``, ``week``, series)."""
    return sim.replicate(_scenario(scenario_json), reps=reps, seed=seed, series=True)


def window_means(series: pd.DataFrame, window: int, columns: tuple[str, ...]) -> pd.Series:
    """Mean over replications of each column's mean over the last ``window`` weeks.

    For the KPIs that are plain window means of their series (``sim/kpis.py``: quadrant shares,
    productivity, absence, manager hours, trust, profit) this is the KPI itself.
    """
    last = series[series["week"] > series["week"].max() - window]
    return last.groupby("rep")[list(columns)].mean().mean()


@st.cache_data(max_entries=32, show_spinner=False)
def film(scenario_json: str, seed: int, every: int) -> pd.DataFrame:
    """Every employee's place on the well-being plane every ``every`` weeks of one run."""
    scenario = _scenario(scenario_json)
    model = sim.OrgModel(scenario, seed=seed)
    shots = []
    for week in range(scenario.run.weeks + 1):
        if week % every == 0 or week == scenario.run.weeks:
            e = model.employees
            shots.append(
                pd.DataFrame(
                    {
                        "week": np.full(e.size, week, dtype=np.int32),
                        "team": e.team.astype(np.int32),
                        "energy": e.energy.astype(np.float32),
                        "pleasure": e.pleasure.astype(np.float32),
                        "quadrant": quadrants.classify(
                            e.energy, e.pleasure, scenario.coefficients.quadrants
                        ),
                        "absent": e.absent_weeks > 0,
                    }
                )
            )
        if week < scenario.run.weeks:
            model.step()
    return pd.concat(shots, ignore_index=True)


@st.cache_data(max_entries=16, show_spinner=False)
def compare(scenario_jsons: tuple[str, ...], reps: int, seed: int) -> pd.DataFrame:
    return sim.compare([_scenario(js) for js in scenario_jsons], reps=reps, seed=seed)


@st.cache_data(max_entries=16, show_spinner=False)
def explain(a_json: str, b_json: str, reps: int, seed: int) -> pd.DataFrame:
    return sim.explain(_scenario(a_json), _scenario(b_json), reps=reps, seed=seed)


@st.cache_data(max_entries=16, show_spinner=False)
def sweep(
    scenario_json: str, vary: tuple[tuple[str, tuple[float, ...]], ...], reps: int, seed: int
):
    return sim.sweep(_scenario(scenario_json), dict(vary), reps=reps, seed=seed)


def grid(points: int) -> tuple[float, ...]:
    """``points`` evenly spaced lever values in [0, 1]."""
    return tuple(round(float(v), 3) for v in np.linspace(0.0, 1.0, points))
