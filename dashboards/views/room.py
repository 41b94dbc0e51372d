"""Room session (issue 14): everyone in the room runs a team of a story from their own phone.

The link says who is looking: none — start a session (the facilitator) or join with a code;
``?session=CODE`` — join that session under a name; ``?session=CODE&seat=TOKEN`` — a participant's
team (the token brings it back after a reload or a restart); ``?session=CODE&facilitator=TOKEN``
— the big screen with the facilitator's controls and the debrief. What each may do is checked by
:mod:`sim.workshop`; this page shows it.
"""

from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from sim.scenario import MAX_WEEKS
from sim.workshop import (
    DEFAULT_BASE_URL,
    DEFAULT_ROUND_WEEKS,
    MAX_ROUND_SECONDS,
    MAX_ROUND_WEEKS,
    MAX_TEAMS,
    WorkshopError,
    late_events,
    views,
)

import keys
import library
import settings
from i18n import LANGUAGES, counted, lang, language_label, story, t
from roomkit import debrief as debriefing
from roomkit import figures, phone, poll, qr, store, style

PARTICIPANT_FIGURES = ["productivity", "engagement_rate", "burnout_rate", "trust_in_manager",
                       "manager_hours", "manager_energy"]  # fmt: skip
ORGANISATION_FIGURES = ["productivity", "engagement_rate", "burnout_rate", "profit",
                        "manager_hours"]  # fmt: skip
LINK = ("session", "seat", "facilitator")
PAGE = "room"

ws = store.workshop()
big = settings.presenting()
st.html(style.css(big))


def go_to(**params: str) -> None:
    """Put a session's link in the address bar (the language stays) and show it."""
    for key in LINK:
        if key in st.query_params:
            del st.query_params[key]
    st.query_params.update(params)
    st.session_state[keys.ROOM_LINK] = params
    st.rerun()


def here(**params: str) -> str:
    """This page's address in the browser with ``params`` as its query (a link to hand out)."""
    url = st.context.url or f"{DEFAULT_BASE_URL}/{PAGE}"
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))


def with_lang(url: str) -> str:
    """A link for the room in the facilitator's language (Dutch needs nothing)."""
    if lang() == LANGUAGES[0]:
        return url
    return f"{url}&{urlencode({keys.LANG: language_label(lang())})}"


# --- no session yet: start one, or join one -------------------------------------------------------


