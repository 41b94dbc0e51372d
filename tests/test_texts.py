"""The catalogue of texts in Dutch and English, numbers as people read them, and colours that
stay apart for colour-blind readers."""

from __future__ import annotations

import itertools
import pkgutil
import re
import string

import numpy as np
import pandas as pd
import pytest

import sim
import sim.mechanisms
from sim import charts, events, texts
from sim.coefficients import listing
from sim.patterns import GROUPS, PATTERNS
from sim.scenario import Mechanisms


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a catalogue text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_key_with_the_same_placeholders():
    """The same keys but for the coefficients' meanings and units, which English takes from the
    source (``texts.FROM_SOURCE``): Dutch has them, English copies none."""
    nl, en = texts.catalogue("nl"), texts.catalogue("en")
    from_source = {k for k in nl if k.startswith(tuple(f"{b}." for b in texts.FROM_SOURCE))}
    assert from_source and not any(k.startswith(texts.FROM_SOURCE) for k in en)
    nl = {k: v for k, v in nl.items() if k not in from_source}
    assert set(nl) == set(en)
    for key in nl:
        assert type(nl[key]) is type(en[key]), key
        pairs = (
            zip(nl[key], en[key], strict=True)
            if isinstance(nl[key], list)
            else [(nl[key], en[key])]
        )
        for dutch, english in pairs:
            assert placeholders(dutch) == placeholders(english), key
            assert dutch.strip() and english.strip(), key


def test_every_kpi_field_mechanism_module_and_story_has_its_words():
    for lang in texts.LANGS:
        for name in sim.KPI_NAMES:
            assert texts.has(f"kpi.{name}", lang), name
        for name in Mechanisms.model_fields:
            assert texts.has(f"mechanism.{name}", lang), name
            assert texts.mechanism_claims(name), f"{name} cites no claim"
        for info in pkgutil.iter_modules(sim.mechanisms.__path__):
            assert texts.has(f"module.{info.name}", lang), info.name
        for name in sim.builtin_scenarios():
            story = sim.load_scenario(name)
            assert texts.has(f"story.{name}.name", lang)
            phases = texts.items(f"story.{name}.phases", lang)
            assert len(phases) == len(story.interventions) + 1, name  # one before each


def test_every_pattern_group_and_coefficient_record_has_its_words_in_both_languages():
    """The model page shows the patterns (``sim.patterns``) and the coefficients in the chosen
    language: each pattern's name, target and source, each group, each record's mechanism."""
    records = {row["mechanism"] for row in listing(sim.Scenario().coefficients)}
    for lang in texts.LANGS:
        for pattern in PATTERNS:
            for part in ("name", "target", "source"):
                assert texts.has(f"model.pattern.{pattern.name}.{part}", lang), pattern.name
        for group in GROUPS:
            assert texts.has(f"model.group.{group}", lang), group
        for record in records:
            assert texts.has(f"module.{record}", lang) or texts.has(f"model.record.{record}", lang)
    named = {key.split(".")[2] for key in texts.catalogue("nl") if key.startswith("model.pattern.")}
    assert named == {p.name for p in PATTERNS}  # none left over from a renamed pattern
    dutch = [texts.text(f"model.pattern.{p.name}.name", "nl") for p in PATTERNS]
    assert len(set(dutch)) == len(dutch)


def test_every_lever_has_a_plain_name():
    for lang in texts.LANGS:
        for section in ("levers", "environment", "workforce", "managers", "organisation", "run"):
            fields = type(getattr(sim.Scenario(), section)).model_fields
            for name in fields:
                assert texts.has(f"field.{section}.{name}", lang), f"{section}.{name}"


@pytest.mark.parametrize(
    ("lang", "share", "points", "hours", "change", "number"),
    [
        ("nl", "14,1%", "−1,2 %-punt", "38,8 u", "+1,2 u", "1.234,50"),
        ("en", "14.1%", "−1.2 pp", "38.8 h", "+1.2 h", "1,234.50"),
    ],
)
def test_numbers_in_each_language(lang, share, points, hours, change, number):
    assert texts.kpi_value("burnout_rate", 0.1412, lang) == share
    assert texts.kpi_change("burnout_rate", -0.0123, lang) == points
    assert texts.kpi_value("manager_hours", 38.81, lang) == hours
    assert texts.kpi_change("manager_hours", 1.2, lang) == change
    assert texts.number(1234.5, lang) == number
    assert texts.kpi_value("profit", float("nan"), lang) == "—"


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("nl", "na 1 ronde", "na 2 rondes"), ("en", "after 1 round", "after 2 rounds")],
)
def test_one_round_is_singular(lang, one, two):
    assert texts.counted("room.ended", 1, lang, closed=1).endswith(one)
    assert texts.counted("room.ended", 2, lang, closed=2).endswith(two)
    assert texts.counted("room.ended", 0, lang, closed=0).endswith(two.replace("2", "0"))
    for key in ("room.end_note", "room.refusal.ended", "room.rounds_help"):
        said = texts.counted(key, 1, lang, closed=1, fits=1, code="ABC234")
        assert not re.search(r"\b1 (rondes|rounds)\b", said), said


