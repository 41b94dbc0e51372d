"""Saved sessions: every page's settings, the uploads and the language in one JSON file, to load
again later."""

from __future__ import annotations

import json

import streamlit as st

import sim
from sim.scenario import parse_scenario_text

import keys
from i18n import LANGUAGES, file_name, lang, problem, t
from settings import modernised, page

SESSION_MARK = "loslaten-session"
SESSION_VERSION = 1


def session_file() -> str:
    """This session as a JSON document: every page's settings, the uploads, the language."""
    return json.dumps(
        {
            "mark": SESSION_MARK,
            "version": SESSION_VERSION,
            "lang": lang(),
            "page": page(),
            "pages": st.session_state.get(keys.SAVED, {}),
            "uploads": st.session_state.get(keys.UPLOADS, {}),
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
        str(p): modernised({str(k): v for k, v in dict(values).items()})
        for p, values in dict(document.get("pages") or {}).items()
        if isinstance(values, dict)
    }
    language = str(document.get("lang", "")).lower()  # written "NL"/"EN" before
    session = {
        "lang": language if language in LANGUAGES else None,
        "page": str(document.get("page", "")),
        "pages": pages,
    }
    return session | {"uploads": uploads}, problems


def load_session() -> None:
    """The session uploader's callback: take the file's settings and uploads."""
    file = st.session_state.get(keys.SESSION_FILE)
    if file is None:
        return
    session, problems = read_session(file.name, file.getvalue())
    st.session_state[keys.SESSION_NEWS] = problems
    if session is None:
        return
    st.session_state.setdefault(keys.UPLOADS, {}).update(session["uploads"])
    st.session_state[keys.SAVED] = session["pages"]
    if session["lang"] is not None:
        st.session_state[keys.LANG] = session["lang"]
    st.session_state[keys.RESTORE] = True
    st.session_state[keys.GOTO] = session["page"]
    counts = {"pages": len(session["pages"]), "uploads": len(session["uploads"])}
    st.session_state[keys.SESSION_NEWS] = [*problems, t("app.session_loaded", **counts)]


def session_box() -> None:
    """Save this session to a file, or load one."""
    with st.sidebar.expander(t("app.session")):
        st.caption(t("app.session_help"))
        st.download_button(
            t("app.session_save"),
            session_file(),
            file_name("session", "json"),
            "application/json",
            key=keys.SESSION_SAVE,
            on_click="ignore",
        )
        st.file_uploader(
            t("app.session_load"), type=["json"], key=keys.SESSION_FILE, on_change=load_session
        )
        for news in st.session_state.pop(keys.SESSION_NEWS, []):
            (st.success if news.startswith(t("app.session_loaded")[:12]) else st.error)(news)
