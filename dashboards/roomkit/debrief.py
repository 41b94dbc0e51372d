"""The debrief: each team against its own counterfactuals — the story's manager and holding on
to trust — as change from its own start with bands, in how many plausible models its difference
against the story holds, why it went where it went, and what the next year would bring with the
same choices."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sim import texts
from sim.charts import PALETTE, legend_on_top, styled
from sim.workshop import OUTCOMES, export, views

import settings
from i18n import counted, kpi, lang, t
from roomkit import figures, store

COMPARISONS = ("change", "vs_story", "vs_held")  # the parts compared, each with its band


def change(name: str, value: float) -> str:
    return texts.kpi_change(name, value, lang())


def band(name: str, row: dict, part: str) -> str:
    """A difference with its 95% band: ``+8,3 %-punt (+4,9 … +11,6)``."""
    low, high = row[f"{name}_{part}_low"], row[f"{name}_{part}_high"]
    return f"{change(name, row[f'{name}_{part}'])} ({change(name, low)} … {change(name, high)})"


def late_warning(weeks: list[int], rounds: int, round_weeks: int) -> None:
    """Say so when the rounds end before the story's scheduled events."""
    if weeks:
        listed = ", ".join(str(w) for w in weeks)
        st.warning(
            counted("room.bands.late", len(weeks), weeks=listed, end=rounds * round_weeks),
            icon=":material/event_busy:",
        )


def bands_note(replications: int, team_size: int) -> None:
    st.caption(counted("room.bands.note", replications, size=team_size, replications=replications))


def comparison_chart(summary: pd.DataFrame, name: str, label: dict, big: bool) -> go.Figure:
    """Per team, its change from its own start and its difference from each counterfactual in
    ``name``, each a dot with its 95% band."""
    fig = go.Figure()
    scale = 100 if name in texts.SHARES else 1
    rows = summary.sort_values("team")
    names = [f"{t('room.team', team=n)} · {label[n]}" for n in rows.team]
    for i, part in enumerate(COMPARISONS):
        mid = scale * rows[f"{name}_{part}"]
        fig.add_trace(
            go.Scatter(
                x=mid, y=names, mode="markers", name=t(f"room.bands.{part}"),
                marker={"color": PALETTE[i], "size": 14 if big else 10, "symbol": i},
                error_x={"type": "data", "symmetric": False,
                         "array": scale * rows[f"{name}_{part}_high"] - mid,
                         "arrayminus": mid - scale * rows[f"{name}_{part}_low"]},
            )
        )  # fmt: skip
    fig.add_vline(x=0, line={"color": "#777", "width": 1})
    fig.update_xaxes(title=f"{kpi(name)} ({texts.kpi_unit(name, lang())})")
    fig.update_yaxes(autorange="reversed")
    height = 120 + (46 if big else 34) * len(rows)
    return legend_on_top(styled(fig, lang(), big, height=height), big)


def holds(models: pd.DataFrame, team: int, name: str) -> dict | None:
    """The team's row of ``views.debrief_models`` for outcome ``name`` (None if not there)."""
    row = models[(models.team == team) & (models.kpi == name)]
    return row.iloc[0].to_dict() if len(row) else None


def holds_words(row: dict | None) -> str:
    """In how many plausible models a difference holds: "7 van 8", or no difference."""
    if row is None or pd.isna(row["holds"]):
        return t("room.models.none")
    members = int(row["members"])
    return t("room.models.holds", share=round(row["holds"] * members), members=members)


def comparison_table(
    summary: pd.DataFrame, name: str, label: dict, models: pd.DataFrame
) -> pd.DataFrame:
    """Per team, ``name`` in the last round, its three comparisons with their bands and in how
    many plausible models its difference against the story's manager holds."""
    rows = summary.sort_values("team").to_dict("records")
    return pd.DataFrame(
        {
            t("room.col.team"): [r["team"] for r in rows],
            t("room.col.name"): [label[r["team"]] for r in rows],
            f"{kpi(name)}: {t('room.bands.now')}": [
                texts.kpi_value(name, r[name], lang()) for r in rows
            ],
            **{
                f"{kpi(name)}: {t(f'room.bands.{part}')}": [band(name, r, part) for r in rows]
                for part in COMPARISONS
            },
            f"{kpi(name)}: {t('room.models.column')}": [
                holds_words(holds(models, r["team"], name)) for r in rows
            ],
        }
    )