def test_a_count_put_into_a_sentence_has_a_singular_and_a_plural():
    """A number of rounds (or anything counted, as ``counted`` does) comes as a pair: ``_one``
    for exactly one, ``_other`` for any other count; no single text puts a count before
    "rondes" or "rounds"."""
    for lang in texts.LANGS:
        found = texts.catalogue(lang)
        for key, value in found.items():
            if key.endswith("_other"):
                assert key.removesuffix("_other") + "_one" in found, key
            elif isinstance(value, str) and not key.endswith("_one"):
                assert not re.search(r"\{\w+\} (rondes|rounds)\b", value), key


@pytest.mark.parametrize(
    ("lang", "points", "hours", "number"), [("nl", "0,0 %-punt", "0,0 u", "0,00"),
                                            ("en", "0.0 pp", "0.0 h", "0.00")]
)  # fmt: skip
def test_a_change_that_rounds_to_zero_has_no_sign_and_no_colour(lang, points, hours, number):
    for tiny in (0.0, 0.0004, -0.0004, -0.0):
        assert texts.kpi_change("engagement_rate", tiny, lang) == points
        assert texts.kpi_change("manager_hours", 100 * tiny, lang) == hours
        assert texts.kpi_change("productivity", tiny, lang) == number
        assert texts.number(tiny, lang) == number
        for name in ("engagement_rate", "burnout_rate", "manager_hours", "productivity"):
            assert texts.kpi_tone(name, tiny) == 0
    assert texts.kpi_change("engagement_rate", 0.0006, lang).startswith("+0")
    assert texts.kpi_change("engagement_rate", -0.0006, lang).startswith("−0")
    assert texts.kpi_tone("engagement_rate", 0.0006) == 1
    assert texts.kpi_tone("burnout_rate", 0.0006) == -1
    assert texts.kpi_tone("burnout_rate", -0.0006) == 1
    assert texts.kpi_tone("employees", 5.0) == 0  # no better direction


def test_unknown_language_is_refused_naming_the_choices():
    with pytest.raises(sim.ExperimentError, match=r"'fr'.*nl or en"):
        texts.check_lang("fr")


@pytest.mark.parametrize(
    ("problem", "dutch"),
    [
        ("levers.trust: 3 is not allowed; must be between 0 and 1",
         "Vertrouwen (in het bestand: levers → trust): 3 mag niet; kies van 0 tot 1."),
        ("levers.trsut: unknown field (did you mean 'trust'?); levers allows: vision, trust",
         "Levers → trsut: dit veld bestaat niet in een scenario; bedoelt u 'trust'?"),
        ("scenario: interventions.0.set: levers.trust: 5 is not allowed; must be between 0 and 1",
         "Ingreep 1: vertrouwen (in het bestand: levers → trust): 5 mag niet; kies van 0 tot 1."),
        ("scenario: interventions.0.week: week 52 is after the horizon (run.weeks = 24)",
         "Een ingreep in week 52 valt na het einde van de run (week 24)"),
        ("organisation.employees: 1000000000 is not allowed; must be between 2 and 2,000,000",
         "kies van 2 tot 2.000.000"),
        ("malformed YAML at line 1, column 18: expected ',' or ']', but got '<stream end>'",
         "geen leesbare YAML (regel 1, kolom 18)"),
        ("file is larger than 1,000,000 bytes", "hoogstens 1.000.000 bytes"),
    ],
)  # fmt: skip
def test_validation_problems_in_plain_dutch(problem, dutch):
    said = texts.plain_problem(problem, "nl")
    assert dutch in said
    assert "levers.trust" not in said and "run.weeks" not in said  # no dotted paths


