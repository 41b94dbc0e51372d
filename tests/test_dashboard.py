"""The dashboard's pages under Streamlit's AppTest: every control renders and reacts, the pages
speak Dutch (or English), links reproduce and check their values, a page's settings stay its own,
a saved session loads, and bad input gets a clear message while the app keeps working.

Small organisations and few replications (through the link, as a shared link would set them)
keep these quick; the code paths are the real ones. The film's own controls (play, step, speed,
keyboard, "let go now") run in the browser: tests/test_dashboard_browser.py.
"""

from __future__ import annotations

import base64
import importlib
import inspect
import io
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageFont
from streamlit.testing.v1 import AppTest

import sim
from sim.claims import CLAIMS
from sim.coefficients import listing
from sim.ensemble import load_ensemble
from sim.ensemble.figure import label
from sim.experiments.batches import batch_seed, run_seed
from sim.experiments.uncertainty import verdict
from sim.patterns import GROUPS, PATTERNS
from sim.snapshot import QUADRANTS
from sim.texts import mechanism_doc, text

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"
sys.path.insert(0, str(DASHBOARDS))

import answers  # noqa: E402
import compute  # noqa: E402
import facts  # noqa: E402
import film  # noqa: E402

SMALL = {"employees": "20", "weeks": "24", "reps": "2"}

pytestmark = pytest.mark.timeout(300)

# Started from a string, app.py and its st.navigation run on every rerun, as under
# `streamlit run`.
ENTRY = f"import runpy\nrunpy.run_path({str(DASHBOARDS / 'app.py')!r}, run_name='__main__')"


def open_page(page: str = "workshop", **params: str | list[str]) -> AppTest:
    """Open a page directly, as a link with these query parameters would."""
    at = AppTest.from_string(ENTRY, default_timeout=240)
    at.query_params.update(params)
    if page != "workshop":
        at.switch_page(str(DASHBOARDS / "views" / f"{page}.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def switch(at: AppTest, page: str) -> AppTest:
    at.switch_page(str(DASHBOARDS / "views" / f"{page}.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart(at: AppTest, key: str) -> dict:
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id]
    return json.loads(found[0].proto.spec)


def values(array) -> np.ndarray:
    """An array of a figure's JSON (plotly writes numpy arrays as base64 typed arrays)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def film_data(at: AppTest) -> dict:
    return json.loads(at.get("bidi_component")[0].proto.json)


def words(at: AppTest) -> str:
    """The labels, captions, headings and messages a reader sees."""
    parts = [
        w.label
        for kind in ("select_slider", "slider", "selectbox", "toggle", "number_input", "button")
        for w in getattr(at, kind)
    ]
    parts += [m.label for m in at.metric] + [h.value for h in (*at.title, *at.subheader)]
    parts += [c.value for c in (*at.caption, *at.markdown, *at.info, *at.warning, *at.error)]
    return " ".join(parts)


# --- workshop -----------------------------------------------------------------------------------


def test_workshop_shows_tiles_film_series_and_what_happens():
    at = open_page(**SMALL)
    assert [m.label for m in at.metric] == [
        "burn-out",
        "bevlogen",
        "productiviteit",
        "uren per leidinggevende",
        "ziekteverzuim",
        "winst (index)",
    ]
    assert all("," in m.value or m.value.endswith("%") for m in at.metric)  # decimal commas
    data = film_data(at)
    assert data["weeks"] == list(range(25)) and data["employees"] == 20
    pleasure = np.frombuffer(base64.b64decode(data["frames"][3]["x"]), np.uint8)
    assert pleasure.size == 20  # a dot per employee
    assert len(data["frames"][-1]["teams"]) == 2
    assert [s["name"] for s in data["series"]][:2] == ["bevlogen", "burn-out"]
    assert data["words"]["let_go_now"] == "Laat nu los"
    assert data["phases"][0]["text"].startswith("Er gebeurt niets bijzonders")
    assert "De schuifjes zetten de hefbomen bij de start" in words(at)


def test_the_film_gives_its_ending_away_nowhere():
    """The film's tiles are, week by week, the mean of the four weeks up to the week shown (the
    series the film draws up to its cursor); what the run itself does (a grab) is marked for the
    film to show once reached; the outcome after the whole run is folded away, and on a
    projector not shown at all."""
    at = open_page(**SMALL)
    data = film_data(at)
    assert [tile["name"] for tile in data["tiles"]][:2] == ["burn-out", "bevlogen"]
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 20})
    series = compute.replicate(scenario.with_weeks(24).model_dump_json(), 2, 1)
    weekly = series.groupby("week")["burnout_rate"].mean() * 100
    tile = data["tiles"][0]
    assert len(tile["mean"]) == len(tile["baseline"]) == len(weekly) == 24
    assert tile["mean"][10] == pytest.approx(weekly.iloc[7:11].mean(), abs=1e-3)
    assert tile["mean"][0] == pytest.approx(weekly.iloc[0], abs=1e-3)
    assert all(e["revealed"] == (e["kind"] in {"grab", "relapse"}) for e in data["events"])
    assert any("verklapt het einde" in e.label for e in at.expander)
    big = open_page(**SMALL, present="true")
    assert not big.metric and film_data(big)["tiles"]


def test_tiles_are_the_kpis_of_the_runs():
    """The tiles' window means are the KPIs ``sim.run_batch`` reports for the same runs."""
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 20}).with_weeks(30)
    series = sim.replicate(scenario, reps=2, seed=3, series=True)
    names = ("burnout_rate", "engagement_rate", "productivity", "absence_rate", "profit")
    means = compute.window_means(series, scenario.run.measure_weeks, names)
    runs = [r.kpis for r in sim.run_batch(scenario, 2, seed=batch_seed(3))]
    for name in names:
        assert means[name] == pytest.approx(sum(r[name] for r in runs) / 2, rel=1e-9)


def test_moving_trust_changes_the_film_and_tiles_and_the_link():
    at = open_page(**SMALL)
    before, tiles = film_data(at)["frames"][-1], [m.value for m in at.metric]
    at.select_slider(key="trust").set_value(0.9).run()
    assert not at.exception
    assert film_data(at)["frames"][-1] != before
    assert [m.value for m in at.metric] != tiles
    assert at.query_params["trust"] == "0.9"