def start() -> None:
    st.title(t("room.page"), anchor=False)
    st.caption(t("room.intro"))
    join_form(None)
    st.subheader(t("room.new_title"), anchor=False)
    stories = {k: v for k, v in library.stories().items()}
    left, right = st.columns(2)
    key = left.selectbox(
        t("common.story"),
        list(stories),
        index=list(stories).index("vicious_circle"),
        format_func=story,
        key="room_story",
    )
    chosen = stories[key]
    left.caption(library.described(key, chosen))
    teams = right.number_input(
        t("room.teams"), 1, MAX_TEAMS, 8, 1, key="room_teams", help=t("room.teams_help")
    )
    row = right.columns(2)
    weeks = row[0].number_input(
        t("room.round_weeks"), 1, MAX_ROUND_WEEKS, DEFAULT_ROUND_WEEKS, 1, key="room_weeks"
    )
    most = max(1, MAX_WEEKS // int(weeks))
    fits = min(most, max(1, chosen.run.weeks // int(weeks)))
    rounds = row[1].number_input(
        t("room.rounds"), 1, most, fits, 1, key=f"room_rounds_{key}_{weeks}",
        help=counted("room.rounds_help", fits, fits=fits),
    )  # fmt: skip
    late = late_events(chosen, int(rounds), int(weeks))
    debriefing.late_warning(late, int(rounds), int(weeks))
    seconds = right.number_input(
        t("room.round_seconds"), 0, MAX_ROUND_SECONDS, 0, 30, key="room_seconds",
        help=t("room.round_seconds_help"),
    )  # fmt: skip
    address = st.text_input(
        t("room.base_url"), value=here(), key="room_base_url", help=t("room.base_url_help")
    )
    if "localhost" in address or "127.0.0.1" in address:
        st.caption(t("room.localhost_note"))
    if st.button(t("room.create"), type="primary", key="room_create", icon=":material/groups:"):
        try:
            created = ws.create(
                chosen if key.startswith(library.UPLOAD) else key,
                int(teams),
                round_weeks=int(weeks),
                rounds=int(rounds),
                round_seconds=int(seconds) or None,
                base_url=address.strip(),
            )
        except WorkshopError as err:
            store.refuse(err)
            return
        go_to(session=created.code, facilitator=created.facilitator_token)


def join_form(code: str | None) -> None:
    """Join a session under a name; the seat's secret link then stays in the address bar."""
    st.subheader(t("room.join_title"), anchor=False)
    with st.form("room_join", border=True):
        if code is None:
            code = st.text_input(t("room.code"), max_chars=6, key="room_code",
                                 help=t("room.code_help"))  # fmt: skip
        name = st.text_input(t("room.name"), max_chars=40, key="room_name")
        joined = st.form_submit_button(t("room.join"), type="primary")
    if not joined:
        return
    if not (code or "").strip():
        st.error(t("room.refusal.no_code"))
        return
    try:
        seat = ws.join(code, name)
    except WorkshopError as err:
        store.refuse(err)
        return
    go_to(session=code.strip().upper(), seat=seat.token)


def join_page(code: str, welcome: bool = True) -> None:
    try:
        status = ws.status(code)
    except WorkshopError as err:
        store.refuse(err)
        join_form(None)
        return
    if welcome:
        st.title(t("room.welcome", code=status.code), anchor=False)
    st.caption(t("room.session_line", story=story(status.story), teams=status.teams,
                 weeks=status.round_weeks))  # fmt: skip
    if status.round is None:
        ended = counted("room.refusal.ended", status.closed, code=status.code, closed=status.closed)
        st.warning(ended)
        return
    join_form(status.code)


# --- a participant ------------------------------------------------------------------------------


def participant(code: str, token: str) -> None:
    try:
        view = views.participant(ws, code, token)
    except WorkshopError as err:
        store.refuse(err)
        if str(err).startswith("token:"):  # a wrong seat link: join the session instead
            join_page(code, welcome=False)
        st.stop()
    status = ws.status(code)
    if view["name"] is None:  # a seat's link opened the first time
        st.title(t("room.welcome", code=view["code"]), anchor=False)
        with st.form("room_name_seat"):
            name = st.text_input(t("room.name"), max_chars=40, key="room_seat_name")
            named = st.form_submit_button(t("room.join"), type="primary")
        if named:
            try:
                ws.seat(code, token, name=name)
            except WorkshopError as err:
                store.refuse(err)
                st.stop()
            st.rerun()
        st.stop()

    st.subheader(f"{view['name']} · {t('room.team', team=view['team'])}", anchor=False)
    store.other_code(status)
    poll.watch(code, status, screen=False)
    now, history = view["now"], view["history"]
    signal = view["signal"]["code"]
    st.info(t(f"room.signal.{signal}"), icon=":material/record_voice_over:")
    if now is not None:
        before = history.iloc[-2].to_dict() if len(history) > 1 else None
        st.caption(t("room.after_round", round=int(now["round"])))
        figures.tiles(now, before, PARTICIPANT_FIGURES, own=True)
        figures.manager_week(now)
    st.caption(counted("room.bands.phone", view["replications"], size=view["team_size"],
                       replications=view["replications"]))  # fmt: skip
    if status.round is not None:
        phone.decide(ws, code, token, view, status)
    else:
        st.success(t("room.thanks"))
    st.plotly_chart(figures.plane(view["plane"], big), key="room_plane",
                    config=figures.config())  # fmt: skip
    st.caption(t("room.plane_caption", round=view["closed"]))
    if len(history):
        st.plotly_chart(figures.history(history, big), key="room_history",
                        config=figures.config())  # fmt: skip
    poll.mark("participant", status)


# --- the facilitator: the big screen, controls and the debrief ---------------------------------


def facilitator(code: str, token: str) -> None:
    try:
        ws.check_facilitator(code, token)
        screen = views.big_screen(ws, code)
    except WorkshopError as err:
        store.refuse(err)
        st.stop()
    status = ws.status(code)
    title = t("room.screen_title", code=status.code, story=story(status.story))
    (st.subheader if big else st.title)(title, anchor=False)
    store.other_code(status)
    view = settings.select(  # in the link: a reload (the page's guard, F5) keeps the view
        t("room.view"),
        "room_view",
        ["screen", "debrief", "seats"],
        "screen",
        format_func=lambda v: t(f"room.view_{v}"),
        widget="segmented_control",
        label_visibility="collapsed",
    )
    controls(code, token, status)
    if view == "debrief":
        debriefing.show(ws, code, token, big)
    elif view == "seats":
        seats(code, token)
    else:
        big_screen(code, token, status, screen)
    poll.mark("screen", status)


def controls(code: str, token: str, status) -> None:
    open_round = status.round
    left, middle, right = st.columns([1.3, 1.6, 1], vertical_alignment="bottom")
    with left:
        poll.watch(code, status, screen=True)
        if open_round is not None and st.button(
            t("room.close_round", round=open_round), type="primary", key="room_close",
            icon=":material/skip_next:", width="stretch",
        ):  # fmt: skip
            try:
                ws.close_round(code, token, round=open_round)
            except WorkshopError as err:
                store.refuse(err)
            else:
                st.rerun()
    if open_round is None:
        return
    with middle:
        row = st.columns([1, 1], vertical_alignment="bottom")
        seconds = row[0].number_input(
            t("room.timer_seconds"), 10, MAX_ROUND_SECONDS, status.round_seconds or 120, 10,
            key="room_timer_seconds",
        )  # fmt: skip
        if row[1].button(t("room.start_timer"), key="room_timer", icon=":material/timer:",
                         width="stretch"):  # fmt: skip
            try:
                ws.start_timer(code, token, int(seconds))
            except WorkshopError as err:
                store.refuse(err)
            else:
                st.rerun()
    with right.popover(t("room.end"), icon=":material/stop_circle:", width="stretch"):
        st.caption(counted("room.end_note", status.closed, closed=status.closed))
        if st.button(t("room.end_confirm"), key="room_end", type="primary"):
            try:
                ws.end(code, token)
            except WorkshopError as err:
                store.refuse(err)
            else:
                st.rerun()


def big_screen(code: str, token: str, status, screen: dict) -> None:
    teams, organisation = screen["teams"], screen["organisation"]
    left, right = st.columns([3, 1])
    if status.round is not None:  # nobody joins a session that has ended
        with right:
            qr.join_box(status.code, with_lang(status.join_url))
    with left:
        joined = sum(name is not None for name in status.names.values())
        decided = len(status.submitted)
        line = t("room.joined", joined=joined, teams=status.teams)
        if status.round is not None and joined:
            line += " · " + t("room.decided_count", decided=decided, joined=joined)
        st.markdown(line)
        back = [
            row["name"] or t("room.team", team=row["team"])
            for row in teams.to_dict("records")
            if row["pulling_back"]
        ]
        if back:
            st.warning(
                t("room.pulling_back_list", names=", ".join(back)), icon=":material/back_hand:"
            )
        if len(organisation):
            last = organisation.iloc[-1].to_dict()
            before = organisation.iloc[-2].to_dict() if len(organisation) > 1 else None
            st.caption(t("room.organisation_after", round=int(last["round"])))
            figures.tiles(last, before, ORGANISATION_FIGURES)
        else:
            st.caption(t("room.nothing_yet"))
    debriefing.late_warning(screen["late_events"], status.rounds, status.round_weeks)
    figures.team_cards(teams, open_round=status.round is not None)
    debriefing.bands_note(screen["replications"], screen["team_size"])
    if len(organisation):
        st.plotly_chart(
            figures.organisation_path(screen["weeks"], status.round_weeks, big),
            key="room_path",
            config=figures.config(),
        )


def seats(code: str, token: str) -> None:
    st.caption(t("room.seats_note"))
    rows = [
        {
            t("room.col.team"): seat.team,
            t("room.col.name"): seat.name or "—",
            t("room.col.link"): with_lang(seat.url),
        }
        for seat in ws.seats(code, token)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={t("room.col.link"): st.column_config.LinkColumn()})  # fmt: skip
    st.caption(t("room.facilitator_link"))
    st.code(with_lang(here(session=code, facilitator=token)), language=None)


# --- which screen -------------------------------------------------------------------------------

if "session" not in st.query_params and st.session_state.get(keys.ROOM_LINK):
    st.query_params.update(st.session_state[keys.ROOM_LINK])  # back on this page from another one
code = st.query_params.get("session")
if code is None:
    start()
elif st.query_params.get("facilitator"):
    facilitator(code, st.query_params["facilitator"])
elif st.query_params.get("seat"):
    participant(code, st.query_params["seat"])
else:
    join_page(code)
