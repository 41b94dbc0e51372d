"""The dashboard's pages under Streamlit's AppTest: they render, react, switch language and
refuse bad input with a clear message while the app keeps working.

Small organisations and few replications (through the URL, as a shared link would set them) keep
these quick; the code paths are the real ones.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

import sim
from sim.claims import CLAIMS
from sim.experiments.batches import batch_seed

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"
sys.path.insert(0, str(DASHBOARDS))

import charts  # noqa: E402
import common  # noqa: E402

SMALL = {"employees": "20", "weeks": "24", "reps": "2"}

pytestmark = pytest.mark.timeout(300)


# AppTest (Streamlit 1.67) takes a `pages/` folder beside the entry point for the legacy
# multipage layout and then reruns the page without app.py; started from elsewhere, app.py and
# its st.navigation run on every rerun, as they do under `streamlit run`.
ENTRY = f"import runpy\nrunpy.run_path({str(DASHBOARDS / 'app.py')!r}, run_name='__main__')"


def open_page(page: str = "workshop", **params: str) -> AppTest:
    """Open a page directly, as a link with these query parameters would."""
    at = AppTest.from_string(ENTRY, default_timeout=240)
    at.query_params.update(params)
    if page != "workshop":
        at.switch_page(str(DASHBOARDS / "pages" / f"{page}.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_data(at: AppTest, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def values(array) -> np.ndarray:
    """An array of a figure's JSON (plotly writes numpy arrays as base64 typed arrays)."""
    if isinstance(array, dict):
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        shape = array.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")]) if shape else flat
    return np.asarray(array)


def texts(at: AppTest) -> str:
    parts = [w.label for kind in ("slider", "selectbox", "toggle") for w in getattr(at, kind)]
    parts += [m.label for m in at.metric] + [h.value for h in at.title]
    return " ".join(parts)


# --- workshop -----------------------------------------------------------------------------------


def test_workshop_shows_tiles_film_and_bands():
    at = open_page(**SMALL)
    assert [m.label for m in at.metric] == [
        "burn-out",
        "bevlogen",
        "productiviteit",
        "uren leidinggevende",
        "ziekteverzuim",
        "winst (index)",
    ]
    film, bands = chart_data(at, 0), chart_data(at, 1)
    weeks = [int(f["name"]) for f in film["frames"]]
    assert weeks == [*range(0, 24, 4), 24]
    dots = film["frames"][0]["data"][0]
    assert values(dots["x"]).size == 20  # one dot per employee
    assert ((values(dots["x"]) >= 0) & (values(dots["y"]) <= 1)).all()
    teams = values(film["frames"][-1]["data"][1]["z"])  # engaged − burnout share per team
    assert teams.size == 2 and ((teams >= -1) & (teams <= 1)).all()
    assert {trace["name"] for trace in bands["data"] if trace.get("name")} == {
        "deze instellingen",
        "basis",
    }


def test_tiles_are_the_kpis_of_the_runs():
    """The tiles' window means are the KPIs ``sim.run_batch`` reports for the same runs."""
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 20}).with_weeks(30)
    series = sim.replicate(scenario, reps=2, seed=3, series=True)
    names = ("burnout_rate", "engagement_rate", "productivity", "absence_rate", "profit")
    means = common.window_means(series, scenario.run.measure_weeks, names)
    runs = [r.kpis for r in sim.run_batch(scenario, 2, seed=batch_seed(3))]
    for name in names:
        assert means[name] == pytest.approx(sum(r[name] for r in runs) / 2, rel=1e-9)


def test_moving_trust_changes_the_charts():
    at = open_page(**SMALL)
    before = (chart_data(at, 0)["frames"][-1], chart_data(at, 1)["data"])
    tiles = [m.value for m in at.metric]
    at.slider(key="trust").set_value(0.9).run()
    assert not at.exception
    after = (chart_data(at, 0)["frames"][-1], chart_data(at, 1)["data"])
    assert after[0] != before[0]
    assert after[1] != before[1]
    assert [m.value for m in at.metric] != tiles
    assert any(m.delta for m in at.metric)  # now different from the baseline


def test_letting_go_adds_an_intervention():
    at = open_page(**SMALL)
    last = chart_data(at, 0)["frames"][-1]
    at.toggle(key="letgo").set_value(True).run()
    at.slider(key="letgo_week").set_value(8).run()
    assert not at.exception
    assert chart_data(at, 0)["frames"][-1] != last


def test_story_sets_its_own_levers():
    at = open_page(**SMALL)
    stories = at.selectbox(key="story").options
    assert "vicious circle" in stories
    at.selectbox(key="story").set_value("vicious_circle").run()
    assert not at.exception
    story = sim.load_scenario("vicious_circle")
    assert at.slider(key="courage").value == pytest.approx(story.managers.courage)
    assert at.slider(key="control_propensity").value == pytest.approx(
        story.managers.control_propensity
    )


def test_link_reproduces_settings_and_names_bad_sizes():
    at = open_page(**SMALL, trust="0.8", lang="EN")
    assert at.slider(key="trust").value == pytest.approx(0.8)
    assert "Letting go" in texts(at)
    at = open_page(employees="999999", weeks="24", reps="2")
    warning = " ".join(w.value for w in at.warning)
    assert "organisation.employees" in warning and "2,000" in warning
    assert len(at.metric) == 6  # the story's size is used; the page still works


def test_language_switch_changes_labels():
    at = open_page(**SMALL)
    dutch = texts(at)
    assert "vertrouwen" in dutch and "trust" not in dutch
    at.segmented_control(key="lang").set_value("EN").run()
    english = texts(at)
    assert "trust" in english and "vertrouwen" not in english
    assert "engaged" in [m.label for m in at.metric]


