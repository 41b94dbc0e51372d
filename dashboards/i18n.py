"""Dutch and English texts of the dashboard, Dutch first (glossary: ``docs/subject.md``).

The claims C1…C17 are not here: they live in ``sim.claims``, in both languages.
"""

from __future__ import annotations

import streamlit as st

LANGUAGES = ("NL", "EN")

TEXT: dict[str, tuple[str, str]] = {
    # chrome
    "app_title": ("Loslaten — vertrouwen of controle", "Loslaten — trust or control"),
    "language": ("Taal", "Language"),
    "presenter": ("Presentatiemodus", "Presenter mode"),
    "page_workshop": ("Loslaten", "Letting go"),
    "page_compare": ("Vergelijken", "Compare"),
    "page_explore": ("Verkennen", "Explore"),
    "page_calibrate": ("Kalibreren", "Calibrate"),
    "page_model": ("Het model", "The model"),
    "upload": ("Scenario uploaden (YAML)", "Upload a scenario (YAML)"),
    "upload_help": (
        "Een scenariobestand zoals in scenarios/; het komt in de lijst met verhalen.",
        "A scenario file like those in scenarios/; it joins the list of stories.",
    ),
    "upload_ok": ("Scenario '{name}' toegevoegd.", "Scenario '{name}' added."),
    "upload_bad": (
        "'{file}' is geen bruikbaar scenario:",
        "'{file}' is not a usable scenario:",
    ),
    "too_large_file": (
        "bestand is {size:,} bytes; maximaal {limit:,} bytes",
        "file is {size:,} bytes; at most {limit:,} bytes allowed",
    ),
    "not_utf8": ("bestand is geen UTF-8-tekst", "file is not UTF-8 text"),
    "too_large_field": (
        "{field}: {value:,} valt buiten wat het dashboard interactief rekent (toegestaan: "
        "{low:,} … {high:,}); gebruik `loslaten run` voor grotere runs",
        "{field}: {value:,} is outside what the dashboard runs interactively (allowed: {low:,} "
        "… {high:,}); use `loslaten run` for larger runs",
    ),
    "out_of_range": (
        "{field}: '{value}' in de link is niet toegestaan (toegestaan: {low:,} … {high:,}); de "
        "waarde van het verhaal wordt gebruikt.",
        "{field}: '{value}' in the link is not allowed (allowed: {low:,} … {high:,}); the "
        "story's value is used.",
    ),
    "invalid_settings": ("Deze instellingen kloppen niet:", "These settings are not valid:"),
    "broken_builtin": (
        "Een ingebouwd scenario laadt niet en is weggelaten:",
        "A built-in scenario does not load and is left out:",
    ),
    "uploaded": ("geüpload", "uploaded"),
    # shared controls
    "story": ("Verhaal", "Story"),
    "reps": ("Herhalingen", "Replications"),
    "seed": ("Startgetal (seed)", "Seed"),
    "employees": ("Medewerkers", "Employees"),
    "weeks": ("Weken", "Weeks"),
    "week": ("week", "week"),
    "story_value": ("zoals in het verhaal", "as in the story"),
    "kpi": ("Uitkomst", "Outcome"),
    "running": ("Rekenen: {runs} simulaties …", "Computing: {runs} simulations …"),
    "computed_in": ("Berekend in {seconds:.1f} s", "Computed in {seconds:.1f} s"),
    "computed_in_parts": (
        "berekend in {film:.1f} s (film) + {reps:.1f} s (herhalingen)",
        "computed in {film:.1f} s (film) + {reps:.1f} s (replications)",
    ),
    "downloads": ("Downloads", "Downloads"),
    "mean": ("gemiddelde", "mean"),
    "points_unit": ("%-punt", "pp"),
    "interval": ("95%-interval", "95% interval"),
    # workshop
    "workshop_intro": (
        "Kies een verhaal, schuif aan vertrouwen, controle en regels, en kijk wat er met het "
        "team gebeurt. Elke stip is een medewerker.",
        "Pick a story, move trust, control and rules, and watch what happens to the team. "
        "Every dot is an employee.",
    ),
    "other_levers": ("Overige knoppen", "Other levers"),
    "let_go": ("Loslaten in week …", "Let go at week …"),
    "let_go_help": ("Vanaf deze week: {changes}.", "From this week: {changes}."),
    "let_go_week": ("Week van loslaten", "Week of letting go"),
    "against_baseline": (
        "Verschil met het basisscenario (gemiddelde over {reps} herhalingen, laatste {window} "
        "weken).",
        "Change against the baseline scenario (mean over {reps} replications, last {window} "
        "weeks).",
    ),
    "plane_title": ("Welbevinden van elke medewerker", "Well-being of every employee"),
    "teams_title": ("De teams", "The teams"),
    "film_caption": (
        "Eén run, elke {every} weken een beeld. Open rondje: afwezig.",
        "One run, a picture every {every} weeks. Open circle: absent.",
    ),
    "team_balance": ("bevlogen − burn-out", "engaged − burnout"),
    "team": ("team", "team"),
    "series_title": ("Verloop in de tijd", "Over time"),
    "series_caption": (
        "Lijn: gemiddelde over de herhalingen; band: 10%–90% van de runs; grijs gestreept: "
        "het basisscenario.",
        "Line: mean over replications; band: 10%–90% of the runs; grey dashes: the baseline "
        "scenario.",
    ),
    "play": ("▶ afspelen", "▶ play"),
    "pause": ("❚❚ pauze", "❚❚ pause"),
    "pleasure_axis": ("plezier →", "pleasure →"),
    "energy_axis": ("energie →", "energy →"),
    "current": ("deze instellingen", "these settings"),
    "baseline": ("basis", "baseline"),
    # compare
    "compare_intro": (
        "Twee tot vier scenario's of knopstanden naast elkaar, met herhalingen en 95%-intervallen. "
        "Een lege cel betekent: de waarde van het verhaal.",
        "Two to four scenarios or lever settings side by side, with replications and 95% "
        "intervals. An empty cell means: the story's value.",
    ),
    "variants": ("Varianten", "Variants"),
    "need_two": ("Kies minstens twee varianten.", "Choose at least two variants."),
    "at_most_four": (
        "Maximaal vier varianten; de eerste vier worden vergeleken.",
        "At most four variants; the first four are compared.",
    ),
    "kpis_shown": ("Uitkomsten", "Outcomes"),
    "means_title": ("Gemiddelden met 95%-interval", "Means with 95% intervals"),
    "diff_title": ("Verschil met '{ref}'", "Difference from '{ref}'"),
    "why_title": ("Waarom? Bijdrage per mechanisme", "Why? Contribution of each mechanism"),
    "why_pair": ("Verklaar het verschil tussen", "Explain the difference between"),
    "why_show": ("Toon waarom (kost meer rekentijd)", "Show why (takes longer)"),
    "why_caption": (
        "Elk mechanisme één voor één uitgezet in beide scenario's (ablatie, {reps} herhalingen); "
        "'remainder' is wat de mechanismen niet één voor één verklaren (samenspel).",
        "Each mechanism switched off one at a time in both scenarios (ablation, {reps} "
        "replications); 'remainder' is what no single mechanism explains (interactions).",
    ),
    "series_csv": ("Reeksen (CSV)", "Series (CSV)"),
    "series_parquet": ("Reeksen (Parquet)", "Series (Parquet)"),
    "summary_csv": ("Samenvatting (CSV)", "Summary (CSV)"),
    "scenario_yaml": ("Scenario's (YAML)", "Scenarios (YAML)"),
    "report_html": ("Rapport (HTML)", "Report (HTML)"),
    "report_title": ("Vergelijking van scenario's", "Comparison of scenarios"),
    "report_made": (
        "Gemaakt met loslaten op {date}; {reps} herhalingen per scenario, startgetal {seed}.",
        "Made with loslaten on {date}; {reps} replications per scenario, seed {seed}.",
    ),
    "column_story": ("verhaal", "story"),
    "scenario": ("scenario", "scenario"),
    "difference": ("verschil", "difference"),
    # explore
    "explore_intro": (
        "Kies twee knoppen en een uitkomst: elke cel is het gemiddelde over de herhalingen.",
        "Pick two levers and an outcome: each cell is the mean over the replications.",
    ),
    "sweep_tab": ("Twee knoppen", "Two levers"),
    "phase_tab": ("Hayek en Simon", "Hayek and Simon"),
    "lever_x": ("Knop horizontaal", "Lever across"),
    "lever_y": ("Knop verticaal", "Lever up"),
    "points": ("Punten per knop", "Points per lever"),
    "same_lever": ("Kies twee verschillende knoppen.", "Pick two different levers."),
    "phase_intro": (
        "Hayek: lokale kennis zit laag in de organisatie; Simon: strakke controle vernietigt "
        "aanpassingsvermogen. Decentralisatie d betekent verantwoordelijkheid = vrijheid = d en "
        "controle = regels = 1 − d. Kijk waar het argument opgaat — en waar niet: in een stabiele "
        "omgeving kunnen regels en centrale planning prima werken.",
        "Hayek: local knowledge sits low in the organisation; Simon: tight control destroys "
        "adaptability. Decentralisation d means responsibility = freedom = d and control = "
        "rules = 1 − d. See where the argument holds — and where it does not: in a stable "
        "environment rules and central planning can work fine.",
    ),
    "decentralisation": ("decentralisatie d", "decentralisation d"),
    "turbulence": ("turbulentie", "turbulence"),
    # calibrate
    "calibrate_intro": (
        "Vul de cijfers van de klant in (bijvoorbeeld uit een medewerkersonderzoek) en pas het "
        "model daarop aan. Vink aan welke cijfers meetellen.",
        "Enter the client's figures (e.g. from an employee survey) and fit the model to them. "
        "Tick the figures that count.",
    ),
    "start_from": ("Beginpunt", "Start from"),
    "target": ("doel", "target"),
    "achieved": ("bereikt", "achieved"),
    "fit": ("Aanpassen", "Fit"),
    "fitting": ("Model aanpassen aan de cijfers …", "Fitting the model to the figures …"),
    "need_target": ("Vink minstens één cijfer aan.", "Tick at least one figure."),
    "fit_title": ("Doel en resultaat", "Target and result"),
    "parameters": ("Aangepaste parameters", "Fitted parameters"),
    "calibrated_yaml": ("Gekalibreerd scenario (YAML)", "Calibrated scenario (YAML)"),
    "fit_stale": (
        "De cijfers zijn veranderd sinds de laatste aanpassing; druk opnieuw op 'Aanpassen'.",
        "The figures changed since the last fit; press 'Fit' again.",
    ),
    # model
    "model_intro": (
        "Een agent-gebaseerd model: elke medewerker en leidinggevende is een agent; elke stap is "
        "een week. Elk mechanisme formaliseert een of meer claims uit 'De moed om te vertrouwen'.",
        "An agent-based model: every employee and manager is an agent; each step is a week. "
        "Each mechanism formalises one or more claims from the book 'De moed om te vertrouwen' "
        "(the courage to trust).",
    ),
    "claims": ("De claims", "The claims"),
    "claim": ("claim", "claim"),
    "claims_full": ("De claims voluit", "The claims in full"),
    "carried_by": ("mechanisme(n)", "mechanism(s)"),
    "mechanisms": ("De mechanismen", "The mechanisms"),
    "mechanisms_note": (
        "De beschrijvingen komen uit de broncode (in het Engels).",
        "The descriptions come from the source code.",
    ),
    "quadrants_title": ("Vier kwadranten van welbevinden", "Four quadrants of well-being"),
    "quadrants_text": (
        "Schaufeli, Taris & Van Rhenen (2008): plezier tegen activatie (energie). Vaste "
        "grenzen op 0,5, zoals in een vragenlijst.",
        "Schaufeli, Taris & Van Rhenen (2008): pleasure against activation (energy). Fixed "
        "cut-offs at 0.5, as in a survey.",
    ),
    "figures_title": (
        "Cijfers waarop het model is gekalibreerd",
        "Figures the model is calibrated on",
    ),
    "figure": ("cijfer", "figure"),
    "value": ("waarde", "value"),
    "source": ("bron", "source"),
    "none": ("—", "—"),
}

