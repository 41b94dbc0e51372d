"""The names under which the dashboard keeps things in ``st.session_state``, in one place.

A control's key is also its name in the link (``?trust=0.8``), so these are part of the links
people share: rename one only with its old name in :data:`settings.RENAMED`. Keys starting with
``_`` are the app's own bookkeeping and never appear in a link.
"""

# --- every page (the sidebar's) ------------------------------------------------------------------
LANG = "lang"  # "nl" or "en", as the catalogue names the languages
LANG_MENU = "lang_menu"  # the language chosen in presenter mode's menu
PRESENT = "present"  # presenter mode
UPLOADS = "uploads"  # uploaded scenarios by name, as JSON
UPLOAD = "upload"  # the scenario uploader
SESSION_FILE = "session_file"  # the saved-session uploader
SESSION_SAVE = "session_save"  # its download button

# --- the app's bookkeeping -----------------------------------------------------------------------
PAGE = "_page"  # the page shown
SAVED = "_saved"  # each page's last settings, by page
INCOMING = "_incoming"  # settings a restored session gives the page about to be drawn
RESTORE = "_restore"  # a loaded session's settings are to be restored
GOTO = "_goto"  # the page to switch to (a loaded session's, a link between pages)
URL_WARNINGS = "_url_warnings"  # what the link asked for that is not allowed
SESSION_NEWS = "_session_news"  # what loading a session did

# --- the workshop page ---------------------------------------------------------------------------
STORY = "story"
WEEKS = "weeks"
FILM = "film"  # the film component's state
FILM_START = "film_start"  # the week the film is to start at after an intervention "now"
FILM_START_TOKEN = "film_start_token"  # counts those interventions
LET_GO = "let_go"  # the user's own letting go: its switch (the story's kind of event)
TIGHTEN = "tighten"  # the user's own taking control


def week_of(intervention: str) -> str:
    """The key of the week of the user's intervention ``LET_GO`` or ``TIGHTEN``."""
    return f"{intervention}_week"


# --- the compare, calibrate and model pages ------------------------------------------------------
VARIANTS = "variants"  # how many variants the compare page shows
CALIBRATION = "calibration"  # the last fit


def variant(index: int, name: str) -> str:
    """The key of a compare variant's setting: ``v1_story``, ``v2_trust``."""
    return f"v{index}_{name}"


# --- the room session ----------------------------------------------------------------------------
ROOM_LINK = "room_link"  # the session's link, to put back in the address bar
ROOM_SENT = "room_sent"  # (code, token, round) of the decision just submitted
ROOM_ROUND_SHOWN = "room_round_shown"  # the round the participant's form is for
ROOM_FORM_FOR = "room_form_for"  # whose choices fill the form
ROOM_ADDRESS = "room_address"  # the choice to address a non-performer


def room_choice(choice: str) -> str:
    """The key of a participant's slider for ``choice`` (``room_trust``)."""
    return f"room_{choice}"