def test_presenter_mode_restyles():
    at = open_page(**SMALL, present="true")
    assert any("font-size: 20px" in h.proto.body for h in at.get("html"))
    assert not at.caption or "Kies een verhaal" not in at.caption[0].value


# --- uploads ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"levers: [unclosed", "malformed YAML"),
        (b"levers:\n  trust: 3\n", "levers.trust"),
        (b"levers:\n  trsut: 0.5\n", "trsut"),
        (b"organisation:\n  employees: 1000000\n", "organisation.employees"),
        (b"\xff\xfe not text", "UTF-8"),
        (b"name: big\n" + b"#" * 1_100_000, "1,000,000"),
    ],
)
def test_bad_upload_is_explained_and_the_app_keeps_working(content, expected):
    at = open_page(**SMALL)
    at.sidebar.file_uploader[0].upload("client.yaml", content, "application/yaml").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "client.yaml" in errors and expected in errors
    assert len(at.metric) == 6 and len(at.get("plotly_chart")) == 2


def test_valid_upload_joins_the_stories():
    text = sim.load_scenario("baseline").with_overrides(name="client", **{"levers.trust": 0.7})
    at = open_page(**SMALL)
    at.sidebar.file_uploader[0].upload("client.yaml", text.to_yaml().encode()).run()
    assert "client" in " ".join(s.value for s in at.sidebar.success)
    story = at.selectbox(key="story")
    assert "client (geüpload)" in story.options
    story.set_value("upload:client").run()
    assert not at.exception
    assert at.slider(key="trust").value == pytest.approx(0.7)


# --- the other pages ----------------------------------------------------------------------------


def test_compare_shows_means_differences_and_downloads():
    at = open_page("compare", **SMALL)
    assert len(at.get("plotly_chart")) == 1
    means = chart_data(at, 0)
    assert len(means["data"]) == 6 * 2  # a bar per KPI and variant
    assert [bar["name"] for bar in means["data"][:2]] == [
        "baseline",
        "baseline (vertrouwen 0.8, controle 0.2, verantwoordelijkheid 0.8, vrijheid 0.8)",
    ]
    assert len(at.dataframe[-1].value) == 6  # a difference per KPI
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "Samenvatting (CSV)",
        "Reeksen (CSV)",
        "Reeksen (Parquet)",
        "Scenario's (YAML)",
        "Rapport (HTML)",
    ]
    at.toggle(key="why").set_value(True).run()
    assert not at.exception
    why = chart_data(at, 1)["data"][0]
    assert "total" in why["y"] and "remainder" in why["y"]


def test_compare_reads_variants_from_the_link():
    three = ["baseline", "baseline~trust=0.9", "vicious_circle"]
    at = open_page("compare", employees="20", weeks="110", reps="2", v=three)
    assert [bar["name"] for bar in chart_data(at, 0)["data"][:3]] == [
        "baseline",
        "baseline (vertrouwen 0.9)",
        "vicious circle",
    ]
    at = open_page("compare", **SMALL, v=three)  # vicious_circle's shock comes after week 24
    assert "interventions.0.week" in at.error[0].value and not at.exception
    at = open_page("compare", **SMALL, v=["baseline"])
    assert "minstens twee" in at.info[0].value


def test_report_is_standalone():
    figure = charts.styled(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    page = charts.report_html("Client <A>", "made today", [], [figure])
    assert page.startswith("<!DOCTYPE html>") and "Client &lt;A&gt;" in page
    assert "plotly.js" in page.lower() and "<script src=" not in page  # works offline


def test_explore_sweep_and_phase_diagram():
    at = open_page("explore", points="2", reps="2", weeks="12")
    heat = chart_data(at, 0)["data"][0]
    assert heat["type"] == "heatmap" and values(heat["z"]).shape == (2, 2)
    at.segmented_control(key="view").set_value("phase").run()
    assert not at.exception
    at.slider(key="phase_points").set_value(2).run()
    at.number_input(key="phase_weeks").set_value(12).run()
    heat = chart_data(at, 0)["data"][0]
    assert heat["type"] == "heatmap" and values(heat["z"]).shape == (2, 2)


def test_calibrate_fits_and_offers_the_scenario():
    at = open_page("calibrate", employees="20", weeks="24", reps="1", use_engagement_rate="false")
    assert not at.get("plotly_chart")
    at.button[0].click().run()
    assert not at.exception and not at.error
    fit = chart_data(at, 0)["data"]
    assert [trace["name"] for trace in fit] == ["doel", "bereikt"]
    assert "Gekalibreerd scenario (YAML)" in [b.label for b in at.get("download_button")]
    at.number_input(key="burnout_rate").set_value(10.0).run()
    assert "veranderd" in at.info[0].value  # the finished fit stays, marked as stale
    assert at.get("plotly_chart")


def test_calibrate_refuses_impossible_targets():
    at = open_page(
        "calibrate", employees="20", weeks="24", reps="1", burnout_rate="70", engagement_rate="60"
    )
    at.button[0].click().run()
    assert not at.exception
    assert "exceed 1" in at.error[0].value


def test_model_page_lists_every_claim_with_its_mechanisms():
    at = open_page("model", lang="EN")
    claims = at.dataframe[0].value
    assert list(claims["claim"]) == [f"C{i}" for i in range(1, 18)]
    carried = dict(zip(claims["claim"], claims["mechanism(s)"], strict=True))
    assert "control" in carried["C4"]
    assert "—" not in carried.values()  # every claim is carried by some mechanism module
    modules = list((Path(sim.__file__).parent / "mechanisms").glob("[!_]*.py"))
    assert len(at.expander) == 1 + len(modules)  # the claims in full, then one per mechanism


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
    other = "en" if lang == "NL" else "nl"
    assert CLAIMS["C4"].text(other) not in shown