def test_every_other_lever_and_size_control_works():
    at = open_page(**SMALL)
    for key in ("vision", "responsibility", "freedom", "connection", "safety", "courage",
                "control_propensity", "pressure", "turbulence", "opportunist_share"):  # fmt: skip
        at.select_slider(key=key).set_value(0.7)
    at.number_input(key="employees").set_value(30)
    at.number_input(key="seed").set_value(2)
    at.number_input(key="reps").set_value(3).run()
    assert not at.exception
    assert film_data(at)["employees"] == 30
    assert at.query_params["courage"] == "0.7" and at.query_params["seed"] == "2"


def test_cached_experiments_give_every_session_its_own_copy():
    """One session changing what the cache gave it leaves the next session's copy alone."""
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 20}).with_weeks(8)
    first = compute.replicate(scenario.model_dump_json(), 1, 1)
    kept = first["burnout_rate"].copy()
    first["burnout_rate"] = -1.0
    again = compute.replicate(scenario.model_dump_json(), 1, 1)
    assert again is not first
    pd.testing.assert_series_equal(again["burnout_rate"], kept)


def test_letting_go_and_taking_control_are_events_and_phases():
    at = open_page(**SMALL)
    at.toggle(key="let_go").set_value(True).run()
    at.slider(key="let_go_week").set_value(8).run()
    at.toggle(key="tighten").set_value(True).run()
    at.slider(key="tighten_week").set_value(16).run()
    assert not at.exception
    data = film_data(at)
    mine = [(e["week"], e["kind"], e["label"]) for e in data["events"] if "(u)" in e["label"]]
    assert mine == [(8, "let_go", "loslaten (u)"), (16, "tighten", "ingrijpen (u)")]
    texts = [p["text"] for p in data["phases"]]
    assert any(t.startswith("Week 8: u laat los — vertrouwen 0,8") for t in texts)
    assert any(t.startswith("Week 16: u grijpt in — vertrouwen 0,2") for t in texts)
    at.button(key="undo").click().run()
    assert not any("(u)" in e["label"] for e in film_data(at)["events"])
    assert at.toggle(key="let_go").value is False
    assert "let_go" not in at.query_params  # off is the default


def test_links_with_the_old_names_of_the_interventions_still_work():
    """``letgo``/``grab`` (before they were named as the story's events) are read and rewritten
    in the link under their names now, ``let_go``/``tighten``."""
    at = open_page(**SMALL, letgo="true", letgo_week="8", grab="true", grab_week="16")
    assert not at.exception
    assert at.toggle(key="let_go").value is True and at.slider(key="let_go_week").value == 8
    assert at.toggle(key="tighten").value is True and at.slider(key="tighten_week").value == 16
    assert at.query_params["let_go_week"] == "8" and at.query_params["tighten"] == "true"
    assert not {"letgo", "letgo_week", "grab", "grab_week"} & set(at.query_params)


def test_story_sets_its_own_levers_and_its_phases():
    at = open_page(employees="20", weeks="156", reps="2")
    assert "Vicieuze cirkel" in [at.selectbox(key="story").format_func(o) for o in
                                 at.selectbox(key="story").options]  # fmt: skip
    at.selectbox(key="story").set_value("vicious_circle").run()
    assert not at.exception
    story = sim.load_scenario("vicious_circle")
    assert at.select_slider(key="courage").value == pytest.approx(story.managers.courage)
    data = film_data(at)
    assert [e["kind"] for e in data["events"] if e["kind"].startswith("shock")] == [
        "shock",
        "shock_end",
    ]
    assert [p["week"] for p in data["phases"]] == [0, 53, 105]
    assert data["phases"][1]["text"].startswith("Week 53: een resultatenschok van buiten")
    assert at.query_params["story"] == "vicious_circle"  # a neutral value in the link


def test_the_film_as_a_gif_for_slides():
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 30}).with_weeks(12)
    shots = film.shoot.__wrapped__(scenario.model_dump_json(), 1, 1)
    said = [(0, "Er gebeurt niets bijzonders — of toch? Vertrouwen → controle ← " * 4)]
    image = Image.open(io.BytesIO(film.gif(shots, said, "nl", "Basis")))
    assert image.format == "GIF" and image.n_frames == 13 and image.size == (1920, 1080)
    for frame in (0, 12):  # nothing clipped: a white margin all round
        image.seek(frame)
        pixels = np.asarray(image.convert("RGB"))
        margin = np.concatenate([pixels[:20].ravel(), pixels[-20:].ravel(),
                                 pixels[:, :20].ravel(), pixels[:, -20:].ravel()])  # fmt: skip
        assert (margin == 255).all()
    font = ImageFont.truetype(str(film.font_file()), 30)  # arrows and dashes, not empty boxes
    missing = bytes(font.getmask("\U000e0001"))
    assert all(bytes(font.getmask(sign)) != missing for sign in "→←—…")
    at = open_page(**SMALL)
    assert "Film als GIF (voor dia's)" in [b.label for b in at.get("download_button")]


def test_the_film_counts_burnout_as_the_burnout_series_does():
    """Someone on long burnout leave is a burnout dot: each frame's burnout share is the weekly
    burnout rate of the run filmed (sim.snapshot's one rule, not a re-classification)."""
    scenario = sim.load_scenario("vicious_circle", **{"organisation.employees": 60})
    shots = film.shoot.__wrapped__(scenario.model_dump_json(), 4, 1)
    model = sim.OrgModel(scenario, seed=run_seed(4, 0))
    for _ in range(scenario.run.weeks):
        model.step()
    rates = model.timeseries().set_index("week")["burnout_rate"]
    burnout = ((shots.code & 3) == QUADRANTS.index("burnout")).mean(axis=1)
    np.testing.assert_allclose(burnout[1:], rates.loc[shots.weeks[1:]].to_numpy(), atol=1e-12)
    on_leave = (shots.code & 4).astype(bool) & ((shots.code & 3) == QUADRANTS.index("burnout"))
    assert on_leave.any()


def test_link_reproduces_settings_and_warns_about_bad_values():
    at = open_page(**SMALL, trust="0.8", lang="EN", story="let_go")
    assert at.select_slider(key="trust").value == pytest.approx(0.8)
    assert at.selectbox(key="story").value == "let_go" and "Letting go" in words(at)
    at = open_page(**SMALL, trust="1.5", control="lots", story="upload:client")
    warned = " ".join(w.value for w in at.warning)
    assert "vertrouwen: 1.5 in de link is niet toegestaan (toegestaan: 0,00 … 1,00)" in warned
    assert "controle: 'lots' in de link is geen getal" in warned
    assert "'client' in de link is in een andere sessie geüpload" in warned
    assert at.select_slider(key="trust").value == 0.5 and len(at.metric) == 6
    at = open_page(employees="999999", weeks="24", reps="2")
    warned = " ".join(w.value for w in at.warning)
    assert "Medewerkers: 999999 in de link is niet toegestaan" in warned and "2.000" in warned


