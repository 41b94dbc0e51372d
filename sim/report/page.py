"""The report as one standalone HTML page for a board: title with the client, the question, a
three-sentence summary, the outcomes with each unit once, why in words, the figures as SVG,
the variants, and the method and caveats in an appendix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from sim import texts
from sim.events import scheduled
from sim.experiments.summaries import kpi_check
from sim.report import figures
from sim.report.findings import (
    CLIENT_MOST,
    HEADLINE,
    QUESTION_MOST,
    Findings,
    Why,
    about,
    checked_words,
)
from sim.report.words import (
    coefficient_summary,
    contribution,
    difference_table,
    long_date,
    mechanism_line,
    method,
    ranked,
    size,
    summary,
    variant_words,
)

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.5}
h1{margin-bottom:.1em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.question{font-size:1.15em;margin:.6em 0}.summary{font-size:1.1em;background:#f4f7fb;
border-left:4px solid #0072B2;padding:.6em 1em}
table{border-collapse:collapse;margin:1em 0;font-variant-numeric:tabular-nums}
td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td{white-space:nowrap}
td:first-child,td:nth-child(2){white-space:normal;min-width:7em}
td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){text-align:left}th{background:#f3f3f3}
.wide{overflow-x:auto}.note{color:#444;font-size:.95em}.made{color:#555}svg{width:100%;height:auto}
details{margin:.5em 0 1em}summary{cursor:pointer;color:#0072B2}
.appendix{margin-top:3em;border-top:2px solid #ccc}footer{margin-top:2em;color:#777;font-size:.85em}
@media print{h2{break-after:avoid}svg{break-inside:avoid}}
"""


def render(
    found: Findings,
    *,
    lang: str = "nl",
    kpis: Sequence[str] | None = None,
    day: date | None = None,
    client: str | None = None,
    question: str | None = None,
) -> str:
    """The report's standalone HTML page in ``lang``. The summary answers ``question`` for the
    outcome it is about: the one explained, else the first of ``kpis``."""
    lang = texts.check_lang(lang)
    kpis = kpi_check(kpis or HEADLINE)
    client = checked_words(client, "client", CLIENT_MOST)
    question = checked_words(question, "question", QUESTION_MOST)
    word = texts.text
    labels = list(found.variants)
    why = found.why
    outcome = why.kpi if why is not None else about(kpis)
    pair = (why.a, why.b) if why is not None else (labels[0], labels[min(1, len(labels) - 1)])
    title = word("board.title", lang, client=client) if client else word("board.title_plain", lang)
    made = word("board.made", lang, date=long_date(day or date.today(), lang), version=_version())
    html = [f"<h1>{escape(title)}</h1>", f"<p class='made'>{escape(made)}</p>"]
    if question:
        html.append(
            f"<p class='question'><b>{escape(word('board.question', lang))}:</b> "
            f"{escape(question)}</p>"
        )
    if len(labels) > 1:
        said = summary(found, kpis, outcome, pair, lang)
        html += [
            f"<h2>{escape(word('board.summary_title', lang))}</h2>",
            f"<p class='summary'>{escape(' '.join(said))}</p>",
        ]
    html += [
        f"<h2>{escape(word('board.table_title', lang, ref=labels[0]))}</h2>",
        "<div class='wide'>"
        + difference_table(found, kpis, lang).to_html(index=False, escape=True, border=0)
        + "</div>",
        f"<p class='note'>{escape(word('board.table_note', lang))}</p>",
    ]
    if found.models is not None and len(labels) > 1:
        html += [
            f"<p class='note'>{escape(word('board.models.table_note', lang))}</p>",
            f"<h2>{escape(word('board.models.title', lang, ref=labels[0]))}</h2>",
            figures.differences(found.summary, kpis, labels, lang),
            f"<p class='note'>{escape(word('board.models.caption', lang))}</p>",
        ]
    if why is not None:
        html += _why(found, lang)
    html += [
        f"<h2>{escape(word('board.means_title', lang))}</h2>",
        figures.means(found.summary, kpis, labels, lang),
        f"<p class='note'>{escape(word('board.means_caption', lang))}</p>",
    ]
    columns = [k for k in kpis if k in found.series.columns]
    if columns:
        runs = dict(tuple(found.series.groupby("scenario", sort=False)))
        events = {label: scheduled(s) for label, s in found.variants.items()}
        html += [
            f"<h2>{escape(word('board.series_title', lang))}</h2>",
            figures.series(runs, columns, lang, events),
            f"<p class='note'>{escape(word('board.series_caption', lang))}</p>",
        ]
    html += [
        f"<h2>{escape(word('board.settings_title', lang))}</h2>",
        "<ul>"
        + "".join(
            f"<li><b>{escape(label)}</b>: {escape(said)}</li>"
            for label, said in variant_words(found, lang)
        )
        + "</ul>",
        f"<section class='appendix'><h2>{escape(word('board.appendix_title', lang))}</h2>",
        *(f"<p>{escape(line)}</p>" for line in method(found, lang)),
        "<ul>"
        + "".join(
            f"<li>{escape(line)}</li>"
            for line in (
                word("board.caveat_model", lang),
                coefficient_summary(found.variants[labels[0]], lang),
            )
        )
        + "</ul></section>",
    ]
    head = escape(title)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{head}</title><style>{STYLE}</style></head><body>"
        + "\n".join(html)
        + "</body></html>"
    )


def _why(found: Findings, lang: str) -> list[str]:
    """The "why" section: the five largest mechanisms in words, the chart, the rest folded."""
    why = found.why
    word = texts.text
    kpi = texts.kpi_name(why.kpi, lang)
    top, rest = ranked(why)
    out = [
        f"<h2>{escape(word('board.why_title', lang, a=why.a, b=why.b, kpi=kpi))}</h2>",
        f"<p>{escape(word('board.why_intro', lang, kpi=kpi))}</p>",
        f"<ol>{_mechanism_items(why, top, lang)}</ol>",
        figures.mechanisms(why, lang),
    ]
    joint = word(
        "board.why_joint",
        lang,
        amount=texts.kpi_change(why.kpi, contribution(why, "remainder"), lang),
    )
    if not rest.empty:
        most = size(why.kpi, float(rest.abs().max()), lang)
        together = texts.kpi_change(why.kpi, float(rest.sum()), lang)
        out += [
            f"<details><summary>{escape(word('board.why_rest', lang, count=len(rest)))}</summary>",
            f"<p>{escape(word('board.why_rest_line', lang, amount=together, most=most))}</p>",
            f"<ul>{_mechanism_items(why, rest[rest != 0], lang)}</ul></details>",
        ]
    out.append(f"<p class='note'>{escape(joint)}</p>")
    return out


def _mechanism_items(why: Why, contributions: pd.Series, lang: str) -> str:
    """One list item per mechanism: its name in bold and what it does to the difference."""
    return "".join(
        "<li><b>{}</b>: {}</li>".format(*map(escape, mechanism_line(why, m, v, lang)))
        for m, v in contributions.items()
    )


def _version() -> str:
    try:
        return version("loslaten")
    except PackageNotFoundError:
        return "?"
