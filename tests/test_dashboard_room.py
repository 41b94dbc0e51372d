"""The room session page under Streamlit's AppTest: a facilitator starts a session, participants
join and decide for their own team, the facilitator closes rounds, everyone sees the new round,
the debrief and export work, and every refusal (a wrong or another seat's token, a taken name, a
stale round, an unknown code) is a clear message in Dutch or English that changes nothing.

The browser test with phones (tests/test_dashboard_browser_room.py) covers the polling that
brings every screen up to date by itself.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import sys
import time
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.charts import styled as style_of
from sim.texts import text
from sim.workshop import Workshop, WorkshopError, ensemble, export, plausible, replay, views
from sim.workshop.session import running_code_version

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"
sys.path.insert(0, str(DASHBOARDS))

from roomkit import figures, qr, store, style  # noqa: E402

pytestmark = pytest.mark.timeout(300)

ENTRY = f"import runpy\nrunpy.run_path({str(DASHBOARDS / 'app.py')!r}, run_name='__main__')"
ROOM = str(DASHBOARDS / "views" / "room.py")


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch) -> Path:
    """Each test its own sessions' database, as ``LOSLATEN_WORKSHOP_DB`` gives the server, and
    a few replications per team (cheap)."""
    path = tmp_path / "room.sqlite"
    monkeypatch.setenv("LOSLATEN_WORKSHOP_DB", str(path))
    monkeypatch.setenv(ensemble.REPLICATIONS_ENVIRONMENT, "4")
    monkeypatch.setenv(plausible.MEMBERS_ENVIRONMENT, "3")
    replay.forget()
    yield path
    replay.forget()


@pytest.fixture
def ws(database) -> Workshop:
    return Workshop(database, create=True)


def room(**params: str) -> AppTest:
    """The room page opened from a link with these query parameters."""
    at = AppTest.from_string(ENTRY, default_timeout=240)
    at.query_params.update(params)
    at.switch_page(ROOM)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def again(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    """Everything the page says in words: headings, messages, markdown and raw HTML."""
    parts = [h.value for h in (*at.title, *at.subheader)]
    parts += [m.value for m in (*at.markdown, *at.caption, *at.info, *at.success, *at.warning)]
    parts += [e.value for e in at.error]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def new(ws: Workshop, teams: int = 3, **options):
    return ws.create("vicious_circle", teams, base_url="http://room.test/room", **options)


def seated(code: str, token: str, name: str) -> AppTest:
    """A participant's phone opened with its seat link, the name given."""
    at = room(session=code, seat=token)
    at.text_input(key="room_seat_name").input(name)
    at.button[0].click()
    return again(at)


def decide(at: AppTest, **percent: int) -> AppTest:
    for name, value in percent.items():
        if name == "address":
            at.toggle(key="room_address").set_value(bool(value))
        else:
            at.slider(key=f"room_{name}").set_value(value)
    at.button(key="room_submit").click()
    return again(at)


# --- a session from start to debrief ---------------------------------------------------------


def test_the_facilitator_starts_a_session_and_gets_the_big_screen_with_a_qr_code(ws):
    at = room()
    assert "Een sessie starten (begeleider)" in shown(at)
    assert at.selectbox(key="room_story").value == "vicious_circle"
    assert at.number_input(key="room_weeks").value == 13
    at.number_input(key="room_teams").set_value(4)
    at.text_input(key="room_base_url").input("http://192.168.1.20:8501/room")
    at.button(key="room_create").click()
    again(at)
    code, token = at.query_params["session"], at.query_params["facilitator"]
    status = ws.status(code)
    assert (status.teams, status.round_weeks, status.rounds) == (4, 13, 12)
    ws.check_facilitator(code, token)
    page = shown(at)
    assert f"Zaalsessie {code} · Vicieuze cirkel" in page
    assert "Ronde 1 van 12 is open" in page and "0 van 4 teams hebben een deelnemer" in page
    assert 'src="data:image/svg+xml' in page  # the QR code, drawn here
    assert f"http://192.168.1.20:8501/room?session={code}" in page
    assert at.button(key="room_close").label == "Ronde 1 sluiten"
    assert 'data-screen="screen" data-closed="0"' in page