def test_language_switch_changes_every_word():
    at = open_page(**SMALL)
    dutch = words(at)
    assert "vertrouwen" in dutch and "trust" not in dutch
    at.segmented_control(key="lang").set_value("en").run()
    english = words(at)
    assert "trust" in english and "vertrouwen" not in english
    assert "engaged" in [m.label for m in at.metric] and "." in at.metric[2].value
    assert film_data(at)["words"]["let_go_now"] == "Let go now"


@pytest.mark.parametrize("given", ["en", "En"])  # "EN", as the switch writes it: everywhere
def test_a_link_in_english_is_english_from_the_first_load(given):
    at = open_page("explore", lang=given, points="2", reps="1", weeks="12")
    assert at.segmented_control(key="lang").value == "en"
    assert at.title[0].value == "Explore"


def test_presenter_mode_is_large_and_has_a_way_out():
    at = open_page(**SMALL, present="true")
    assert any("font-size: 22px" in h.proto.body for h in at.get("html"))
    assert film_data(at)["big"] is True
    assert "Kies een verhaal" not in words(at)
    exit_ = at.button(key="exit_presenter")
    assert exit_.label == "Presentatie verlaten"
    exit_.click().run()
    assert not at.exception and at.toggle(key="present").value is False
    assert not any("font-size: 22px" in h.proto.body for h in at.get("html"))


def test_presenter_menu_switches_the_language():
    at = open_page(**SMALL, present="true")
    at.segmented_control(key="lang_menu").set_value("en").run()
    assert not at.exception
    assert at.button(key="exit_presenter").label == "Leave presenter mode"


# --- uploads and sessions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"levers: [unclosed", "geen leesbare YAML (regel 1"),
        (b"levers:\n  trust: 3\n", "Vertrouwen (in het bestand: levers → trust): 3 mag niet"),
        (b"levers:\n  trsut: 0.5\n", "bedoelt u 'trust'?"),
        (b"organisation:\n  employees: 1000000\n", "aantal medewerkers: 1.000.000 valt buiten"),
        (b"\xff\xfe not text", "geen tekst in UTF-8"),
        (b"name: big\n" + b"#" * 1_100_000, "hoogstens 1.000.000 bytes"),
    ],
)
def test_bad_upload_is_explained_and_the_app_keeps_working(content, expected):
    at = open_page(**SMALL)
    at.sidebar.file_uploader(key="upload").upload("client.yaml", content, "application/yaml").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "client.yaml" in errors and expected in errors
    assert "levers.trust" not in errors  # no dotted paths
    assert len(at.metric) == 6 and at.get("bidi_component")


def test_valid_upload_joins_the_stories():
    text = sim.load_scenario("baseline").with_overrides(name="client", **{"levers.trust": 0.7})
    at = open_page(**SMALL)
    at.sidebar.file_uploader(key="upload").upload("client.yaml", text.to_yaml().encode()).run()
    assert "client" in " ".join(s.value for s in at.sidebar.success)
    story = at.selectbox(key="story")
    assert "client (geüpload)" in [story.format_func(o) for o in story.options]
    story.set_value("upload:client").run()
    assert not at.exception
    assert at.select_slider(key="trust").value == pytest.approx(0.7)


def saved_session(**pages: dict) -> bytes:
    client = sim.load_scenario("baseline").with_overrides(name="client", **{"levers.rules": 0.9})
    return json.dumps(
        {
            "mark": "loslaten-session",
            "version": 1,
            "lang": "NL",
            "page": next(iter(pages)),
            "pages": pages,
            "uploads": {"client": client.model_dump_json()},
        }
    ).encode()


def test_a_saved_session_brings_back_pages_variants_and_uploads():
    at = open_page(**SMALL)
    compare = {
        "variants": "3",
        "v0_story": "baseline",
        "v1_story": "upload:client",
        "v1_trust": "0.9",
        "v2_story": "vicious_circle",
        "reps": "2",
        "employees": "20",
        "weeks": "110",
    }
    file = saved_session(**{"compare": compare, "": {"reps": "4"}})
    at.sidebar.file_uploader(key="session_file").upload("mine.json", file, "application/json")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    loaded = "Sessie geladen: 2 pagina's en 1 geüploade scenario's."
    assert loaded in [s.value for s in at.sidebar.success]
    means = chart(at, "means")
    assert [bar["name"] for bar in means["data"][:3]] == [
        "Basis",
        "client (geüpload) (vertrouwen 0,9)",
        "Vicieuze cirkel",
    ]


def test_a_bad_session_file_is_explained():
    at = open_page(**SMALL)
    for content, expected in (
        (b"not json", "geen JSON-tekst"),
        (b'{"mark": "other"}', "kenmerk van een loslaten-sessie ontbreekt"),
        (b'{"mark": "loslaten-session", "version": 99}', "nieuwere versie (99)"),
    ):
        uploader = at.sidebar.file_uploader(key="session_file")
        uploader.upload("x.json", content, "application/json").run()
        assert not at.exception
        assert expected in " ".join(e.value for e in at.sidebar.error)
        assert len(at.metric) == 6


# --- settings stay on their page ----------------------------------------------------------------


def test_page_settings_do_not_leak_and_come_back():
    at = open_page(**SMALL)
    at.number_input(key="reps").set_value(3).run()
    switch(at, "compare")
    assert at.number_input(key="reps").value == 10  # the compare page's own default
    assert "trust" not in at.query_params and "reps" not in at.query_params
    at.number_input(key="reps").set_value(2)
    at.number_input(key="employees").set_value(20)
    at.number_input(key="weeks").set_value(24).run()
    switch(at, "workshop")
    assert at.number_input(key="reps").value == 3  # the workshop's, as it was left
    assert at.query_params["reps"] == "3"


# --- compare ------------------------------------------------------------------------------------


