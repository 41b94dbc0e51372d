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
    """The chosen language as the catalogue names it: ``"nl"`` or ``"en"``."""
    chosen = st.session_state.get(keys.LANG)
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def t(key: str, **values) -> str:
    """The text ``key`` (``"workshop.intro"``) in the chosen language, filled with ``values``."""
    return texts.text(key, lang(), **values)


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