def test_the_qr_code_holds_the_join_link():
    code = qr.qr_image("http://192.168.1.20:8501/room?session=ABC234")
    assert code.startswith("data:image/svg+xml")
    assert len(code) > 1000


def test_participants_join_decide_and_see_the_round_after_it_closes(ws):
    created = new(ws)
    joining = room(session=created.code)
    assert f"Sessie {created.code}" in shown(joining)
    joining.text_input(key="room_name").input("Ann")
    joining.button[0].click()
    again(joining)
    token = joining.query_params["seat"]
    assert token == created.seats[0].token  # the first free seat, its secret in the link
    assert "Ann · team 1" in shown(joining)
    assert "De eerste ronde is nog niet gespeeld" in shown(joining)
    assert [s.label for s in joining.slider][:2] == ["Vertrouwen dat u geeft",
                                                      "Hoe nauw u controleert"]  # fmt: skip
    decide(joining, trust=90, monitoring=10, firefighting=0, coaching=70, address=1)
    assert "Ingeleverd voor ronde 1" in shown(joining)
    (decision,) = ws.log(created.code).decisions
    assert decision.team == 1 and decision.round == 1
    assert decision.choices["trust"] == pytest.approx(0.9)
    assert decision.choices["monitoring"] == pytest.approx(0.1)
    assert decision.choices["address"] == 1.0

    screen = room(session=created.code, facilitator=created.facilitator_token)
    assert "1 van 3 hebben gekozen" in shown(screen) or "1 van 1 hebben gekozen" in shown(screen)
    screen.button(key="room_close").click()
    again(screen)
    assert ws.status(created.code).closed == 1
    assert "Ronde 2 van 12 is open" in shown(screen)
    assert "De organisatie na ronde 1:" in shown(screen)

    phone = room(session=created.code, seat=token)  # a reload: the same team back
    page = shown(phone)
    assert "Ann · team 1" in page and "Uw team na ronde 1:" in page
    assert "uw uren" in page and "vertrouwen in u" in page and "Uw week:" in page
    assert 'data-screen="participant" data-closed="1"' in page
    assert phone.slider(key="room_trust").value == 90  # last round's choices stand
    assert "Nog niet ingeleverd" in page


def test_the_week_is_one_budget_and_unsent_choices_survive_a_reload(ws):
    created = new(ws)
    token = created.seats[0].token
    ws.seat(created.code, token, name="Ann")
    phone = room(session=created.code, seat=token)
    budget = next(h.proto.body for h in phone.get("html") if "room-budget" in h.proto.body)
    shares = [int(n) for n in re.findall(r"</i>[^<]* (\d+)%</span>", budget)]
    assert len(shares) == 7 and abs(sum(shares) - 100) <= 3  # rounded parts of one 100%
    assert "brandjes blussen dat de situatie afdwingt" in budget
    phone.slider(key="room_firefighting").set_value(80)
    again(phone)
    assert phone.query_params["draft"].startswith("1:")  # unsent, kept in the address bar
    more = next(h.proto.body for h in phone.get("html") if "room-budget" in h.proto.body)
    chosen = r"brandjes blussen dat u kiest (\d+)%"
    assert int(re.search(chosen, more)[1]) > int(re.search(chosen, budget)[1])
    reloaded = room(session=created.code, seat=token, draft=phone.query_params["draft"])
    assert reloaded.slider(key="room_firefighting").value == 80  # back after a reload
    assert not ws.log(created.code).decisions  # nothing sent
    stale = room(session=created.code, seat=token, draft="7:1,2,3,4,5,1")  # another round's
    assert stale.slider(key="room_firefighting").value == 0