def test_compare_shows_differences_means_and_downloads():
    at = open_page("compare", **SMALL)
    means = chart(at, "means")
    assert len(means["data"]) == 6 * 2  # a bar per KPI and variant
    assert [bar["name"] for bar in means["data"][:2]] == [
        "Basis",
        "Basis (vertrouwen 0,8, controle 0,2, verantwoordelijkheid 0,8, vrijheid 0,8)",
    ]
    table = at.dataframe[0].value
    assert list(table["uitkomst"]) == ["burn-out", "bevlogen", "productiviteit",
                                       "ziekteverzuim", "uren per leidinggevende",
                                       "winst (index)"]  # fmt: skip
    assert table.at[0, "eenheid"] == "%; verschil in %-punt"  # the unit once, not in every cell
    assert table.at[4, "eenheid"] == "uren per week" and "%" not in table.iloc[0, -1]
    assert "burnout_rate" not in table.to_string()
    said = " ".join(m.value for m in at.markdown)
    assert "burn-out" in said and "Basis" in said  # the summary: about the first outcome shown
    labels = [b.label for b in at.main.get("download_button")]
    assert labels == [
        "Samenvatting (CSV)",
        "Reeksen (CSV)",
        "Reeksen (Parquet)",
        "Scenario's (YAML)",
        "Rapport voor de klant (HTML)",
    ]


def test_compare_with_model_uncertainty_shows_both_intervals_and_the_verdict():
    at = open_page("compare", **SMALL, models="true", models_n="3", models_reps="1")
    assert "Hoe zeker is het model? 3 plausibele modellen" in [h.value for h in at.subheader]
    table = at.dataframe[1].value
    assert list(table.columns) == ["uitkomst", "verschil", "marge (95%, toeval)",
                                   "band over de modellen (80%)", "eens", "oordeel"]  # fmt: skip
    # the replication answer is the page's own: the same differences as its first table
    first = at.dataframe[0].value
    assert list(table["uitkomst"]) == list(first["uitkomst"])
    assert [v.split(" ")[0] for v in table["verschil"]] == list(first.iloc[:, 4])
    for r in table.itertuples():  # three models: each agrees or not, the verdict by its rules
        holds = {"67%": 2 / 3, "100%": 1.0}[r.eens]
        assert r.oordeel == text(f"verdict.word.{verdict(holds)}", "nl")
        low, high = (float(v.split(" ")[0].replace("−", "-").replace(",", "."))
                     for v in r[4].split(" … "))  # fmt: skip
        assert low <= high  # the 10th percentile of the models' differences, then the 90th
    assert "robuust: minstens 9 op de 10" in words(at).lower()
    assert "Band over de modellen (CSV)" in [b.label for b in at.main.get("download_button")]
    at.toggle(key="models").set_value(False).run()
    assert "eens" not in at.dataframe[-1].value.columns


def test_compare_variants_are_controls_and_in_the_link():
    at = open_page("compare", **SMALL)
    at.button(key="add").click().run()
    at.selectbox(key="v2_story").set_value("bureaucracy")
    at.selectbox(key="v2_rules").set_value("1")
    at.text_input(key="v2_name").input("strak").run()
    assert not at.exception
    assert at.query_params["v"][2] == "bureaucracy~rules=1~name=strak"
    assert chart(at, "means")["data"][2]["name"] == "strak"
    at.button(key="remove").click().run()
    assert len(at.query_params["v"]) == 2
    at.multiselect(key="kpis").set_value(["profit", "trust"]).run()
    assert len(chart(at, "means")["data"]) == 2 * 2
    assert at.query_params["kpis"] == ["profit", "trust"]


def test_compare_reads_variants_from_the_link_and_explains_bad_ones():
    three = ["baseline", "baseline~trust=0.9", "vicious_circle"]
    at = open_page("compare", employees="20", weeks="110", reps="2", v=three)
    assert [bar["name"] for bar in chart(at, "means")["data"][:3]] == [
        "Basis",
        "Basis (vertrouwen 0,9)",
        "Vicieuze cirkel",
    ]
    at = open_page("compare", **SMALL, v=three)  # vicious_circle's shock comes after week 24
    assert "Een ingreep in week 52 valt na het einde van de run (week 24)" in at.error[0].value
    assert "interventions.0.week" not in at.error[0].value and not at.exception
    at = open_page("compare", **SMALL, v=["baseline", "baseline~trust=7~bogus=1"])
    warned = " ".join(w.value for w in at.warning)
    assert "'bogus=1'" in warned and "vertrouwen" in warned


def test_why_explains_with_its_pair_units_signs_and_replications():
    at = open_page("compare", **SMALL, why="true", why_kpi="burnout_rate", why_reps="2")
    why = chart(at, "why_chart")
    assert (
        why["layout"]["title"]["text"]
        .replace("<br>", " ")
        .startswith("Waarom verschillen 'Basis' en 'Basis (vertrouwen 0,8")
    )
    bars = why["data"][0]
    # the five largest mechanisms with their claims, the others together, the rest, the total
    others = len(sim.scenario.Mechanisms.model_fields) - 5
    assert bars["y"][-3:] == [
        f"overige mechanismen ({others})",
        "niet toe te wijzen",
        "totaal verschil",
    ]
    assert len(bars["y"]) == 8 and all("(C" in label for label in bars["y"][:5])
    assert "error_x" in bars
    assert "ablatie" not in " ".join(c.value for c in at.caption)
    assert "%-punt" in why["layout"]["xaxis"]["title"]["text"]
    notes = " ".join(c.value for c in at.caption)
    assert "2 herhalingen" in notes and "Naar rechts" in notes
    at.number_input(key="why_reps").set_value(3).run()
    assert "3 herhalingen" in " ".join(c.value for c in at.caption)
    at.selectbox(key="why_kpi").set_value("profit").run()
    assert at.query_params["why_kpi"] == "profit"
    assert "winst" in chart(at, "why_chart")["layout"]["title"]["text"]
    top = next(m.value for m in at.markdown if m.value.startswith("1. **")).split("\n")
    assert len(top) == 5 and "maakt winst (index)" in top[0]  # the five largest, in words


@pytest.mark.slow  # four sides of 76 channel settings: about 6 s
def test_why_reuses_the_reference_runs_for_another_pair():
    base = sim.load_scenario("baseline", **{"organisation.employees": 10, "run.weeks": 4,
                                            "run.measure_weeks": 2})  # fmt: skip
    a, b = (base.with_overrides(**{"levers.trust": v}).model_dump_json() for v in (0.5, 0.9))
    told: list[tuple[float, int]] = []
    got = compute.explain(a, b, 2, 3, _progress=lambda done, total: told.append((done, total)))
    want = sim.explain(sim.Scenario.model_validate_json(a), sim.Scenario.model_validate_json(b),
                       reps=2, seed=3)  # fmt: skip
    pd.testing.assert_frame_equal(got, want)  # the same figures as sim.explain
    assert told[-1] == (compute.explain_runs(2), compute.explain_runs(2))
    compute.explain.clear()  # the pair forgotten, its sides kept: nothing is simulated again
    told.clear()
    again = compute.explain(a, b, 2, 3, _progress=lambda done, total: told.append((done, total)))
    assert told == [] and again.equals(got)