LEVERS: dict[str, tuple[str, str]] = {
    "levers.vision": ("visie", "vision"),
    "levers.trust": ("vertrouwen", "trust"),
    "levers.responsibility": ("verantwoordelijkheid", "responsibility"),
    "levers.freedom": ("vrijheid", "freedom"),
    "levers.connection": ("verbinding", "connection"),
    "levers.safety": ("veiligheid", "safety"),
    "levers.control": ("controle", "control"),
    "levers.rules": ("regels", "rules"),
    "environment.turbulence": ("turbulentie", "turbulence"),
    "environment.pressure": ("druk van boven", "pressure from above"),
    "workforce.opportunist_share": ("aandeel opportunisten", "share of opportunists"),
    "workforce.autonomy_need": ("behoefte aan autonomie", "need for autonomy"),
    "managers.control_propensity": ("neiging tot controle", "propensity to control"),
    "managers.courage": ("moed", "courage"),
}

KPIS: dict[str, tuple[str, str]] = {
    "burnout_rate": ("burn-out", "burnout"),
    "engagement_rate": ("bevlogen", "engaged"),
    "workaholism_rate": ("werkverslaving", "workaholism"),
    "satisfaction_rate": ("tevreden", "satisfied"),
    "productivity": ("productiviteit", "productivity"),
    "engaged_productivity_ratio": ("productiviteit bevlogen ÷ overig", "engaged ÷ other output"),
    "absence_rate": ("ziekteverzuim", "sickness absence"),
    "burnout_absence_ratio": (
        "verzuim bij burn-out ÷ overig",
        "absence with burnout ÷ others",
    ),
    "turnover_rate": ("verloop per jaar", "turnover a year"),
    "manager_hours": ("uren leidinggevende", "manager hours"),
    "coaching_share": ("aandeel coaching", "coaching share"),
    "trust": ("gegeven vertrouwen", "trust given"),
    "misconduct_loss": ("verlies door misbruik", "misconduct loss"),
    "adaptation_error": ("aanpassingsfout", "adaptation error"),
    "profit": ("winst (index)", "profit (index)"),
}