def test_a_wrong_seat_link_offers_the_join_form(ws):
    created = new(ws)
    at = room(session=created.code, seat="not-a-seat")
    assert "Deze link hoort niet bij een plaats in sessie" in errors(at)
    at.text_input(key="room_name").input("Cas")
    at.button[0].click()
    again(at)
    assert at.query_params["seat"] == created.seats[0].token
    assert "Cas · team 1" in shown(at)


def test_a_seat_link_opened_the_first_time_asks_for_a_name(ws):
    created = new(ws)
    at = seated(created.code, created.seats[2].token, "Bea")
    assert "Bea · team 3" in shown(at)
    assert ws.status(created.code).names[3] == "Bea"


def test_closing_rounds_until_the_end_and_the_debrief_with_export(ws):
    created = new(ws, rounds=2)
    seat = created.seats[0].token
    ws.seat(created.code, seat, name="Ann")
    ws.decide(created.code, seat, trust=0.1, monitoring=0.9, firefighting=0.8)
    screen = room(session=created.code, facilitator=created.facilitator_token)
    for _ in (1, 2):
        screen.button(key="room_close").click()
        again(screen)
    assert ws.status(created.code).state == "ended"
    assert "De sessie is afgelopen na 2 rondes" in shown(screen)
    assert not [b for b in screen.button if b.key == "room_close"]
    phone = room(session=created.code, seat=seat)
    assert "Dank u wel voor het meespelen" in shown(phone) and not phone.slider

    screen.segmented_control(key="room_view").set_value("debrief")
    again(screen)
    page = shown(screen)
    assert "Elk team tegen zijn eigen alternatieven" in page
    assert "**Team 1 (Ann)**, ronde 2: bevlogen" in page
    assert "Teams van 10 mensen" in page and "95%-banden" in page
    assert "Nog een jaar met dezelfde keuzes: bevlogen" in page  # the J-curve is not the end
    assert "vóór de gebeurtenissen uit het verhaal in de weken 53, 105" in page  # 2 rounds
    table = screen.table[0].value
    assert list(table["deelnemer"]) == ["Ann", "leidinggevende uit het verhaal",
                                        "leidinggevende uit het verhaal"]  # fmt: skip
    against = "bevlogen: tegen de manager uit het verhaal"
    assert {"bevlogen: sinds de eigen start", against} <= set(table.columns)
    assert table.loc[1, against].startswith("0,0 %-punt")  # run by the story: itself
    assert re.fullmatch(r"[+−]?\d+,\d %-punt \([+−]?\d+,\d %-punt … [+−]?\d+,\d %-punt\)",
                        table.loc[0, against])  # fmt: skip
    # how sure: in how many of the 3 plausible models the difference against the story holds
    models = views.debrief_models(ws, created.code, created.facilitator_token)  # kept: no runs
    engaged = models[models.kpi == "engagement_rate"].set_index("team")
    holding = "bevlogen: tegen het verhaal: klopt in plausibele modellen"
    assert list(table[holding]) == [
        f"{round(3 * engaged.at[1, 'holds'])} van 3",
        "geen verschil",
        "geen verschil",
    ]
    assert "Per team wordt het spel opnieuw gespeeld in 3 ervan (2 herhalingen per model" in page
    verdict = text(f"verdict.word.{engaged.at[1, 'verdict']}", "nl")
    assert f"plausibele modellen dezelfde kant op ({verdict})." in page
    downloads = {b.label: b for b in screen.main.get("download_button")}
    assert set(downloads) == {"Sessie (JSON)", "Tabellen (CSV en Parquet, zip)"}
    tables = export.tables(ws, created.code, created.facilitator_token, counterfactuals=True)
    document = json.loads(store.export_json(tables))
    assert document["session"]["code"] == created.code and len(document["rounds"]) == 2 * 3
    assert len(document["counterfactuals"]) == 2 * 3
    archive = store.export_zip(tables)
    names = set(zipfile.ZipFile(io.BytesIO(archive)).namelist())
    assert {"rounds.csv", "rounds.parquet", "counterfactuals.parquet"} <= names

    # the view and the team in words are in the link: a reload comes back to them
    screen.selectbox(key="room_debrief_team").set_value("2")
    again(screen)
    assert screen.query_params["room_view"] == "debrief"
    assert screen.query_params["room_debrief_team"] == "2"
    reloaded = room(**{k: screen.query_params[k] for k in screen.query_params})
    words = shown(reloaded)
    assert "**Team 2 (leidinggevende uit het verhaal)**, ronde 2" in words
    assert "**Team 1 (Ann)**" not in words
    assert reloaded.segmented_control(key="room_view").value == "debrief"

    screen.segmented_control(key="room_view").set_value("seats")
    again(screen)
    links = screen.dataframe[0].value
    assert list(links["link"]) == [s.url for s in created.seats]


