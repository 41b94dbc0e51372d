"""Shared by the pages: the story library (built-in and uploaded), settings kept in the link,
saved sessions, progress, and cached experiments.

Settings. Every control of a page is made by a helper here (:func:`slider`, :func:`select`, …)
that keeps its value in the link under a language-neutral value (a story's key, a KPI's name), so
a link reproduces the view in either language. A value in the link that is not allowed is named
in a warning (the field, the value, what is allowed) and the default is used. Each page's
settings are its own: switching pages clears them from the link and restores the new page's
last settings, and a saved session holds every page's settings and the uploads.
"""

from __future__ import annotations

import functools
import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

import sim
from sim import report, texts
from sim.scenario import MAX_FILE_BYTES, parse_scenario_text, scenarios_dir

from i18n import lang, problem, t

# What the dashboard simulates interactively; `loslaten run` takes the schema's full range.
EMPLOYEES = (20, 2000)
WEEKS = (4, 1040)
REPS = (1, 30)
SEEDS = (0, 10**6)
UPLOAD = "upload:"
GLOBAL = ("lang", "present")
"""Settings of every page (the sidebar's), kept in the link across pages."""

# The workshop's interventions: the levers a manager who lets go turns up (and control down),
# and those one who takes control turns the other way.
LET_GO = {
    "levers.trust": 0.8,
    "levers.control": 0.2,
    "levers.responsibility": 0.8,
    "levers.freedom": 0.8,
}
GRAB = {
    "levers.trust": 0.2,
    "levers.control": 0.8,
    "levers.responsibility": 0.2,
    "levers.freedom": 0.2,
}

SESSION_MARK = "loslaten-session"
SESSION_VERSION = 1


def param(path: str) -> str:
    """The link's name of a scenario field: ``levers.trust`` → ``trust``."""
    return path.rsplit(".", 1)[-1]


# --- the story library --------------------------------------------------------------------------


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
    for name, js in st.session_state.get("uploads", {}).items():
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
        t("app.upload"), type=["yaml", "yml"], help=t("app.upload_help"), key="upload"
    )
    if file is None:
        return
    scenario, problems = read_upload(file.name, file.size, file.getvalue())
    if problems:
        st.sidebar.error(
            t("app.upload_bad", file=file.name) + "\n" + "\n".join(f"- {p}" for p in problems)
        )
        return
    st.session_state.setdefault("uploads", {})[scenario.name] = scenario.model_dump_json()
    st.sidebar.success(t("app.upload_ok", name=scenario.name))


def show_problems(err: sim.ScenarioError) -> None:
    st.error(t("app.invalid_settings") + "\n" + "\n".join(f"- {problem(p)}" for p in err.problems))


def presenting() -> bool:
    return bool(st.session_state.get("present"))


# --- settings kept in the link ------------------------------------------------------------------

SETTINGS: dict[str, set[str]] = {}
"""Each page's setting keys, as its helpers declare them."""


def page() -> str:
    return st.session_state.get("_page", "")


def _declare(key: str) -> None:
    SETTINGS.setdefault(page(), set()).add(key)


def _given(key: str, many: bool = False) -> Any:
    """The value a restored session or the link gives ``key`` (strings; a list if ``many``; the
    last one given otherwise), or None."""
    incoming = st.session_state.get("_incoming", {})
    if key in incoming:
        return incoming.pop(key)
    values = st.query_params.get_all(key)
    return None if not values else values if many else values[-1]


def _warn(message: str) -> None:
    st.session_state.setdefault("_url_warnings", []).append(message)


def url_warnings() -> None:
    """Show what the link or a loaded session asked for that is not allowed."""
    for message in st.session_state.pop("_url_warnings", []):
        st.warning(message)


def setting(key: str, default: Any, parse: Callable[[Any], Any], many: bool = False) -> None:
    """Declare a setting of this page and, before its control is made, give it its value: from
    a restored session or the link the first time on the page, else ``default``. ``parse``
    returns the value or raises ValueError with the message to show."""
    _declare(key)
    if key in st.session_state:
        return
    raw = _given(key, many)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except ValueError as err:
            _warn(str(err))
    st.session_state[key] = value


