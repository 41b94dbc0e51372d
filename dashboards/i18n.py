"""The dashboard's words in the chosen language, from the catalogue in ``sim/locale/``
(:mod:`sim.texts`); Dutch unless English is chosen in the sidebar.

The claims C1…C17 come from ``sim.claims``, which holds each in both languages.
"""

from __future__ import annotations

import streamlit as st

from sim import texts

import keys

LANGUAGES = texts.LANGS
"""The languages as the catalogue names them (``"nl"``, ``"en"``): the value of the language
setting, in the state and in saved sessions."""


def language_label(language: str) -> str:
    """How the language switch shows a language, and so how a link writes it: ``NL``, ``EN``
    (Streamlit binds the switch to the link by its labels)."""
    return language.upper()


def lang() -> str:
    """The chosen language as the catalogue names it: ``"nl"`` or ``"en"``. Before the language
    switch is drawn on a first run, the link's (``?lang=EN``, in any case), so that the menu and
    the page's title are in it from the first load."""
    chosen = st.session_state.get(keys.LANG)
    if chosen is None:
        chosen = st.query_params.get(keys.LANG, "").lower()
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def language_from_link() -> None:
    """On a first run, take the link's language in any case (``?lang=en``): the switch binds to
    the link by its labels (``EN``) and would otherwise fall back to Dutch."""
    given = st.query_params.get(keys.LANG)
    if keys.LANG not in st.session_state and given and given.lower() in LANGUAGES:
        if given != language_label(given.lower()):
            st.session_state[keys.LANG] = given.lower()


def t(key: str, **values) -> str:
    """The text ``key`` (``"workshop.intro"``) in the chosen language, filled with ``values``."""
    return texts.text(key, lang(), **values)


def file_name(key: str, extension: str) -> str:
    """A download's file name in the chosen language: ``file_name("phase", "csv")`` →
    "fasediagram.csv"."""
    return f"{t(f'file.{key}')}.{extension}"


def counted(key: str, count: int, **values) -> str:
    """The text ``key`` for ``count`` of something: ``key_one`` or ``key_other``
    (:func:`sim.texts.counted`), filled with ``values``."""
    return texts.counted(key, count, lang(), **values)


def kpi(name: str) -> str:
    return texts.kpi_name(name, lang())


def lever(path: str) -> str:
    """A scenario field in words: ``levers.trust`` → "vertrouwen"."""
    return texts.field_name(path, lang())


def quadrant(name: str) -> str:
    return t(f"quadrant.{name}")


def story(key: str) -> str:
    """A story's name: a built-in one in the chosen language, an upload by its own name."""
    if key.startswith("upload:"):
        return f"{key.removeprefix('upload:')} ({t('app.uploaded')})"
    return texts.story_name(key, lang())


def number(value: float, decimals: int = 2) -> str:
    return texts.number(value, lang(), decimals)


def value(name: str, v: float) -> str:
    """A KPI value as people read it."""
    return texts.kpi_value(name, v, lang())


def change(name: str, diff: float) -> str:
    """A KPI difference: percentage points for shares, hours, or a signed number."""
    return texts.kpi_change(name, diff, lang())


def problem(text: str) -> str:
    """A validation problem in plain words."""
    return texts.plain_problem(text, lang())