@pytest.mark.parametrize(("lang", "ended", "note", "refused"), [
    ("NL", "De sessie is afgelopen na 1 ronde", "Na 1 gespeelde ronde:",
     "is afgelopen na 1 ronde;"),
    ("EN", "The session has ended after 1 round", "After 1 round played:",
     "has ended after 1 round;"),
])  # fmt: skip
def test_one_round_is_one_round_not_one_rounds(ws, lang, ended, note, refused):
    created = new(ws, rounds=2)
    screen = room(session=created.code, facilitator=created.facilitator_token, lang=lang)
    screen.button(key="room_close").click()
    again(screen)
    assert note in shown(screen)  # the end's confirmation
    ws.end(created.code, created.facilitator_token)
    ws.seat(created.code, created.seats[0].token, name="Ann")
    phone = room(session=created.code, seat=created.seats[0].token, lang=lang)
    late = room(session=created.code, lang=lang)  # the join link after the end
    for page, said in ((shown(again(screen)), ended), (shown(phone), ended),
                       (shown(late), refused)):  # fmt: skip
        assert said in page, page
        assert not re.search(r"\b1 (rondes|rounds)\b", page), page


def tiles_page(lang: str, dashboards: str) -> None:
    """The room's tiles (an AppTest page): changes that round to zero, then one up and one
    down."""
    import sys

    import streamlit as st

    sys.path.insert(0, dashboards)
    from roomkit import figures

    st.session_state["lang"] = lang.lower()  # the state holds the catalogue's name
    names = ["engagement_rate", "burnout_rate", "manager_hours", "productivity"]
    before = {"engagement_rate": 0.40, "burnout_rate": 0.10, "manager_hours": 45.0,
              "productivity": 1.0}  # fmt: skip
    figures.tiles({k: v + 0.0003 for k, v in before.items()}, before, names)
    figures.tiles({**before, "engagement_rate": 0.45, "burnout_rate": 0.12}, before, names)