def _written(value: Any) -> str | list[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _keep(key: str, value: Any, default: Any, url: bool) -> None:
    """Write a setting to the link, or take it out where it has its default."""
    if not url:
        return
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = _written(value)


def _number(raw: Any, field: str, low: float, high: float, whole: bool, default: Any) -> Any:
    n = lang()
    shown = "—" if default is None else texts.number(default, n, 0 if whole else 2)
    if raw == "" and default is None:
        return None
    try:
        value = float(raw)
        if whole and value != int(value):
            raise ValueError
    except (TypeError, ValueError):
        raise ValueError(t("url.not_a_number", field=field, value=raw, default=shown)) from None
    if not (math.isfinite(value) and low <= value <= high):
        low_, high_ = (texts.number(v, n, 0 if whole else 2) for v in (low, high))
        raise ValueError(
            t("url.out_of_range", field=field, value=raw, low=low_, high=high_, default=shown)
        )
    return int(value) if whole else value


def slider(
    label: str,
    key: str,
    low: float,
    high: float,
    default: float,
    step: float,
    where: Any = st,
    url: bool = True,
    **options: Any,
) -> float:
    """A slider kept in the link: whole numbers if ``step`` is one, else the values from ``low``
    to ``high`` in steps, shown in the chosen language's format (a decimal comma in Dutch)."""
    whole = isinstance(step, int)
    if whole:
        setting(key, default, lambda raw: _number(raw, label, low, high, True, default))
        value = where.slider(label, low, high, step=step, key=key, **options)
    else:
        values = [round(low + i * step, 6) for i in range(round((high - low) / step) + 1)]

        def parse(raw: Any) -> float:
            given = _number(raw, label, low, high, False, default)
            return min(values, key=lambda v: abs(v - given))

        setting(key, default, parse)
        if st.session_state[key] not in values:
            st.session_state[key] = min(values, key=lambda v: abs(v - st.session_state[key]))
        value = where.select_slider(label, values, format_func=_decimal, key=key, **options)
    _keep(key, value, default, url)
    return value


def _decimal(value: float) -> str:
    return texts.number(value, lang(), 2)


def number(
    label: str,
    key: str,
    low: float,
    high: float,
    default: float | None,
    step: float,
    where: Any = st,
    url: bool = True,
    **options: Any,
) -> float | None:
    """A number input kept in the link; ``default`` None leaves it empty (the story's value)."""
    whole = isinstance(step, int)
    setting(key, default, lambda raw: _number(raw, label, low, high, whole, default))
    if default is None:
        options["value"] = None
    value = where.number_input(label, low, high, step=step, key=key, **options)
    _keep(key, value, default, url)
    return value


def select(
    label: str,
    key: str,
    options: Sequence[str],
    default: str,
    format_func: Callable[[str], str] = str,
    where: Any = st,
    url: bool = True,
    widget: str = "selectbox",
    **more: Any,
) -> str:
    """A choice kept in the link by its language-neutral value."""
    options = list(options)

    def parse(raw: Any) -> str:
        if raw in options:
            return raw
        if key.endswith("story") and str(raw).startswith(UPLOAD):
            name = str(raw).removeprefix(UPLOAD)
            raise ValueError(t("url.missing_story", name=name, shown=format_func(default)))
        if key.endswith("story"):
            raise ValueError(t("url.unknown_story", name=raw, shown=format_func(default)))
        allowed = ", ".join(f"{o} ({format_func(o)})" for o in options)
        raise ValueError(
            t("url.unknown_choice", field=label, value=raw, allowed=allowed, default=default)
        )

    setting(key, default, parse)
    if st.session_state[key] not in options:  # e.g. an upload that was removed
        st.session_state[key] = default
    if widget == "selectbox":
        more.setdefault("placeholder", t("common.choose"))
    make = getattr(where, widget)
    extra = {"required": True} if widget == "segmented_control" else {}
    value = make(label, options, format_func=format_func, key=key, **extra, **more)
    _keep(key, value, default, url)
    return value


def multiselect(
    label: str,
    key: str,
    options: Sequence[str],
    default: Sequence[str],
    format_func: Callable[[str], str] = str,
    where: Any = st,
    **more: Any,
) -> list[str]:
    """Several choices kept in the link by their language-neutral values."""
    options = list(options)

    def parse(raw: Any) -> list[str]:
        given = [raw] if isinstance(raw, str) else list(raw)
        unknown = [v for v in given if v not in options]
        if unknown:
            allowed = ", ".join(options)
            _warn(
                t(
                    "url.unknown_choice",
                    field=label,
                    value=", ".join(unknown),
                    allowed=allowed,
                    default="—",
                )
            )
        return [v for v in given if v in options]

    setting(key, list(default), parse, many=True)
    value = where.multiselect(label, options, format_func=format_func, key=key, **more)
    _keep(key, value, list(default), True)
    return value


def toggle(label: str, key: str, where: Any = st, default: bool = False, **more: Any) -> bool:
    """A switch kept in the link."""

    def parse(raw: Any) -> bool:
        if str(raw).lower() in ("true", "false"):
            return str(raw).lower() == "true"
        raise ValueError(
            t("url.unknown_choice", field=label, value=raw, allowed="true, false", default="false")
        )

    setting(key, default, parse)
    value = where.toggle(label, key=key, **more)
    _keep(key, value, default, True)
    return value


def remember() -> None:
    """Keep this page's settings, to restore them when the page is opened again."""
    saved = st.session_state.setdefault("_saved", {})
    saved[page()] = {
        key: _written(st.session_state[key])
        for key in SETTINGS.get(page(), ())
        if key in st.session_state
    }


def arrive(name: str) -> None:
    """On a switch to page ``name``: the last page's settings leave the link and the state, and
    this page's last settings (or a loaded session's) come back."""
    restore = st.session_state.pop("_restore", False)
    if st.session_state.get("_page") == name and not restore:
        return
    first = "_page" not in st.session_state
    st.session_state["_page"] = name
    if first and not restore:
        return  # opened from a link: the link's settings apply
    for keys in SETTINGS.values():
        for key in keys:
            st.session_state.pop(key, None)
    for key in list(st.query_params):
        if key not in GLOBAL:
            del st.query_params[key]
    st.session_state["_incoming"] = dict(st.session_state.get("_saved", {}).get(name, {}))


# --- saved sessions -----------------------------------------------------------------------------


def session_file() -> str:
    """This session as a JSON document: every page's settings, the uploads, the language."""
    return json.dumps(
        {
            "mark": SESSION_MARK,
            "version": SESSION_VERSION,
            "lang": st.session_state.get("lang", "NL"),
            "page": page(),
            "pages": st.session_state.get("_saved", {}),
            "uploads": st.session_state.get("uploads", {}),
        },
        indent=1,
        ensure_ascii=False,
    )


def read_session(name: str, data: bytes) -> tuple[dict | None, list[str]]:
    """A saved session, or what is wrong with the file (each upload checked like an upload)."""

    def bad(why: str) -> tuple[None, list[str]]:
        return None, [t("app.session_bad", file=name, problem=why)]

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return bad(t("app.session_not_json"))
    if not isinstance(document, dict) or document.get("mark") != SESSION_MARK:
        return bad(t("app.session_not_ours"))
    if not isinstance(document.get("version"), int) or document["version"] > SESSION_VERSION:
        return bad(t("app.session_version", version=document.get("version")))
    uploads, problems = {}, []
    for upload, js in dict(document.get("uploads") or {}).items():
        try:
            scenario = sim.Scenario.model_validate_json(js)
        except (ValueError, TypeError):
            try:
                scenario = parse_scenario_text(json.dumps(js) if isinstance(js, dict) else str(js))
            except sim.ScenarioError as err:
                problems += [f"{upload}: {problem(p)}" for p in err.problems]
                continue
        uploads[upload] = scenario.model_dump_json()
    pages = {
        str(p): {str(k): v for k, v in dict(values).items()}
        for p, values in dict(document.get("pages") or {}).items()
        if isinstance(values, dict)
    }
    session = {"lang": document.get("lang"), "page": str(document.get("page", "")), "pages": pages}
    return session | {"uploads": uploads}, problems


def load_session() -> None:
    """The session uploader's callback: take the file's settings and uploads."""
    file = st.session_state.get("session_file")
    if file is None:
        return
    session, problems = read_session(file.name, file.getvalue())
    st.session_state["_session_news"] = problems
    if session is None:
        return
    st.session_state.setdefault("uploads", {}).update(session["uploads"])
    st.session_state["_saved"] = session["pages"]
    if session["lang"] in ("NL", "EN"):
        st.session_state["lang"] = session["lang"]
    st.session_state["_restore"] = True
    st.session_state["_goto"] = session["page"]
    counts = {"pages": len(session["pages"]), "uploads": len(session["uploads"])}
    st.session_state["_session_news"] = [*problems, t("app.session_loaded", **counts)]


def session_box() -> None:
    """Save this session to a file, or load one."""
    with st.sidebar.expander(t("app.session")):
        st.caption(t("app.session_help"))
        st.download_button(
            t("app.session_save"),
            session_file(),
            "loslaten-session.json",
            "application/json",
            key="session_save",
            on_click="ignore",
        )
        st.file_uploader(
            t("app.session_load"), type=["json"], key="session_file", on_change=load_session
        )
        for news in st.session_state.pop("_session_news", []):
            (st.success if news.startswith(t("app.session_loaded")[:12]) else st.error)(news)


# --- progress and time --------------------------------------------------------------------------


@contextmanager
def stopwatch() -> Iterator[SimpleNamespace]:
    """Time a block; ``.seconds`` holds the result afterwards."""
    watch = SimpleNamespace(seconds=0.0)
    start = time.perf_counter()
    yield watch
    watch.seconds = time.perf_counter() - start


def seconds(value: float) -> str:
    return texts.number(value, lang(), 1)


@contextmanager
def progress(runs: int) -> Iterator[Callable[[float, int], None]]:
    """A progress bar for a computation of ``runs`` simulations: the function to tell it
    ``(done, total)``; it disappears when done."""
    bar = st.progress(0.0, text=t("common.running", runs=runs))
    shown = [-1.0]

    def tell(done: float, total: int) -> None:
        share = min(1.0, done / max(total, 1))
        if share - shown[0] >= 0.01 or share >= 1:
            shown[0] = share
            bar.progress(share, text=t("common.progress", done=int(done), total=total))

    try:
        yield tell
    finally:
        bar.empty()


# --- cached experiments (keyed by the scenarios' JSON) ------------------------------------------


def memo(max_entries: int) -> Callable:
    """Like ``st.cache_data`` (one cache for all sessions, keyed by the arguments, the oldest
    entry dropped first) for computations that show a progress bar as they go, which Streamlit's
    cache cannot replay. ``_progress`` is not part of the key; results are shared, not copied."""

    def wrap(compute: Callable) -> Callable:
        store: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(compute)
        def cached(*args: Any, _progress: Any = False) -> Any:
            with lock:
                if args in store:
                    store.move_to_end(args)
                    return store[args]
            found = compute(*args, _progress=_progress)
            with lock:
                store[args] = found
                while len(store) > max_entries:
                    store.popitem(last=False)
            return found

        cached.clear = store.clear
        return cached

    return wrap


def _scenario(scenario_json: str) -> sim.Scenario:
    return sim.Scenario.model_validate_json(scenario_json)


@memo(64)
def replicate(scenario_json: str, reps: int, seed: int, _progress=False) -> pd.DataFrame:
    """The weekly series of all replications in long form (``rep``, ``week``, series)."""
    return sim.replicate(
        _scenario(scenario_json), reps=reps, seed=seed, series=True, progress=_progress
    )


def window_means(series: pd.DataFrame, window: int, columns: tuple[str, ...]) -> pd.Series:
    """Mean over replications of each column's mean over the last ``window`` weeks.

    For the KPIs that are plain window means of their series (``sim/kpis.py``: quadrant shares,
    productivity, absence, manager hours, trust, profit) this is the KPI itself.
    """
    last = series[series["week"] > series["week"].max() - window]
    return last.groupby("rep")[list(columns)].mean().mean()


@memo(16)
def compare(scenario_jsons: tuple[str, ...], reps: int, seed: int, _progress=False):
    """``sim.compare``'s frame and the weekly series of the same runs (one experiment)."""
    _, summary, series = report.compare_with_series(
        [_scenario(js) for js in scenario_jsons], reps=reps, seed=seed, progress=_progress
    )
    return summary, series


@memo(16)
def explain(a_json: str, b_json: str, reps: int, seed: int, _progress=False) -> pd.DataFrame:
    return sim.explain(
        _scenario(a_json), _scenario(b_json), reps=reps, seed=seed, progress=_progress
    )


@memo(16)
def sweep(
    scenario_json: str,
    vary: tuple[tuple[str, tuple[float, ...]], ...],
    reps: int,
    seed: int,
    _progress=False,
) -> pd.DataFrame:
    return sim.sweep(_scenario(scenario_json), dict(vary), reps=reps, seed=seed, progress=_progress)


def grid(points: int) -> tuple[float, ...]:
    """``points`` evenly spaced lever values in [0, 1]."""
    return tuple(round(float(v), 3) for v in np.linspace(0.0, 1.0, points))
