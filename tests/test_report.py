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
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def found() -> report.Findings:
    base = sim.load_scenario("baseline", **SMALL)
    scenarios = [report.named_in(base, "nl")]
    scenarios.append(report.named_in(base.with_overrides(**{"levers.trust": 0.9}), "nl"))
    return report.findings(scenarios, reps=3, why_reps=2, kpis=["burnout_rate", "manager_hours"])


JARGON = ("common random numbers", "Student-t", "ablatie", "samenspel)", "`", " --")
COMMAND = re.compile(r"loslaten (report|run|compare|coefficients|explain|sweep|calibrate)\b")


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z'])", paragraph.strip()) if s]


def test_a_dutch_report_a_board_can_read(found):
    page = report.render(
        found,
        lang="nl",
        kpis=["burnout_rate", "manager_hours"],
        day=date(2026, 12, 3),
        client="Gemeente Utrecht",
        question="Moeten teamleiders meer loslaten?",
    )
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<script" not in page and page.count("<svg") == 3  # static figures: offline, small
    assert len(page.encode()) < 1_500_000
    text = visible(page)
    assert "Gemeente Utrecht: vergelijking van scenario's" in text
    assert "Vraag: Moeten teamleiders meer loslaten?" in text
    why = "Waarom verschillen 'Basis' en 'Basis (vertrouwen 0,9)' in burn-out?"
    for heading in ("Samenvatting", "Uitkomsten en verschillen met 'Basis'", "De varianten",
                    "Bijlage: werkwijze en kanttekeningen", why):  # fmt: skip
        assert heading in text
    assert "3 december 2026" in text
    assert "Basis (vertrouwen 0,9)" in text and "vertrouwen 0,5 → 0,9" in text  # what it changes
    summary = re.search(r"<p class='summary'>(.*?)</p>", page)[1]
    assert len(sentences(summary)) == 3 and "burn-out" in sentences(summary)[0]
    assert not any(word in text for word in JARGON) and not COMMAND.search(text)
    assert not re.search(r"\bC\d{1,2}\b", text)  # mechanisms in words, not claim codes
    for key in sim.KPI_NAMES:
        assert key not in text  # no raw KPI keys
    assert not re.search(r"\d[.,]\d{5,}", text)  # no long fractions
    assert "gesimuleerd" in text and "geen voorspelling" in text  # the appendix in plain words
    assert text.index("Bijlage") > text.index("Waarom verschillen")  # method after the body


def test_the_table_says_each_unit_once(found):
    table = report.difference_table(found, ["burnout_rate", "manager_hours"], "nl")
    assert list(table.columns[:2]) == ["uitkomst", "eenheid"]
    assert list(table["eenheid"]) == ["%; verschil in %-punt", "uren per week"]
    cells = table.iloc[:, 2:].to_numpy().ravel()
    assert not any(unit in cell for cell in cells for unit in ("%", " u", "punt"))
    assert all(re.fullmatch(r"[−+]?\d+,\d( … [−+]?\d+,\d)?", cell) for cell in cells)


def test_the_why_names_five_mechanisms_in_words_and_folds_the_rest(found):
    page = report.render(found, lang="nl", kpis=["burnout_rate", "manager_hours"])
    top, rest = report.ranked(found.why)
    assert len(top) == 5 and len(rest) == len(sim.scenario.Mechanisms.model_fields) - 5
    assert list(top.abs()) == sorted(top.abs(), reverse=True)
    assert top.abs().min() >= rest.abs().max()
    body = page[page.index("<h2>Waarom") : page.index("<details>")]
    names = re.findall(r"<li><b>(.*?)</b>", body)
    assert names == [sim.texts.mechanism_name(m, "nl") for m in top.index]
    others = len(sim.scenario.Mechanisms.model_fields) - 5
    assert f"De andere mechanismen ({others})" in page[page.index("<details>") :]
    chart = page[page.index("<svg", page.index("<h2>Waarom")) :]
    assert "bijdrage aan het verschil in burn-out (%-punt)" in chart[: chart.index("</svg>")]


def test_the_summary_answers_for_the_outcome_asked_about(found):
    hours = report.summary(found, ["manager_hours", "burnout_rate"], "manager_hours",
                           (found.why.a, found.why.b), "nl")  # fmt: skip
    row = found.summary.set_index(["scenario", "kpi"]).loc[(found.why.b, "manager_hours")]
    clear = row["diff_low"] > 0 or row["diff_high"] < 0
    if not clear:
        assert "niet duidelijk" in hours[0]
    else:  # fewer hours for the manager is better
        assert ("scoort beter" if row["diff"] < 0 else "scoort slechter") in hours[0]
    assert "uren per leidinggevende" in hours[0] and "model" in hours[2]  # not the pair explained
    assert report.about(["profit", "trust"]) == "profit" and report.about(["profit"], "trust")


@pytest.mark.parametrize(
    ("client", "question", "words"),
    [("", None, "client is empty"), (None, "x" * 301, "question has 301 characters")],
)
def test_bad_client_or_question_is_refused_naming_the_field(found, client, question, words):
    with pytest.raises(sim.ExperimentError, match=words):
        report.render(found, client=client, question=question)


def test_an_english_report_says_the_same_in_english():
    base = sim.load_scenario("baseline", **SMALL)
    variants = [
        report.named_in(s, "en") for s in (base, base.with_overrides(**{"levers.rules": 1}))
    ]
    found = report.findings(variants, reps=2, why=False, kpis=["burnout_rate"])
    page = report.render(found, lang="en", kpis=["burnout_rate"], question="Do rules help?")
    text = visible(page)
    assert "Comparison of scenarios" in text and "not a forecast" in text
    assert "Summary" in text and "Question: Do rules help?" in text and "burnout" in text
    assert re.search(r"\d+\.\d", text) and "pp" in text and "week" in page
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
        "2", "--lang", "en", "--executor", "serial", "--out", str(out), "--client", "Acme",
        "--question", "Does trust pay?", "--kpi", "productivity", "--kpi", "burnout_rate",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = visible(out.read_text())
    assert "Acme: comparison of scenarios" in text and "Question: Does trust pay?" in text
    assert "Baseline (trust 0.8)" in text
    assert "Why do 'Baseline' and 'Baseline (trust 0.8)' differ in productivity?" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "{tmp}/report.txt"], ["--out", "HTML"]),
        (["--out", "{tmp}"], ["is a folder"]),
        (["--lang", "fr", "--out", "{tmp}/r.html"], ["--lang", "'fr'", "nl", "en"]),
        (["--why", "happiness", "--out", "{tmp}/r.html"], ["unknown KPI 'happiness'"]),
        (["--why-with", "3", "--out", "{tmp}/r.html"], ["--why-with 3", "from 2 to 2"]),
        (["--set", "levers.trust=7", "--out", "{tmp}/r.html"], ["levers.trust", "between 0 and 1"]),
        (["--client", " ", "--out", "{tmp}/r.html"], ["--client is empty", "80"]),
        (["--question", "?" * 301, "--out", "{tmp}/r.html"], ["--question has 301", "300"]),
    ],
)
def test_report_command_refuses_bad_input_naming_it(tmp_path, loslaten, args, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = loslaten("report", "baseline", "baseline:levers.trust=0.8", *args)
    assert done.returncode == 2
    for word in words:
        assert word in done.stderr
    assert "Traceback" not in done.stderr