def test_compare_takes_a_client_and_question_for_the_report():
    at = open_page("compare", **SMALL)
    at.text_input(key="client").input("Gemeente X")
    at.text_input(key="question").input("Wat levert vertrouwen op?").run()
    assert "**Vraag:** Wat levert vertrouwen op?" in [m.value for m in at.markdown]
    assert at.text_input(key="question").proto.max_chars == sim.report.QUESTION_MOST
    assert "client" not in at.query_params  # a client's name stays out of shared links


# --- explore, calibrate, model ------------------------------------------------------------------


def test_explore_sweep_has_ticks_on_cells_and_states_its_colours():
    at = open_page("explore", points="3", reps="1", weeks="12", kpi="burnout_rate")
    heat = chart(at, "sweep")
    assert list(values(heat["layout"]["xaxis"]["tickvals"])) == [0.0, 0.5, 1.0]
    assert heat["layout"]["xaxis"]["ticktext"] == ["0,00", "0,50", "1,00"]
    assert heat["data"][0]["reversescale"] is True  # lower burnout is better: yellow
    assert "geel = beter" in words(at)
    at.selectbox(key="x").set_value("levers.vision")
    at.selectbox(key="y").set_value("levers.vision").run()
    assert "Kies twee verschillende hefbomen." in words(at)


def test_phase_diagram_marks_the_best_d_and_says_where_the_argument_fails():
    at = open_page(
        "explore", view="phase", phase_points="3", phase_reps="3", phase_weeks="20",
        phase_kpi="productivity",
    )  # fmt: skip
    heat = chart(at, "phase")["data"][0]
    stars = [cell for row in heat["text"] for cell in row if "★" in cell]
    assert len(stars) == 3  # one per row of turbulence
    said = words(at)
    assert "★ markeert de beste d in elke rij (hogere productiviteit is beter)." in said
    assert "argument op" in said or "argument niet op" in said or "dezelfde d" in said
    # where it fails or holds, each turbulence with the interval of d = 1 against the best d
    where = [c.value for c in at.caption if c.value.startswith(("Waar het argument", "Waar het"))]
    assert where and all("95%:" in w or "(d = 1 is de beste)" in w for w in where)
    assert sum(w.count("(beste d") + w.count("(d = 1 is de beste)") for w in where) == 3
    for fragment in re.findall(r"95%: ([^)]*)\)", where[0] if "niet" in where[0] else ""):
        low, high = (float(v.replace("−", "-").replace(",", ".")) for v in fragment.split(" … "))
        assert low > 0 or high < 0  # where it fails, the interval excludes zero
    runs = answers.against_best(
        answers.simulate_phase(
            sim.load_scenario("baseline").with_weeks(20).model_dump_json(), 3, 3, 1
        ),
        "productivity",
    )
    assert (runs.loc[runs["d"] == runs["best"], "gap"] == 0).all()
    alike = [cell for row in heat["text"] for cell in row if "≈" in cell]
    undecided = (runs["d"] != runs["best"]) & (runs["low"] <= 0) & (runs["high"] >= 0)
    assert len(alike) == undecided.sum()
    assert at.slider(key="phase_reps").value == 3
    fresh = open_page("explore", view="phase", phase_points="2", phase_weeks="12",
                      phase_models="true", phase_members="2", phase_model_reps="1")  # fmt: skip
    assert fresh.slider(key="phase_reps").value == 10  # enough replications by default
    # over plausible models: per cell, the share of them in which this d beats d = 0
    shares = chart(fresh, "phase_models_chart")["data"][0]
    assert [row[0] for row in shares["text"]] == ["—", "—"]  # d = 0 is the reference
    assert all(cell in ("0%", "50%", "100%") for row in shares["text"] for cell in row[1:])
    runs = answers.phase_models(
        sim.load_scenario("baseline").with_weeks(12).model_dump_json(), 2, 2, 1, 1
    )  # kept: the page's own runs
    assert runs["member"].nunique() == 2 and len(runs) == 4 * 2
    want = answers.decentral_wins(runs, "adaptation_error")
    assert [c for row in shares["text"] for c in row[1:]] == [
        f"{round(100 * v)}%" for v in want.loc[want["decentralisation"] == 1.0, "share"]
    ]
    assert "Aandeel van 2 plausibele modellen waarin decentraal wint" in words(fresh)
    for name in ("adaptation_error", "profit"):
        fresh.segmented_control(key="phase_kpi").set_value(name).run()
        assert not fresh.exception


def test_decentral_wins_counts_the_models_in_which_d_beats_central():
    """Two turbulences, three models, two replications: d = 1 beats d = 0 on productivity in
    every model when turbulent, in one of three when stable; d = 0 is the reference."""
    gains = {0.0: [-1.0, -2.0, 0.5], 1.0: [1.0, 2.0, 3.0]}  # d = 1 minus d = 0, per model
    runs = pd.DataFrame(
        [
            {"decentralisation": d, "turbulence": tb, "member": m, "rep": rep,
             "productivity": 1.0 + d * gains[tb][m] + 0.1 * rep}
            for tb in gains for d in (0.0, 1.0) for m in range(3) for rep in range(2)
        ]
    )  # fmt: skip
    wins = answers.decentral_wins(runs, "productivity").set_index(
        ["turbulence", "decentralisation"]
    )
    assert wins.loc[(1.0, 1.0), "share"] == 1.0
    assert wins.loc[(0.0, 1.0), "share"] == pytest.approx(1 / 3)
    assert wins.loc[[(0.0, 0.0), (1.0, 0.0)], "share"].isna().all()
    runs["burnout_rate"] = runs["productivity"]  # lower is better: the shares turn round
    wins = answers.decentral_wins(runs, "burnout_rate").set_index(
        ["turbulence", "decentralisation"]
    )
    assert wins.loc[(0.0, 1.0), "share"] == pytest.approx(2 / 3)
    runs["burnout_absence_ratio"] = runs["productivity"]  # no better or worse: no shares
    assert answers.decentral_wins(runs, "burnout_absence_ratio").empty


def test_shipped_answers_hold_only_for_their_inputs_and_this_code(tmp_path):
    frame = pd.DataFrame({"rep": [0, 1], "productivity": [0.9, 1.1]})
    answers.ship("phase", {"points": 2}, frame, tmp_path)
    assert answers.shipped("phase", {"points": 2}, tmp_path).equals(frame)
    assert answers.shipped("phase", {"points": 3}, tmp_path) is None
    path = tmp_path / "phase.json"
    stale = json.loads(path.read_text())
    stale["stamp"]["code_version"] = "an older model"
    path.write_text(json.dumps(stale))
    assert answers.shipped("phase", {"points": 2}, tmp_path) is None


