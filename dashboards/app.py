"""loslaten dashboard: `streamlit run dashboards/app.py` (or `loslaten dashboard`)."""

from pathlib import Path

import streamlit as st

import keys
import library
import sessions
import settings
from i18n import LANGUAGES, language_from_link, language_label, t

HERE = Path(__file__).parent

# Presenter mode: large, dark text for a projector, no Streamlit chrome; the bar on top of every
# page (menu, language, exit) is the way out.
PRESENTER_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; color: #1a1a1a; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarCollapsedControl"], footer { display: none; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] { padding-top: 0.6rem; padding-bottom: 1rem; max-width: 100%; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stSidebar"] { display: none; }  /* hidden, so it takes no tab stops either */
/* nothing under 22 px: Streamlit writes labels, slider values and buttons smaller */
[data-testid="stMain"] :is(p, label, span, div, button, input, li, summary, small),
[data-testid="stPopoverBody"] :is(p, label, span, div, button, a, li) { font-size: max(22px, 1em); }
h1 { font-size: 2.2rem; padding: 0; }
</style>
"""
# Streamlit's own words in the file uploader, the skip link and under a number field ("Press
# Enter to apply"), in the chosen language (they cannot be set).
STREAMLIT_WORDS_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button p::after { content: "{button}"; font-size: 0.9rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after { content: "{limit}";
  font-size: 0.8rem; }
[data-testid="stSkipToContent"] { font-size: 0; }
[data-testid="stSkipToContent"]::after { content: "{skip}"; font-size: 1rem; }
[data-testid="InputInstructions"] > span:first-child { font-size: 0; }
[data-testid="InputInstructions"] > span:first-child::after { content: "{enter}";
  font-size: 0.75rem; }
</style>
"""
PAGES = {
    "workshop": ("views/workshop.py", ":material/self_improvement:"),
    "room": ("views/room.py", ":material/groups:"),
    "compare": ("views/compare.py", ":material/compare_arrows:"),
    "explore": ("views/explore.py", ":material/grid_on:"),
    "calibrate": ("views/calibrate.py", ":material/tune:"),
    "model": ("views/model.py", ":material/menu_book:"),
}

TITLES = {"room": "room.page"}  # the room session's words are a block of their own


def leave_presenter() -> None:
    st.session_state[keys.PRESENT] = False


st.set_page_config(
    page_title=t("app.title"),
    page_icon="🤝",  # an emoji: a material icon would be fetched from the internet
    layout="wide",
    initial_sidebar_state="collapsed"
    if st.query_params.get(keys.PRESENT, "").lower() == "true"
    else "auto",
)
pages = {
    name: st.Page(
        HERE / path,
        title=t(TITLES.get(name, f"page.{name}")),
        icon=icon,
        default=name == "workshop",
    )
    for name, (path, icon) in PAGES.items()
}
if keys.PRESENT in st.session_state:
    presenting = settings.presenting()
else:
    presenting = st.query_params.get(keys.PRESENT, "").lower() == "true"
page = st.navigation(list(pages.values()), position="hidden" if presenting else "sidebar")
goto = st.session_state.pop(keys.GOTO, None)
if goto in pages and pages[goto].url_path != page.url_path:
    st.switch_page(pages[goto])
if (
    keys.PAGE not in st.session_state
    and "session" in st.query_params
    and page.url_path != pages["room"].url_path
):
    # a room session's link without the page's name (loslaten workshop new's default address)
    st.switch_page(pages["room"], query_params=st.query_params.to_dict())
settings.modernise_link()
settings.arrive(page.url_path or "workshop")

language_from_link()
st.sidebar.segmented_control(
    t("app.language"),
    LANGUAGES,
    format_func=language_label,
    default=LANGUAGES[0],
    key=keys.LANG,
    bind="query-params",
    required=True,
)
st.sidebar.toggle(t("app.presenter"), key=keys.PRESENT, bind="query-params")
css = STREAMLIT_WORDS_CSS
for word, key in (("button", "uploader_button"), ("limit", "uploader_limit"), ("skip", "skip")):
    css = css.replace(f"{{{word}}}", t(f"app.{key}"))
css = css.replace("{enter}", t("app.press_enter"))
st.html(css)
if settings.presenting():
    st.html(PRESENTER_CSS)
    menu, _, exit_ = st.columns([1, 3, 1.4], vertical_alignment="center")
    with menu.popover(t("app.menu"), icon=":material/menu:"):
        for link in pages.values():
            st.page_link(link)
        st.session_state[keys.LANG_MENU] = st.session_state[keys.LANG]
        st.segmented_control(
            t("app.language"),
            LANGUAGES,
            format_func=language_label,
            key=keys.LANG_MENU,
            required=True,
            on_change=lambda: st.session_state.update(
                {keys.LANG: st.session_state[keys.LANG_MENU]}
            ),
        )
    exit_.button(
        t("app.exit_presenter"),
        icon=":material/close_fullscreen:",
        on_click=leave_presenter,
        key="exit_presenter",
        width="stretch",
    )
library.upload_box()
try:
    page.run()
finally:
    settings.remember()
    sessions.session_box()  # after the page, so that a saved session holds its latest settings
