"""Settings kept in the link.

Every control of a page is made by a helper here (:func:`slider`, :func:`select`, …) that keeps
its value in the link under a language-neutral value (a story's key, a KPI's name), so a link
reproduces the view in either language. A value in the link that is not allowed is named in a
warning (the field, the value, what is allowed) and the default is used. Each page's settings are
its own: switching pages clears them from the link and restores the new page's last settings,
and a saved session (:mod:`sessions`) holds every page's settings and the uploads. Links made
before a setting was renamed still work (:data:`RENAMED`): the old name is read, the new one
written.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from sim import texts

import keys
from i18n import lang, t
from library import UPLOAD

GLOBAL = (keys.LANG, keys.PRESENT)
"""Settings of every page (the sidebar's), kept in the link across pages."""
RENAMED = {
    "letgo": keys.LET_GO,
    "letgo_week": keys.week_of(keys.LET_GO),
    "grab": keys.TIGHTEN,
    "grab_week": keys.week_of(keys.TIGHTEN),
}
"""Settings' old names in links and saved sessions → their names now."""


def param(path: str) -> str:
    """The link's name of a scenario field: ``levers.trust`` → ``trust``."""
    return path.rsplit(".", 1)[-1]


def presenting() -> bool:
    return bool(st.session_state.get(keys.PRESENT))


def modernise_link() -> None:
    """Rename the old names of settings in the link (:data:`RENAMED`) to their names now."""
    for old, new in RENAMED.items():
        if old in st.query_params:
            values = st.query_params.get_all(old)
            del st.query_params[old]
            if new not in st.query_params:
                st.query_params[new] = values if len(values) > 1 else values[0]


def modernised(settings: dict[str, Any]) -> dict[str, Any]:
    """A page's saved settings with old names (:data:`RENAMED`) renamed."""
    return {RENAMED.get(key, key): value for key, value in settings.items()}


SETTINGS: dict[str, set[str]] = {}
"""Each page's setting keys, as its helpers declare them."""


def page() -> str:
    return st.session_state.get(keys.PAGE, "")


def _declare(key: str) -> None:
    SETTINGS.setdefault(page(), set()).add(key)


def _given(key: str, many: bool = False) -> Any:
    """The value a restored session or the link gives ``key`` (strings; a list if ``many``; the
    last one given otherwise), or None."""
    incoming = st.session_state.get(keys.INCOMING, {})
    if key in incoming:
        return incoming.pop(key)
    values = st.query_params.get_all(key)
    return None if not values else values if many else values[-1]


def _warn(message: str) -> None:
    st.session_state.setdefault(keys.URL_WARNINGS, []).append(message)


def url_warnings() -> None:
    """Show what the link or a loaded session asked for that is not allowed."""
    for message in st.session_state.pop(keys.URL_WARNINGS, []):
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
    saved = st.session_state.setdefault(keys.SAVED, {})
    saved[page()] = {
        key: _written(st.session_state[key])
        for key in SETTINGS.get(page(), ())
        if key in st.session_state
    }


def arrive(name: str) -> None:
    """On a switch to page ``name``: the last page's settings leave the link and the state, and
    this page's last settings (or a loaded session's) come back."""
    restore = st.session_state.pop(keys.RESTORE, False)
    if st.session_state.get(keys.PAGE) == name and not restore:
        return
    first = keys.PAGE not in st.session_state
    st.session_state[keys.PAGE] = name
    if first and not restore:
        return  # opened from a link: the link's settings apply
    for declared in SETTINGS.values():
        for key in declared:
            st.session_state.pop(key, None)
    for key in list(st.query_params):
        if key not in GLOBAL:
            del st.query_params[key]
    st.session_state[keys.INCOMING] = dict(st.session_state.get(keys.SAVED, {}).get(name, {}))