QUADRANTS: dict[str, tuple[str, str]] = {
    "engagement": ("bevlogenheid", "engagement"),
    "workaholism": ("werkverslaving", "workaholism"),
    "burnout": ("burn-out", "burnout"),
    "satisfaction": ("tevredenheid", "satisfaction"),
}

FIGURES: tuple[tuple[tuple[str, str], str, str], ...] = (
    (("burn-outklachten, NL", "burnout complaints, NL"), "14%", "NEA / CBS"),
    (("bevlogen", "engaged"), "20%", "Gallup 2017"),
    (
        ("productiviteit bevlogen t.o.v. overig", "productivity of engaged vs others"),
        "+20%",
        "Gallup Q12",
    ),
    (("verzuim bij burn-out", "burnout sick leave"), "242 d, €60.000", "ArboNed"),
    (("verzuim met burn-outklachten", "absence with burnout complaints"), "37 d / 6 d", "TNO"),
    (
        ("conditionele samenwerkers / free riders", "conditional cooperators / free riders"),
        "50% / 33%",
        "Fischbacher, Gächter & Fehr 2001",
    ),
)


def english() -> bool:
    """Whether English is chosen in the sidebar (Dutch is the default)."""
    return st.session_state.get("lang") == "EN"


def lang() -> str:
    """The chosen language as ``sim.claims`` names it: ``"nl"`` or ``"en"``."""
    return "en" if english() else "nl"


def _pick(pair: tuple[str, str]) -> str:
    return pair[english()]


def t(key: str, **values) -> str:
    """The text ``key`` in the current language, formatted with ``values``."""
    text = _pick(TEXT[key])
    return text.format(**values) if values else text


def lever(path: str) -> str:
    return _pick(LEVERS[path])


def kpi(name: str) -> str:
    return _pick(KPIS[name])


def quadrant(name: str) -> str:
    return _pick(QUADRANTS[name])


def figures() -> list[dict[str, str]]:
    return [
        {t("figure"): _pick(name), t("value"): value, t("source"): source}
        for name, value, source in FIGURES
    ]