def test_the_shipped_phase_diagram_is_what_this_code_computes():
    """The phase diagram as it opens is shipped (scripts/answers.py): its stamp matches this
    code, and a cell of it simulated again gives the same runs."""
    defaults = answers.PHASE_DEFAULTS
    scenario_json = sim.load_scenario(defaults["story"]).model_dump_json()
    asked = (defaults["points"], defaults["reps"], defaults["seed"])
    runs = answers.shipped("phase", answers.phase_inputs(scenario_json, *asked))
    assert runs is not None, "the shipped answers are stale: run `make answers`"
    assert answers.shipped("patterns", answers.PATTERNS_DEFAULTS) is not None
    scenario = sim.Scenario.model_validate_json(scenario_json)
    cell = answers.decentralised(scenario, 1.0).with_overrides(**{"environment.turbulence": 0.0})
    again = [
        r.kpis["productivity"] for r in sim.run_batch(cell, defaults["reps"], defaults["seed"])
    ]
    shipped = runs[(runs["decentralisation"] == 1.0) & (runs["turbulence"] == 0.0)]
    assert np.allclose(shipped["productivity"].to_numpy(), again)


def test_calibrate_fits_and_offers_the_scenario():
    at = open_page("calibrate", employees="20", weeks="24", reps="1", use_engagement_rate="false")
    assert not at.get("plotly_chart")
    at.button(key="fit").click().run()
    assert not at.exception and not at.error
    fit = chart(at, "fit_chart")["data"]
    assert [trace["name"] for trace in fit] == ["doel", "bereikt"]
    assert "Gekalibreerd scenario (YAML)" in [b.label for b in at.get("download_button")]
    said = " ".join(m.value for m in at.markdown)
    assert "Hoeveel energie medewerkers van zichzelf hebben" in said and "→" in said
    at.text_input(key="burnout_rate").input("10,5").run()  # a decimal comma is a number
    assert "veranderd" in at.info[0].value  # the finished fit stays, marked as stale
    assert at.query_params["burnout_rate"] == "10,5" and not at.button(key="fit").disabled


def test_calibrate_blocks_the_fit_while_a_figure_is_wrong_and_says_why():
    at = open_page("calibrate", employees="20", weeks="24", reps="1", burnout_rate="14,5 %")
    assert not at.button(key="fit").disabled and not at.error
    assert "%" in [c.value for c in at.caption]  # the unit is shown
    at.text_input(key="burnout_rate").input("veertien").run()
    assert at.button(key="fit").disabled
    assert "burn-out: ‘veertien’ is geen getal" in at.error[0].value
    assert "Aanpassen kan pas" in at.warning[0].value
    at.text_input(key="burnout_rate").input("140").run()
    assert at.button(key="fit").disabled and "kies van 0 tot 100 (%)" in at.error[0].value


def test_calibrate_refuses_impossible_targets_in_plain_words():
    at = open_page(
        "calibrate", employees="20", weeks="24", reps="1", burnout_rate="70", engagement_rate="60"
    )
    at.button(key="fit").click().run()
    assert not at.exception
    assert "tellen op tot 130,0%" in at.error[0].value


def test_model_page_lists_claims_mechanisms_and_switches_in_dutch():
    at = open_page("model")
    claims = at.dataframe[0].value
    assert list(claims["claim"]) == [f"C{i}" for i in range(1, 18)]
    carried = dict(zip(claims["claim"], claims["mechanisme(n)"], strict=True))
    assert "Controle grijpen of vasthouden" in carried["C4"]
    assert "—" not in carried.values()  # every claim is carried by some mechanism module
    modules = sorted(p.stem for p in (Path(sim.__file__).parent / "mechanisms").glob("[!_]*.py"))
    # the claims in full, one per mechanism, then how the plausible models were found
    assert len(at.main.expander) == 1 + len(modules) + 1
    for name, expander in zip(modules, at.main.expander[1:-1], strict=True):
        said = [m.value for m in expander.markdown]
        assert said[0] == mechanism_doc(name, "nl") and said[0], name  # Dutch first
        assert [c.value for c in expander.caption] == ["Uit de broncode (in het Engels)"]
        assert said[-1] == inspect.cleandoc(
            importlib.import_module(f"sim.mechanisms.{name}").__doc__
        )
    switches = at.dataframe[1].value
    assert "verdringing door controle" in list(switches["mechanisme"])
    assert "C2 Controle verdringt motivatie" in switches.to_string()


@pytest.mark.parametrize(
    ("lang", "header", "full"), [("NL", "De claims", "voluit"), ("EN", "The claims", "in full")]
)
def test_model_page_shows_all_claims_from_sim_claims(lang, header, full):
    at = open_page("model", lang=lang)
    assert header in [h.value for h in at.subheader]
    titles = list(at.dataframe[0].value[""])
    assert titles == [c.title(lang) for c in CLAIMS.values()]
    expander = at.expander[0]
    assert full in expander.label
    shown = expander.markdown[0].value
    for c in CLAIMS.values():
        assert f"**{c.id} {c.title(lang)}.** {c.text(lang)}" in shown
    other = "nl" if lang.lower() == "en" else "en"
    assert CLAIMS["C4"].text(other) not in shown
    channels = at.main.expander[1]  # the first mechanism module
    assert channels.markdown[0].value == mechanism_doc("channels", lang.lower())
    # what the evidence constrains: each varied coefficient, the most narrowed on top
    ensemble = load_ensemble()
    kept = chart(at, "kept_ranges")
    prior, ranges, narrowed = kept["data"]
    assert sorted(prior["y"]) == sorted(label(n) for n in ensemble.names)
    narrower = {label(r["name"]): 1 - (r["high"] - r["low"]) / (r["prior_high"] - r["prior_low"])
                for r in ensemble.kept_ranges()}  # fmt: skip
    drawn = [narrower[name] for name in prior["y"]]
    assert drawn == sorted(drawn)  # drawn bottom-up: the most narrowed last, on top
    assert narrowed["text"][-1] == f"{round(100 * max(drawn))}%"
    assert ranges["name"] == text("model.ensemble.kept", lang.lower())
    said = [c.value for c in at.caption]
    counts = {"members": len(ensemble), "coefficients": len(ensemble.names)}
    assert text("ensemble.figure.summary", lang.lower(), **counts,
                targets=len(ensemble.targets)) in said  # fmt: skip
    assert at.main.expander[-1].label == text("ensemble.figure.how", lang.lower())