@pytest.mark.parametrize(("lang", "zeros", "up", "down"), [
    ("NL", ["0,0 %-punt", "0,0 %-punt", "0,0 u", "0,00"], "+5,0 %-punt", "+2,0 %-punt"),
    ("EN", ["0.0 pp", "0.0 pp", "0.0 h", "0.00"], "+5.0 pp", "+2.0 pp"),
])  # fmt: skip
def test_a_tile_whose_change_shows_as_zero_has_no_sign_and_no_colour(lang, zeros, up, down):
    at = AppTest.from_function(tiles_page, args=(lang, str(DASHBOARDS)), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    flat, moved = (re.findall(r'<div class="c ([a-z]*)">([^<]*)</div>', h.proto.body)
                   for h in at.get("html"))  # fmt: skip
    assert flat == [("", zero) for zero in zeros]  # no sign, neither green nor orange
    assert moved[:2] == [("good", up), ("bad", down)]  # more burnout is worse


OTHER_CODE = {
    "NL": "Deze sessie is gestart met modelcode 0123456789abcdef; dit is {running}. De cijfers "
          "volgen de code die nu draait",
    "EN": "This session was started on model code 0123456789abcdef; this is {running}. The "
          "figures follow the code now running",
}  # fmt: skip


def test_a_session_started_on_other_code_says_so_on_every_screen(ws, database):
    created = new(ws, rounds=2)
    seat = created.seats[0].token
    ws.seat(created.code, seat, name="Ann")
    facilitator = {"session": created.code, "facilitator": created.facilitator_token}
    screens = {
        lang: (room(**facilitator, lang=lang), room(session=created.code, seat=seat, lang=lang))
        for lang in OTHER_CODE
    }
    warned = [w.value for pair in screens.values() for at in pair for w in at.warning]
    assert not [w for w in warned if "0123456789abcdef" in w]  # the same code
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE sessions SET code_version = '0123456789abcdef'")
    for lang, pair in screens.items():
        said = OTHER_CODE[lang].format(running=running_code_version())
        for at in pair:
            again(at)
            assert [w.value for w in at.warning if said in w.value], [w.value for w in at.warning]
    said = OTHER_CODE["NL"].format(running=running_code_version())
    screen = screens["NL"][0]
    screen.button(key="room_close").click()  # not refused: it can be played to the end
    again(screen)
    assert ws.status(created.code).closed == 1 and said in shown(screen)
    screen.segmented_control(key="room_view").set_value("debrief")
    again(screen)
    assert said in shown(screen) and screen.main.get("download_button")


def test_the_big_screen_in_presenter_mode_is_large_and_dark_with_a_way_out(ws):
    created = new(ws, rounds=3)
    ws.seat(created.code, created.seats[0].token, name="Ann")
    ws.close_round(created.code, created.facilitator_token)
    screen = room(session=created.code, facilitator=created.facilitator_token, present="true")
    styles = "".join(h.proto.body for h in screen.get("html"))
    assert "font-size: 22px" in styles  # the dashboard's presenter mode …
    assert style.BIG_CSS.strip() in styles  # … on the room's tiles, cards, join code and clock
    assert f'<div class="code">{created.code}</div>' in styles and 'class="room-card' in styles
    charts = [json.loads(c.proto.spec) for c in screen.get("plotly_chart")]
    large = {"size": 22, "color": "#1a1a1a"}  # ticks, axis titles and legend too
    for c in charts:
        layout = c["layout"]
        assert layout["font"] == layout["legend"]["font"] == large
        assert layout["xaxis"]["tickfont"] == layout["yaxis"]["title"]["font"] == large
    assert charts
    assert screen.button(key="exit_presenter").label == "Presentatie verlaten"
    screen.segmented_control(key="room_view").set_value("debrief")
    again(screen)
    assert screen.table and not screen.dataframe  # the teams' table: HTML, in large text
    assert "Ann" in screen.table[0].value.to_string()
    screen.button(key="exit_presenter").click()
    again(screen)
    assert screen.toggle(key="present").value is False
    assert style.BIG_CSS.strip() not in "".join(h.proto.body for h in screen.get("html"))


def test_a_countdown_closes_the_round_when_anyone_looks(ws):
    created = new(ws)
    ws.seat(created.code, created.seats[0].token, name="Ann")
    screen = room(session=created.code, facilitator=created.facilitator_token)
    screen.number_input(key="room_timer_seconds").set_value(10)
    screen.button(key="room_timer").click()
    again(screen)
    assert "nog 0:1" in shown(screen) or "nog 0:09" in shown(screen)
    ws.start_timer(created.code, created.facilitator_token, 1)
    time.sleep(1.1)
    phone = room(session=created.code, seat=created.seats[0].token)
    assert ws.status(created.code).closed == 1  # closed by the countdown, on a phone's look
    assert ws.record(created.code)[1][0].closed_by == "timer"
    assert 'data-closed="1"' in shown(phone)


# --- who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "seat_refused", "facilitator_refused"),
    [
        ("NL", "Deze link hoort niet bij een plaats in sessie", "niet die van de begeleider"),
        ("EN", "This link is not a seat of session", "not the facilitator's of session"),
    ],
)
def test_wrong_tokens_are_refused_in_the_chosen_language(ws, lang, seat_refused,
                                                         facilitator_refused):  # fmt: skip
    created, other = new(ws), new(ws)
    for token in ("nonsense", other.seats[0].token, created.facilitator_token):
        at = room(session=created.code, seat=token, lang=lang)
        assert seat_refused in errors(at) and not at.slider
    for token in (created.seats[0].token, other.facilitator_token):
        at = room(session=created.code, facilitator=token, lang=lang)
        assert facilitator_refused in errors(at)
        assert not [b for b in at.button if b.key == "room_close"]
    assert ws.status(created.code).closed == 0 and not ws.log(created.code).decisions


