"""The client report: standalone, in the chosen language, with formatted numbers, the method and
the caveats; and ``loslaten report`` with its exit statuses."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

import sim
from sim import report

SMALL = {"organisation.employees": 30, "run.weeks": 30, "run.measure_weeks": 10}
SETS = [arg for key, value in SMALL.items() for arg in ("--set", f"{key}={value}")]


class Visible(HTMLParser):
    """The text a reader sees: everything outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = Visible()
    parser.feed(page)
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def found() -> report.Findings:
    base = sim.load_scenario("baseline", **SMALL)
    scenarios = [report.named_in(base, "nl")]
    scenarios.append(report.named_in(base.with_overrides(**{"levers.trust": 0.9}), "nl"))
    return report.findings(scenarios, reps=3, why_reps=2, kpis=["burnout_rate", "manager_hours"])


def test_a_dutch_report_a_client_can_read(found):
    page = report.render(
        found, lang="nl", kpis=["burnout_rate", "manager_hours"], day=date(2026, 12, 3)
    )
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<script src=" not in page and "Plotly.newPlot" in page  # works offline
    text = visible(page)
    for heading in ("Vergelijking van scenario's", "De varianten", "Werkwijze",
                    "Aannames en kanttekeningen", "Waarom?"):  # fmt: skip
        assert heading in text
    assert "3 december 2026" in text
    assert "Basis (vertrouwen 0,9)" in text and "vertrouwen 0,5 → 0,9" in text  # what it changes
    assert re.search(r"\d+,\d%", text) and "%-punt" in text and re.search(r"\d+,\d u\b", text)
    assert "geen voorspelling" in text and "loslaten coefficients" in text
    assert "3 keer gesimuleerd" in text and "dezelfde toevalsgetallen" in text
    assert "Waarom verschillen 'Basis' en 'Basis (vertrouwen 0,9)'" in page  # the pair explained
    for key in sim.KPI_NAMES:
        assert key not in text  # no raw KPI keys
    assert not re.search(r"\d[.,]\d{5,}", text)  # no long fractions


def test_an_english_report_says_the_same_in_english():
    base = sim.load_scenario("baseline", **SMALL)
    variants = [
        report.named_in(s, "en") for s in (base, base.with_overrides(**{"levers.rules": 1}))
    ]
    found = report.findings(variants, reps=2, why=False, kpis=["burnout_rate"])
    page = report.render(found, lang="en", kpis=["burnout_rate"])
    text = visible(page)
    assert "Comparison of scenarios" in text and "not a forecast" in text
    assert re.search(r"\d+\.\d%", text) and "pp" in text
    assert "Baseline (rules 1)" in text and "regels" not in text and "Waarom" not in text


def test_why_notes_name_the_replications_and_a_large_rest(found):
    notes = report.why_notes(found.why, "nl")
    assert "2 herhalingen" in notes[0]
    assert "Naar rechts" in notes[1]
    big_rest = found.why.parts.copy()
    rows = big_rest["kpi"] == found.why.kpi
    big_rest.loc[rows & (big_rest["part"] == "remainder"), "contribution"] = 1.0
    big_rest.loc[rows & (big_rest["part"] == "total"), "contribution"] = 1.0
    why = report.Why(found.why.a, found.why.b, found.why.kpi, 2, big_rest)
    assert any("geen enkel mechanisme alleen" in note for note in report.why_notes(why, "nl"))


def test_report_command_writes_a_standalone_page(tmp_path, loslaten):
    out = tmp_path / "client" / "report.html"
    done = loslaten(
        "report", "baseline", "baseline:levers.trust=0.8", *SETS, "--reps", "2", "--why-reps",
        "2", "--lang", "en", "--executor", "serial", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = visible(out.read_text())
    assert (
        "Baseline (trust 0.8)" in text
        and "Why do 'Baseline' and 'Baseline (trust 0.8)'" in out.read_text()
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "{tmp}/report.txt"], ["--out", "HTML"]),
        (["--out", "{tmp}"], ["is a folder"]),
        (["--lang", "fr", "--out", "{tmp}/r.html"], ["--lang", "'fr'", "nl", "en"]),
        (["--why", "happiness", "--out", "{tmp}/r.html"], ["unknown KPI 'happiness'"]),
        (["--why-with", "3", "--out", "{tmp}/r.html"], ["--why-with 3", "from 2 to 2"]),
        (["--set", "levers.trust=7", "--out", "{tmp}/r.html"], ["levers.trust", "between 0 and 1"]),
    ],
)
def test_report_command_refuses_bad_input_naming_it(tmp_path, loslaten, args, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = loslaten("report", "baseline", "baseline:levers.trust=0.8", *args)
    assert done.returncode == 2
    for word in words:
        assert word in done.stderr
    assert "Traceback" not in done.stderr