# --- the model page: where trust does not win, the patterns, the coefficients -------------------

# English words that are not Dutch (as in the browser test), for the model page's own texts.
ENGLISH = re.compile(
    r"\b(the|and|with|from|this|that|which|when|where|not|more|less|than|pattern|target|"
    r"trust|control|burnout|engaged|engagement|rules|vision|freedom|source|assumed|fitted|"
    r"coefficients?|replications?)\b"
)


def own_words(at: AppTest) -> str:
    """The model page's own texts: everything a reader sees but the source code's docstrings (in
    the mechanisms' expanders), the coefficients' meanings, units and sources (in the table's
    last columns) and command names in backticks."""
    inside = {m.value for e in at.main.expander for m in e.markdown}
    parts = [h.value for h in (*at.title, *at.subheader)]
    parts += [c.value for c in (*at.caption, *at.markdown, *at.info, *at.warning, *at.success)]
    parts = [p for p in parts if p not in inside]
    parts += [w.label for kind in ("button", "toggle", "number_input", "multiselect")
              for w in getattr(at, kind)]  # fmt: skip
    parts += [m.label for m in at.metric] + [tab.label for tab in at.tabs]
    return re.sub(r"`[^`]*`", "", " ".join(parts))


def pattern_tables(at: AppTest) -> list:
    return [d.value for d in at.dataframe if "patroon" in d.value or "pattern" in d.value]


def first_kind(tables: list) -> str:
    return tables[0].iloc[0]["soort bewijs"]


def test_model_page_shows_where_trust_does_not_win_near_the_top():
    at = open_page("model")
    headings = [h.value for h in at.subheader]
    assert headings[:2] == [
        "Waar vertrouwen niet wint",
        f"Getoetst aan {len(PATTERNS)} patronen uit onderzoek",
    ]
    said = " ".join(m.value for m in at.markdown)
    for start in ("Als er veel opportunisten zijn, loont controle",
                  "wint centraal besluiten", "Vrijheid zonder visie loopt uiteen",
                  "Vertrouwen zonder opvolging ondermijnt de prestatie",
                  "Een paar regels werken beter dan geen"):  # fmt: skip
        assert start in said
    opens = [b for b in at.button if b.key and b.key.startswith("open_")]
    assert [b.key for b in opens] == [
        "open_opportunists",
        "open_hayek",
        "open_vision",
        "open_rules",
    ]
    assert all(b.label == "Openen in Vergelijken" for b in opens)
    # nothing computed before it is asked for: the only chart is the plausible models' ranges
    assert [c.proto.id.endswith("kept_ranges") for c in at.get("plotly_chart")] == [True]
    pending = "De gemeten waarden verschijnen als de patronen zijn berekend (hieronder)."
    assert [c.value for c in at.caption].count(pending) == len(facts.LIMITS)
    assert not ENGLISH.findall(own_words(at)), ENGLISH.findall(own_words(at))


def test_a_limit_opens_its_story_in_the_compare_page():
    at = open_page("model")
    at.button(key="open_opportunists").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["v"] == ["opportunists", "opportunists~control=0.8"]
    assert [bar["name"] for bar in chart(at, "means")["data"][:2]] == [
        "Veel opportunisten",
        "Veel opportunisten (controle 0,8)",
    ]
    assert "misconduct_loss" in at.query_params["kpis"]  # what the limit is about


def test_the_patterns_at_their_default_replications_come_shipped():
    at = open_page("model", patterns="true")  # ten replications, seed 1: no simulation
    summary = " ".join(m.value for m in (*at.success, *at.warning))
    assert re.search(r"patronen gehaald \(10 herhalingen, seed 1; berekend in 0,\d s\)", summary)
    assert [c for c in at.get("plotly_chart") if "patterns_" in c.proto.id]  # one per group


def test_a_limit_opens_its_grid_in_the_explore_page():
    at = open_page("model")
    opens = [b for b in at.button if b.key and b.key.startswith("explore_")]
    assert [b.key for b in opens] == [f"explore_{key}" for key in facts.EXPLORE]
    assert all(b.label == "Openen in Verkennen" for b in opens)
    at.button(key="explore_hayek").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["view"] == "phase" and at.query_params["phase_kpi"] == "productivity"
    assert chart(at, "phase")["data"][0]["type"] == "heatmap"


def test_every_limit_names_known_patterns_and_stories():
    names = {p.name for p in PATTERNS}
    library = set(sim.builtin_scenarios())
    for key, patterns, variants in facts.LIMITS:
        assert set(patterns) <= names, key
        for variant in variants:
            assert variant.split("~")[0] in library, variant
        if variants:
            settings = facts.compare_settings(key)
            assert settings["variants"] == str(len(variants))


@pytest.mark.slow  # ten seconds of CPU: the patterns with two replications
def test_patterns_are_computed_on_demand_grouped_with_intervals_in_dutch():
    at = open_page("model", reps="2")
    at.toggle(key="patterns").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    summary = " ".join(m.value for m in (*at.success, *at.warning))
    found = re.search(r"(\d+) van de (\d+) patronen gehaald \(2 herhalingen, seed 1;", summary)
    met = int(found[1])
    assert int(found[2]) == len(PATTERNS)
    gaps = [p for p in PATTERNS if p.kind == "gap"]
    assert "Per soort bewijs: kalibratie " in summary
    assert re.search(rf"bekend gat \d+/{len(gaps)}", summary)
    listed = " ".join(m.value for m in at.markdown)
    assert "**Bekende gaten.**" in listed
    assert all(text(f"model.pattern.{p.name}.name", "nl") in listed for p in gaps)
    tabs = [tab.label for tab in at.tabs]
    assert [label.rsplit(" (", 1)[0] for label in tabs] == [
        "Kalibratie: de publieke cijfers", "Geloofwaardige grenzen", "Vertrouwen", "Controle",
        "Het verhaal van de leidinggevende", "Hayek, Simon en hun critici",
        "Consequenties, collega's en druk", "Een stabiele start",
    ]  # fmt: skip
    drawn = [c for c in at.get("plotly_chart") if "patterns_" in c.proto.id]
    assert len(drawn) == len(GROUPS)
    tables = pattern_tables(at)
    shown = pd.concat(tables)
    assert len(shown) == len(PATTERNS) and (shown["gehaald?"] == "✓ gehaald").sum() == met
    assert list(tables[0].columns) == [
        "patroon", "doel", "waarde", "95%-interval", "gehaald?", "soort bewijs", "claim", "bron",
    ]  # fmt: skip
    assert first_kind(tables) == "kalibratie"
    first = tables[0].iloc[0]
    assert first["patroon"] == "burn-outklachten" and first["waarde"].endswith("%")
    assert "," in first["waarde"] and " … " in first["95%-interval"]
    assert first["claim"] == "C15 Cijfers" and first["bron"].startswith("het boek")
    burnout = chart(at, "patterns_calibration")
    assert burnout["layout"]["annotations"][0]["text"] == "burn-outklachten (%)"
    measured = [c.value for c in at.caption if "95%-interval" in c.value]
    assert measured[0].startswith("controle loont als er veel opportunisten zijn: ")
    assert "Patronen (CSV)" in [b.label for b in at.get("download_button")]
    words_ = (
        own_words(at)
        + " "
        + " ".join(
            " ".join(t[c].astype(str))
            for t in tables
            for c in ("patroon", "doel", "gehaald?", "bron")
        )
    )
    assert not ENGLISH.findall(words_), sorted(set(ENGLISH.findall(words_)))
    assert at.query_params["patterns"] == "true" and at.query_params["reps"] == "2"