def test_a_seat_acts_only_for_its_own_team(ws):
    created = new(ws)
    phone = seated(created.code, created.seats[1].token, "Bob")
    decide(phone, trust=20)
    assert [d.team for d in ws.log(created.code).decisions] == [2]
    with pytest.raises(WorkshopError) as refused:  # what the page would send with a forged team
        ws.decide(created.code, created.seats[1].token, team=1, trust=0.5)
    assert store.refusal(refused.value) == (
        "Deze link hoort niet bij team 1: u kiest alleen voor uw eigen team."
    )
    assert [d.team for d in ws.log(created.code).decisions] == [2]


def test_a_decision_on_a_stale_page_is_refused_and_writes_nothing(ws):
    created = new(ws)
    phone = seated(created.code, created.seats[0].token, "Ann")
    ws.close_round(created.code, created.facilitator_token)  # while the phone still shows round 1
    decide(phone, trust=80)
    assert "Ronde 1 is niet meer open (ronde 2 wel)" in errors(phone)
    assert not ws.log(created.code).decisions


@pytest.mark.parametrize("lang", ["NL", "EN"])
def test_joining_is_checked_with_clear_messages(ws, lang):
    created = new(ws, teams=1)
    at = room(session=created.code, lang=lang)
    at.text_input(key="room_name").input("   ")
    at.button[0].click()
    again(at)
    assert errors(at) == {"NL": "Geef een naam van 1 tot 40 tekens.",
                          "EN": "Give a name of 1 to 40 characters."}[lang]  # fmt: skip
    ws.join(created.code, "Ann")
    at.text_input(key="room_name").input("ann")
    at.button[0].click()
    again(at)
    assert {"NL": "De naam ‘ann’ is al bezet", "EN": "The name ‘ann’ is taken"}[lang] in errors(at)
    at.text_input(key="room_name").input("Cas")
    at.button[0].click()
    again(at)
    assert {"NL": "Alle 1 plaatsen", "EN": "All 1 seats"}[lang] in errors(at)
    start = room(session="zzzzzz", lang=lang)  # a mistyped code in the link
    assert {"NL": "Er is geen sessie met code ‘zzzzzz’",
            "EN": "There is no session with code ‘zzzzzz’"}[lang] in errors(start)  # fmt: skip
    start.text_input(key="room_code").input("ZZZZZZ")
    start.text_input(key="room_name").input("Dan")
    start.button[0].click()
    again(start)
    assert {"NL": "Er is geen sessie met code ‘ZZZZZZ’",
            "EN": "There is no session with code ‘ZZZZZZ’"}[lang] in errors(start)  # fmt: skip
    assert "seat" not in start.query_params and ws.status(created.code).names == {1: "Ann"}


def test_joining_with_the_code_from_the_start_page(ws):
    created = new(ws)
    at = room()
    at.text_input(key="room_code").input(created.code.lower())
    at.text_input(key="room_name").input("Eva")
    at.button[0].click()
    again(at)
    assert at.query_params["session"] == created.code
    assert "Eva · team 1" in shown(at)


