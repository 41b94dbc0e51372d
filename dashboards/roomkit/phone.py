"""The participant's choices for the round: trust, monitoring, the manager's time and
non-performers, with the week they make as one budget that sums to 100%.

The sliders are outside a form, so the week follows them while they move; what is not yet
submitted is kept in the address bar (``?draft=ROUND:t,m,c,v,f,a`` in %), so a reload brings it
back.
"""

from __future__ import annotations

import html

import streamlit as st

from sim import texts
from sim.workshop import CHOICES, WEEK_PARTS, WorkshopError, hold_on_to_trust

import keys
from i18n import lang, t
from roomkit import store

DRAFT = "draft"  # the query parameter with the unsent choices
PART_COLOURS = {"reporting": "#9a9a9a", "monitoring": "#CC79A7", "forced_firefighting": "#8c3a00",
                "chosen_firefighting": "#D55E00", "vision": "#009E73", "coaching": "#0072B2",
                "free": "#e4e4e4"}  # fmt: skip


def defaults(chosen: dict, scenario) -> dict[str, float]:
    """The form's values: the choices as they stand; where nobody chose yet, the story's own
    levers (no fire-fighting, non-performers addressed)."""
    reference = hold_on_to_trust(dict.fromkeys(CHOICES), scenario)
    reference |= {"coaching": scenario.levers.connection, "vision": scenario.levers.vision,
                  "address": 1.0}  # fmt: skip
    return {k: reference[k] if chosen.get(k) is None else chosen[k] for k in CHOICES}


def draft(round_: int) -> dict[str, float] | None:
    """The unsent choices for ``round_`` in the address bar (None: none, or another round's)."""
    text = st.query_params.get(DRAFT, "")
    head, _, values = text.partition(":")
    parts = values.split(",")
    if head != str(round_) or len(parts) != len(CHOICES):
        return None
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if not all(0 <= n <= 100 for n in numbers):
        return None
    return {k: n / 100 for k, n in zip(CHOICES, numbers, strict=True)}


def _sliders() -> dict[str, float]:
    chosen = {k: st.session_state[keys.room_choice(k)] / 100 for k in CHOICES[:-1]}
    chosen["address"] = 1.0 if st.session_state[keys.ROOM_ADDRESS] else 0.0
    return chosen


def _keep_draft(round_: int) -> None:
    """Put the sliders as they stand in the address bar (a reload brings them back)."""
    values = ",".join(str(round(100 * v)) for v in _sliders().values())
    st.query_params[DRAFT] = f"{round_}:{values}"


def week_budget(split: dict[str, float]) -> None:
    """The manager's next week as one bar of 100%: each part's share, the fire-fighting the
    situation forces apart from the fire-fighting chosen."""
    hours = texts.number(split["hours"], lang(), 0)
    bar, legend = [], []
    for part in WEEK_PARTS:
        share, colour = split[part], PART_COLOURS[part]
        bar.append(f'<span style="width:{100 * share:.1f}%;background:{colour}"></span>')
        legend.append(
            f'<span><i style="background:{colour}"></i>{html.escape(t(f"room.budget.{part}"))} '
            f"{texts.number(100 * share, lang(), 0)}%</span>"
        )
    words = t("room.budget.title", hours=hours)
    st.html(
        f'<div class="room-legend"><b>{html.escape(words)}</b></div>'
        f'<div class="room-week" role="img" aria-label="{html.escape(words)}">{"".join(bar)}</div>'
        f'<div class="room-legend room-budget">{" ".join(legend)}</div>'
    )


def decide(ws, code: str, token: str, view: dict, status) -> None:
    """The round's choices (sliders outside a form: the week follows them) and the submit. Not
    a fragment: a page that came back by itself after a server restart keeps its fragments'
    old names, which the new server ignores (a submit would be lost)."""
    mine = (code, token, status.round)
    if st.session_state.get(keys.ROOM_FORM_FOR) != mine:  # the first look, a reload, a new round
        values = draft(status.round) or defaults(view["choices"], ws.log(code).scenario)
        for k in CHOICES:
            st.session_state[keys.room_choice(k)] = (
                values[k] >= 0.5 if k == "address" else round(100 * values[k])
            )
        st.session_state[keys.ROOM_FORM_FOR] = mine
    keep = {"on_change": _keep_draft, "args": (status.round,)}
    with st.container(border=True, key="room_choices"):
        st.markdown(f"**{t('room.choices_title', round=status.round)}**")
        for k in ("trust", "monitoring"):
            st.slider(t(f"room.choice.{k}"), 0, 100, step=5, format="%d%%", key=keys.room_choice(k),
                      help=t(f"room.choice_help.{k}"), **keep)  # fmt: skip
        st.markdown(t("room.budget.choices"))
        for k in ("coaching", "vision", "firefighting"):
            st.slider(t(f"room.choice.{k}"), 0, 100, step=5, format="%d%%", key=keys.room_choice(k),
                      help=t(f"room.choice_help.{k}"), **keep)  # fmt: skip
        st.toggle(t("room.choice.address"), key=keys.ROOM_ADDRESS,
                  help=t("room.choice_help.address"), **keep)  # fmt: skip
        chosen = _sliders()
        week_budget(ws.week(code, view["team"], chosen))
        sent = st.button(
            t("room.submit", round=status.round), type="primary", width="stretch", key="room_submit"
        )
    shown = st.session_state.get(keys.ROOM_ROUND_SHOWN, status.round)  # what the page showed
    st.session_state[keys.ROOM_ROUND_SHOWN] = status.round
    if sent:
        try:
            ws.decide(code, token, team=view["team"], round=shown, **chosen)
        except WorkshopError as err:
            store.refuse(err)
            return
        st.session_state[keys.ROOM_SENT] = (code, token, status.round)
        if DRAFT in st.query_params:
            del st.query_params[DRAFT]
        st.rerun()
    if view["submitted"] or st.session_state.get(keys.ROOM_SENT) == (code, token, status.round):
        st.success(t("room.submitted", round=status.round), icon=":material/check:")
    else:
        st.caption(t("room.not_submitted"))