def test_patterns_in_english_and_a_missed_one_named(monkeypatch):
    """With a made-up measurement (no simulation): a pattern out of its range is not met, named
    in the summary and marked in its table and chart."""

    def fake(reps, seed, executor, progress):
        rows = [
            {"name": p.name, "claim": p.claim, "source": p.source, "target": p.target,
             "value": p.low, "ci_low": p.low, "ci_high": p.low, "low": p.low, "high": p.high,
             "met": True, "kind": p.kind, "group": p.group, "unit": p.unit}
            for p in PATTERNS
        ]  # fmt: skip
        rows[0] |= {"value": 0.3, "ci_low": 0.29, "ci_high": 0.31, "met": False}
        return pd.DataFrame(rows)

    monkeypatch.setattr(sim.patterns, "evaluate", fake)
    facts.evaluate.clear()
    try:
        at = open_page("model", lang="EN", patterns="true", reps="3", seed="7")
    finally:
        facts.evaluate.clear()
    summary = at.warning[0].value
    assert summary.startswith(
        f"{len(PATTERNS) - 1} of {len(PATTERNS)} patterns met (3 replications"
    )
    assert "Not met: burnout complaints." in summary
    table = pattern_tables(at)[0]
    assert table.iloc[0]["met?"] == "✗ not met" and table.iloc[0]["value"] == "30.0%"
    dot = chart(at, "patterns_calibration")["data"][1]["marker"]
    assert dot["symbol"] == "x"  # not met: a cross, not only a colour
    calibration = sum(p.group == "calibration" for p in PATTERNS)
    assert at.tabs[0].label == f"Calibration: the public figures ({calibration - 1}/{calibration})"
    assert "Where trust does not win" in [h.value for h in at.subheader]


def test_every_coefficient_is_listed_with_its_provenance_and_filters():
    every = listing(sim.load_scenario("baseline").coefficients)
    counts = {p: sum(r["provenance"] == p for r in every) for p in ("sourced", "fitted", "assumed")}
    at = open_page("model")
    assert [m.value for m in at.metric] == [str(counts[p]) for p in counts]
    assert [m.label for m in at.metric] == ["uit onderzoek", "gefit", "aangenomen"]
    said = " ".join(m.value for m in at.markdown)
    assert f"{len(every)} coëfficiënten: {counts['sourced']} uit onderzoek" in said
    assert "Wat ‘aangenomen’ betekent" in at.info[0].value
    table = next(d.value for d in at.dataframe if "coëfficiënt" in d.value)
    assert len(table) == len(every)
    assert list(table.columns) == ["coëfficiënt", "betekenis", "waarde", "bereik", "eenheid",
                                   "herkomst", "bron", "mechanisme"]  # fmt: skip
    assert set(table["herkomst"]) == {"uit onderzoek", "gefit", "aangenomen"}
    at.multiselect(key="provenance").set_value(["fitted"]).run()
    table = next(d.value for d in at.dataframe if "coëfficiënt" in d.value)
    assert len(table) == counts["fitted"] and set(table["herkomst"]) == {"gefit"}
    at.multiselect(key="mechanism").set_value(["workforce"])
    at.multiselect(key="provenance").set_value(["sourced"]).run()
    table = next(d.value for d in at.dataframe if "coëfficiënt" in d.value)
    assert list(table["coëfficiënt"]) == ["workforce.burnout_absence_weeks"]
    assert table.iloc[0]["bereik"] == "20 … 52" and table.iloc[0]["waarde"] == "34,6"
    assert table.iloc[0]["mechanisme"] == "Verzuim, verloop en werving"
    assert table.iloc[0]["betekenis"] == "gemiddelde duur van verzuim door burn-out"
    assert table.iloc[0]["eenheid"] == "weken" and table.iloc[0]["bron"].startswith("ArboNed")
    assert f"1 van de {len(every)} coëfficiënten getoond." in " ".join(c.value for c in at.caption)
    assert at.query_params["mechanism"] == "workforce"  # AppTest shows one value as a string
    assert "Coëfficiënten (CSV)" in [b.label for b in at.get("download_button")]
    at = open_page("model", lang="EN", provenance="assumed")
    table = next(d.value for d in at.dataframe if "coefficient" in d.value)
    assert len(table) == counts["assumed"] and set(table["provenance"]) == {"assumed"}
    assert "What “assumed” means" in at.info[0].value
    assumed = [r for r in every if r["provenance"] == "assumed"]
    assert list(table["meaning"]) == [r["doc"] for r in assumed]  # the source's own words
    assert list(table["unit"]) == [r["unit"] for r in assumed]


def test_model_page_coefficients_csv_keeps_the_source_s_columns_adds_dutch_in_dutch(monkeypatch):
    rows = facts.coefficients()
    monkeypatch.setattr(facts, "lang", lambda: "en")
    assert list(pd.read_csv(io.StringIO(facts.coefficient_csv(rows))).columns) == list(rows.columns)
    monkeypatch.setattr(facts, "lang", lambda: "nl")
    dutch = pd.read_csv(io.StringIO(facts.coefficient_csv(rows))).set_index("name")
    assert list(dutch.columns[-2:]) == ["doc_nl", "unit_nl"]
    row = dutch.loc["coefficients.workforce.burnout_absence_weeks"]
    assert (row["doc"], row["unit"]) == ("mean length of burnout sick leave", "weeks")
    assert (row["doc_nl"], row["unit_nl"]) == ("gemiddelde duur van verzuim door burn-out", "weken")