def test_every_refusal_of_the_backend_has_its_words_in_both_languages(ws):
    """Each refusal a participant or facilitator can meet is translated, not passed through."""
    created = new(ws, teams=1, rounds=1)
    seat = created.seats[0].token
    attempts = [
        lambda: ws.status("NOPE99"),
        lambda: ws.decide(created.code, "x", trust=0.5),
        lambda: ws.close_round(created.code, seat),
        lambda: ws.decide(created.code, seat, team=2, trust=0.5),
        lambda: ws.decide(created.code, seat, trust=1.5),
        lambda: ws.join(created.code, ""),
        lambda: ws.close_round(created.code, created.facilitator_token, round=3),
        lambda: ws.start_timer(created.code, created.facilitator_token),
        lambda: ws.start_timer(created.code, created.facilitator_token, 0),
        lambda: ws.create("vicious_circle", 0),
        lambda: ws.create("vicious_circle", 2, base_url="room.test"),
    ]
    ws.join(created.code, "Ann")
    attempts += [lambda: ws.join(created.code, "ANN"), lambda: ws.join(created.code, "Bob")]
    messages = []
    for attempt in attempts:
        with pytest.raises(WorkshopError) as refused:
            attempt()
        messages.append(refused.value)
    ws.close_round(created.code, created.facilitator_token)  # the last round: the session ends
    with pytest.raises(WorkshopError) as refused:
        ws.decide(created.code, seat, trust=0.5)
    messages.append(refused.value)
    for message in messages:
        assert any(re.match(p, str(message)) for p, _ in store.REFUSALS), message


def test_the_default_page_sends_a_session_link_to_the_room(ws):
    created = new(ws)
    at = AppTest.from_string(ENTRY, default_timeout=240)
    at.query_params.update({"session": created.code, "seat": created.seats[0].token})
    at.run()
    assert not at.exception
    assert "Sessie" in shown(at) and at.get("bidi_component") == []  # not the film
    assert at.text_input(key="room_seat_name")


def test_the_participant_page_in_english(ws):
    created = new(ws)
    ws.seat(created.code, created.seats[0].token, name="Ann")
    at = room(session=created.code, seat=created.seats[0].token, lang="EN")
    page = shown(at)
    assert "Ann · team 1" in page and "The first round has not been played yet" in page
    labels = [s.label for s in at.slider] + [at.toggle(key="room_address").label]
    assert labels == [
        "Trust you give",
        "How closely you monitor",
        "Time for coaching",
        "Time for vision and goals",
        "Doing the team's work yourself (firefighting)",
        "Address an employee who does not perform",
    ]
    assert at.button[0].label == "Submit for round 1"


def test_a_phone_s_charts_are_made_once_per_round_and_language(ws, monkeypatch):
    """A slider's move runs the phone's page again; its two charts are made once per team,
    round and language and shared (``figures.CHARTS_KEPT``), and another language gets its own."""
    created = new(ws, rounds=3)
    ws.seat(created.code, created.seats[0].token, name="Ann")
    ws.close_round(created.code, created.facilitator_token)
    made = []
    monkeypatch.setattr(figures, "styled", lambda fig, language, *a, **k: made.append(language)
                        or style_of(fig, language, *a, **k))  # fmt: skip
    figures._plane.clear()
    figures._history.clear()

    def charts(lang: str) -> list[dict]:
        phone = room(session=created.code, seat=created.seats[0].token, lang=lang)
        return [json.loads(c.proto.spec) for c in phone.get("plotly_chart")]

    dutch = charts("NL")
    assert made == ["nl", "nl"] and len(dutch) == 2  # the plane and the history
    assert charts("NL") == dutch and made == ["nl", "nl"]  # the same charts, not made again
    english = charts("EN")
    assert made == ["nl", "nl", "en", "en"]
    names = [{trace.get("name") for trace in c["data"]} for c in (*dutch, *english)]
    assert names[0] != names[2] and names[1] != names[3]  # each in its own language