def models_sentence(models: pd.DataFrame, team: int) -> str:
    """In how many plausible models the team's main difference against the story holds."""
    main = OUTCOMES[0]
    row = holds(models, team, main)
    if row is None or pd.isna(row["holds"]):
        return t("room.models.sentence_none", kpi=kpi(main))
    members = int(row["members"])
    return t(
        "room.models.sentence",
        kpi=kpi(main),
        share=round(row["holds"] * members),
        members=members,
        verdict=t(f"verdict.word.{row['verdict']}"),
    )


def team_sentences(found: dict, team: int, name: str, models: pd.DataFrame) -> list[str]:
    """What happened to one team, how sure the model is of it, why, and what the next year
    would bring."""
    row = found["summary"].set_index("team").loc[team].to_dict()
    rounds = found["status"]["closed"]
    main = OUTCOMES[0]
    lines = [
        t(
            "room.bands.sentence",
            team=team,
            name=name,
            round=rounds,
            level=texts.kpi_value(main, row[main], lang()),
            kpi=kpi(main),
            change=band(main, row, "change"),
            story=band(main, row, "vs_story"),
            held=band(main, row, "vs_held"),
        )
    ]
    lines.append(models_sentence(models, team))
    why = found["why"][team]
    if len(why["channels"]):
        parts = [
            f"{t(f'room.channel.{r.kpi}')} {change(r.kpi, r.difference)}"
            for r in why["channels"].itertuples()
        ]
        lines.append(t(f"room.bands.why_{why['versus']}", channels="; ".join(parts)))
    else:
        lines.append(t("room.bands.why_none"))
    future = found["next_year"]
    ahead = future[(future.team == team) & (future.kpi == main)]
    if len(ahead):
        a = ahead.iloc[0]
        lines.append(
            t(
                "room.bands.next_year",
                kpi=kpi(main),
                level=texts.kpi_value(main, a["mean"], lang()),
                change=change(main, a.change),
                story=change(main, a.vs_story),
                held=change(main, a.vs_held),
            )
        )
    return lines


def show(ws, code: str, token: str, big: bool) -> None:
    """The debrief page: the organisation's path, each team against its counterfactuals, one
    team in words and over the rounds, and the export."""
    with st.spinner(t("room.debrief.computing")):
        found = views.debrief(ws, code, token)
    status = found["status"]
    late_warning(found["late_events"], status["rounds"], status["round_weeks"])
    if not len(found["organisation"]):
        st.info(t("room.nothing_yet"))
        return
    st.subheader(t("room.debrief.path"), anchor=False)
    st.plotly_chart(
        figures.organisation_path(found["weeks"], status["round_weeks"], big),
        key="room_debrief_path",
        config=figures.config(),
    )
    st.subheader(t("room.bands.title"), anchor=False)
    bands_note(found["replications"], found["team_size"])
    label = {s["team"]: s["name"] or t("room.story_manager") for s in status["seats"]}
    name = st.segmented_control(
        t("room.bands.figure"), list(OUTCOMES), default=OUTCOMES[0], format_func=kpi,
        key="room_debrief_figure", required=True,
    )  # fmt: skip
    st.plotly_chart(comparison_chart(found["summary"], name, label, big),
                    key="room_debrief_bands", config=figures.config())  # fmt: skip
    with st.spinner(t("room.models.computing")):
        models = views.debrief_models(ws, code, token)
    st.table(comparison_table(found["summary"], name, label, models), hide_index=True)
    if len(models):
        st.caption(
            t(
                "room.models.note",
                members=int(models["members"].max()),
                reps=int(models["replications"].max()),
            )
        )
    team = int(
        settings.select(  # in the link, as the view: a reload keeps the team in words
            t("room.debrief.team"),
            "room_debrief_team",
            [str(n) for n in sorted(label)],
            str(min(label)),
            format_func=lambda n: f"{t('room.team', team=int(n))} · {label[int(n)]}",
        )
    )
    for line in team_sentences(found, team, label[team], models):
        st.markdown(line)
    rows = found["counterfactuals"]
    rows = rows[rows.team == team].sort_values("round")
    st.plotly_chart(figures.choices_and_outcomes(rows, big), key="room_debrief_team_chart",
                    config=figures.config())  # fmt: skip
    st.subheader(t("room.export_title"), anchor=False)
    tables = export.tables(ws, code, token, counterfactuals=True)
    left, right = st.columns(2)
    left.download_button(t("room.export_json"), store.export_json(tables),
                         f"loslaten-{code}.json", "application/json", key="room_export_json",
                         on_click="ignore", width="stretch")  # fmt: skip
    right.download_button(t("room.export_zip"), lambda: store.export_zip(tables),
                          f"loslaten-{code}.zip", "application/zip", key="room_export_zip",
                          on_click="ignore", width="stretch")  # fmt: skip