def test_every_problem_the_schema_raises_is_worded(tmp_path):
    bad = [
        "levers: [unclosed",
        "levers:\n  trust: 3\n",
        "levers:\n  trsut: 0.5\n",
        "levers:\n  trust: abc\n",
        "levers:\n  trust: .nan\n",
        "levers:\n  trust: true\n",
        "run:\n  weeks: 10\n  measure_weeks: 20\n",
        "managers:\n  max_hours: 20\n",
        "- a\n- b\n",
        "interventions:\n - week: 3\n   set: {organisation.employees: 5}\n",
        "levers: 5",
        "interventions: 3",
        "interventions:\n - set: {}\n",
        "name: [1, 2]",
        "run:\n  weeks: 2.5\n",
    ]
    for text in bad:
        with pytest.raises(sim.ScenarioError) as error:
            sim.scenario.parse_scenario_text(text)
        for problem in error.value.problems:
            assert texts.plain_problem(problem, "nl") != problem, problem


def test_changes_in_plain_words():
    base = sim.load_scenario("baseline")
    assert texts.changes(base.with_overrides(**{"levers.trust": 0.8}), base, "nl") == [
        "vertrouwen 0,5 → 0,8"
    ]
    said = texts.changes(sim.load_scenario("let_go"), base, "en", short=True)
    assert "trust 0.3" in said and "from week 105: trust 0.8, control 0.2, responsibility 0.8, " \
        "freedom 0.8, courage 0.9" in said  # fmt: skip


@pytest.mark.parametrize(
    ("story", "expected", "after"),
    [("vicious_circle", "grab", 53), ("let_go_relapse", "relapse", 131), ("let_go", None, 0)],
)
def test_the_stories_grabs_are_found_where_they_happen(story, expected, after):
    """The film marks the managers' grab after the shock, never their steady level at week 1."""
    scenario = sim.load_scenario(story)
    runs = sim.run_batch(scenario, 4, seed=1)
    series = pd.concat([run.timeseries for run in runs])
    found = [(e.week, e.kind) for e in events.grabs(series, events.scheduled(scenario))]
    if expected is None:
        assert found == []
    else:
        (week, kind), *_ = found  # nothing before the shock; later grabs may follow
        assert kind == expected and after < week <= after + 8


def test_events_of_a_story_and_its_relapses():
    found = events.scheduled(sim.load_scenario("let_go_relapse"))
    assert [(e.week, e.kind) for e in found] == [
        (105, "let_go"),
        (131, "shock"),
        (144, "shock_end"),
    ]

    grab = [0.0] * 110 + [0.5] * 10 + [0.1] * 10 + [0.4] * 10
    series = pd.DataFrame({"week": range(1, 141), "grab": grab})
    assert [(e.week, e.kind) for e in events.grabs(series, found)] == [
        (111, "relapse"),
        (131, "relapse"),
    ]
    assert [e.kind for e in events.grabs(series, [])] == ["grab", "grab"]
    steady = pd.DataFrame({"week": range(1, 101), "grab": [0.5] * 100})  # grabbing from the start
    drifting = pd.DataFrame({"week": range(1, 101), "grab": np.linspace(0.2, 0.4, 100)})
    assert events.grabs(steady, []) == events.grabs(drifting, []) == []
    tightened = sim.load_scenario("baseline").with_overrides(
        interventions=[{"week": 9, "set": {"levers.control": 0.9}}]
    )
    assert events.scheduled(tightened, mine=[0]) == [
        events.Event(10, "tighten", {"levers.control": 0.9}, mine=True)
    ]


# --- colours ------------------------------------------------------------------------------------

# Colour-vision deficiencies simulated on linear RGB (Machado, Oliveira & Fernandes 2009, full
# severity).
DEFICIENCIES = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip


def _lab(colour: str, deficiency: str | None) -> np.ndarray:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if deficiency:
        linear = np.clip(np.array(DEFICIENCIES[deficiency]) @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    x, y, z = xyz @ linear / np.array([0.95047, 1, 1.08883])
    f = [np.cbrt(v) if v > 0.008856 else 7.787 * v + 16 / 116 for v in (x, y, z)]
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_quadrant_colours_stay_apart_for_colour_blind_readers(deficiency):
    colours = charts.QUADRANT_COLOURS
    for a, b in itertools.combinations(colours, 2):
        distance = np.linalg.norm(_lab(colours[a], deficiency) - _lab(colours[b], deficiency))
        assert distance > 20, (a, b, deficiency)  # CIE76 ΔE: clearly different
    engaged, burnout = (_lab(colours[q], deficiency) for q in ("engagement", "burnout"))
    assert np.linalg.norm(engaged - burnout) > 60


def test_plotly_speaks_dutch():
    config = charts.plotly_config("nl")
    assert config["locales"]["nl"]["dictionary"]["Zoom in"] == "Inzoomen"
    assert config["locales"]["nl"]["format"]["decimal"] == ","
