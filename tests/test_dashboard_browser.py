"""The dashboard in a real browser: Playwright drives Debian's chromium against `streamlit run`,
as a facilitator (a projector at 1920×1080, the keyboard), a consultant (1440×900, a saved
session, the client report) and a teacher would, and on a 390×844 phone.

Every page loads and shows no exception and no English in Dutch; the film plays by keyboard and
"let go now" intervenes at the week shown; presenter mode has its way out and its play control on
the first screen; a saved session loads again; the report opens offline. Screenshots go to
tests/screenshots/ (ignored by git); run with LOSLATEN_SCREENSHOTS=docs/screenshots to refresh the
README's. Without a browser the test is skipped locally and fails under CI (CI=true): install one
with scripts/install-browser.sh.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from scripts.room_session import ARGS, CHROMIUM  # one set of chromium flags
from sim.cli.run import STREAMLIT_OPTIONS

ROOT = Path(__file__).resolve().parents[1]
# Screenshots go to an ignored folder; LOSLATEN_SCREENSHOTS=docs/screenshots refreshes the docs.
SHOTS = ROOT / os.environ.get("LOSLATEN_SCREENSHOTS", "tests/screenshots")
SMALL = "employees=60&reps=3&weeks=104"  # a small organisation keeps the test quick
PLOT = ".js-plotly-plot .main-svg"
FILM = ".film .plane circle"
ERROR = '[data-testid="stException"]'
DESKTOP = {"width": 1440, "height": 900}
# Words that are English and not Dutch: none may show on a Dutch page.
ENGLISH = re.compile(
    r"\b(the|and|with|from|this|that|which|None|Select|Choose|Upload|Download|Browse|Drag|"
    r"drop|files?|Running|Stop|seconds?|Deploy|Rerun|Settings|Print|Clear|Show|Hide|Skip|"
    r"replications?|outcomes?|levers?|story|stories|burnout|engaged|trust)\b"
)
# Everything a reader sees, the component's shadow DOM included.
VISIBLE_TEXT = """() => {
  const out = [];
  const walk = (node) => {
    for (const child of node.children || []) {
      const style = getComputedStyle(child);
      if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(child.tagName)) continue;
      const hidden = child.checkVisibility && !child.checkVisibility();  // a closed expander …
      if (hidden && style.display !== 'contents') continue;  // … but not a mere wrapper
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (style.fontSize === '0px') continue;  // replaced by a translation (::after)
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
    for (const child of node.childNodes || []) {
      if (child.nodeType === 3 && child.textContent.trim()) out.push(child.textContent.trim());
    }
  };
  walk(document.body);
  return out.join(' | ');
}"""

# The place and size of every chart and of the film, the same at two looks a quarter of a second
# apart (the first look only notes them): the charts are drawn and laid out.
STILL = """() => {
  const charts = document.querySelectorAll('.js-plotly-plot .main-svg, .film .plane');
  const now = JSON.stringify([...charts].map(e => {
    const b = e.getBoundingClientRect();
    return [b.left, b.top, b.width, b.height];
  }));
  const still = window.loslatenLayout === now;
  window.loslatenLayout = now;
  return still;
}"""

# Streamlit's own state of the script run, on its app element (its end-to-end tests wait on it).
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'"""
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a safety net, not a speed test


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def app_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "dashboards/app.py"]
    options = {
        **STREAMLIT_OPTIONS,
        "server.headless": "true",
        "server.port": str(port),
        "server.address": "127.0.0.1",
    }  # as `loslaten dashboard` serves it
    for name, value in options.items():
        command += [f"--{name}", value]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _unavailable(f"no browser at {CHROMIUM} (run scripts/install-browser.sh)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def profile(browser):
    """The tabs' browser profile, tall enough for a whole page (Streamlit scrolls inside its own
    container). One for the module: the app keeps nothing in the browser but the link (no
    cookie or storage is read), and a profile per test compiled Streamlit's page code afresh."""
    context = browser.new_context(viewport={"width": 1400, "height": 2200}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(profile):
    """A new tab."""
    tab = profile.new_page()
    tab.set_default_timeout(90_000)
    yield tab
    tab.close()


def _settled(page, selector: str = PLOT) -> None:
    """Wait until the app has finished its run (the app says its script is not running, and no
    'running' indicator shows) and charts are drawn. A run asked for by a click may not have
    started yet: wait first for something that run writes (the link, say)."""
    page.wait_for_selector(selector, state="visible")
    page.wait_for_function(IDLE, polling=250)
    page.evaluate("() => { window.loslatenLayout = null; }")
    page.wait_for_function(STILL, polling=250)  # Plotly has finished its layout


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def _english(page, looks: int = 5) -> list[str]:
    """English words on screen that stay there: looked at up to ``looks`` times a second apart,
    so a word a rerun shows for a moment (before its translation's style is back) is not one."""
    for _ in range(looks):
        found = sorted(set(ENGLISH.findall(page.evaluate(VISIBLE_TEXT))))
        if not found:
            break
        page.wait_for_timeout(1000)
    return found


def _shows(page, text: str) -> None:
    """Wait until ``text`` is on screen (a rerun may still be drawing after ``_settled``)."""
    page.wait_for_function(f"() => ({VISIBLE_TEXT})().includes({json.dumps(text)})", polling=250)


def _variants(page, n: int) -> None:
    """Wait until the compare page's link holds ``n`` variants."""
    page.wait_for_function(f"() => location.search.split('v=').length - 1 === {n}", polling=250)


def _revealed(page) -> list[str]:
    """Whether the film's events read from the run (a grab) show on its timeline."""
    return page.locator(".film .timeline .event").evaluate_all(
        "els => els.filter(e => e.style.visibility).map(e => e.style.visibility)"
    )


def _drawn_to(page) -> float:
    """How far along its x axis the film's first series is drawn (0 at its start, 1 at its
    end)."""
    return page.locator(".film .series svg").first.evaluate(
        "svg => { const clip = svg.querySelector('clipPath rect');"
        " const axis = svg.querySelector('.grid');"
        " const [x0, x1] = [Number(axis.getAttribute('x1')), Number(axis.getAttribute('x2'))];"
        " return (Number(clip.getAttribute('width')) - x0) / (x1 - x0); }"
    )


def _week(page) -> int:
    return int(re.search(r"week (\d+)", page.locator(".film .week").inner_text())[1])


@pytest.mark.parametrize(
    ("path", "name", "selector"),
    [
        ("?employees=60&reps=3&story=vicious_circle", "workshop", FILM),
        (f"compare?{SMALL}&why=true&why_reps=2", "compare", ":nth-match(.js-plotly-plot, 2)"),
        ("explore?points=7&reps=1&weeks=52", "explore", PLOT),
        ("explore?view=phase&phase_kpi=productivity", "phase", PLOT),  # shipped: quick
        ("calibrate", None, '[data-testid="stButton"]'),
        ("model", "model", '[data-testid="stDataFrame"]'),
    ],
)
def test_page_loads_in_dutch_without_english(app_url, page, path, name, selector):
    page.goto(f"{app_url}/{path}")
    _settled(page, selector)
    assert page.locator(ERROR).count() == 0
    assert _english(page) == []
    if name:
        _shot(page, name)


def test_an_english_link_has_an_english_menu_from_the_first_load(app_url, page):
    page.goto(f"{app_url}/calibrate?lang=en")
    _settled(page, '[data-testid="stButton"]')
    menu = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Compare" in menu and "Vergelijken" not in menu
    assert page.locator("h1").first.inner_text() == "Calibrate"


def test_film_plays_by_keyboard_and_lets_go_now(app_url, page):
    page.goto(f"{app_url}/?employees=60&reps=3&story=vicious_circle")
    _settled(page, FILM)
    assert _week(page) == 0
    labels = page.locator(".film .timeline .event > span").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return [b.left, b.right, b.top, b.bottom]; })"
    )
    assert len(labels) >= 3  # the shock, the grab three weeks later, the end of the shock
    for i, (left, right, top, bottom) in enumerate(labels):  # no label covers another
        for other in labels[i + 1 :]:
            apart = right <= other[0] or other[1] <= left
            assert apart or bottom <= other[2] or other[3] <= top, (labels[i], other)
    assert _revealed(page) == ["hidden"]  # the grab: what the run does, not yet reached
    assert _drawn_to(page) < 0.01  # the series: its first week, nothing of the future
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _week(page) == 2
    assert 0 < _drawn_to(page) < 0.05
    page.keyboard.press("Space")  # play
    deadline = time.monotonic() + 60
    while _week(page) < 100:
        assert time.monotonic() < deadline, "the film does not play"
        page.wait_for_timeout(200)
    page.keyboard.press("Space")  # pause
    stopped = _week(page)
    assert _revealed(page) == ["visible"]  # the grab, reached
    page.wait_for_timeout(500)
    assert _week(page) == stopped
    _shot(page, "workshop_playing")
    page.locator(".film .controls button").nth(0).click()  # from the start
    for _ in range(40):
        page.locator(".film .controls button").nth(3).click()  # a week forward
    assert _week(page) == 40
    page.get_by_role("button", name="Laat nu los").click()
    page.wait_for_function("() => location.search.includes('let_go_week=41')")
    _settled(page, FILM)
    assert "let_go=true" in page.url
    assert _week(page) == 40  # the film goes on from where it was
    _shows(page, "loslaten (u)")  # on the timeline
    page.keyboard.press("ArrowRight")
    _shows(page, "Week 41: u laat los")
    assert page.locator(ERROR).count() == 0


def test_slider_redraws_workshop(app_url, page):
    page.goto(f"{app_url}/?{SMALL}")
    _settled(page, FILM)
    from playwright.sync_api import expect

    tile = page.locator(".film .tile-value").nth(1)  # the film's tile at the week shown
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    before = tile.inner_text()
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # trust
    thumb.focus()
    for _ in range(8):
        thumb.press("ArrowRight")
    expect(tile).not_to_have_text(before, timeout=90_000)
    _settled(page, FILM)
    assert "trust=0.9" in page.url
    assert page.locator(ERROR).count() == 0


# Text a projector shows smaller than 22 px (an SVG's text as drawn), and focusable elements
# in the sidebar that are not hidden.
PROJECTED = """() => {
  const small = [];
  const walk = (node) => {
    for (const child of node.children || []) {
      if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(child.tagName)) continue;
      const style = getComputedStyle(child);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
    for (const child of node.childNodes || []) {
      if (child.nodeType !== 3 || !child.textContent.trim() || !child.parentElement) continue;
      const parent = child.parentElement;
      const box = parent.getBoundingClientRect();
      const style = getComputedStyle(parent);
      if (!box.width || box.top > innerHeight || style.visibility === 'hidden') continue;
      let px = parseFloat(style.fontSize);
      if (!px) continue;  // replaced by a translation (::after)
      if (parent instanceof SVGElement) {
        const m = parent.getScreenCTM();
        px *= Math.hypot(m.a, m.b);
      }
      if (px < 21.5) small.push(`${child.textContent.trim().slice(0, 30)} (${px.toFixed(1)} px)`);
    }
  };
  walk(document.body);
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const stops = sidebar ? [...sidebar.querySelectorAll('button, input, a, [tabindex]')]
    .filter(e => e.checkVisibility()).length : 0;
  return {small, stops};
}"""


def _bottom(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_presenter_mode_on_a_projector(app_url, browser, width, height):
    """The plane, the film's controls and what is happening fit one screen; nothing is under
    22 px; the hidden sidebar takes no tab stops; the way out is on the first screen."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{app_url}/?employees=60&reps=3&present=true&story=let_go_relapse")
    _settled(page, FILM)
    page.wait_for_function(  # the plane has taken the height the screen leaves it
        "() => [...document.querySelectorAll('*')].some(e => e.shadowRoot &&"
        " e.shadowRoot.querySelector('.film.big .plane svg[style*=height]'))",
        polling=250,
    )
    leave = page.get_by_role("button", name="Presentatie verlaten")
    assert leave.is_visible() and leave.bounding_box()["y"] < height
    for part in (".film button.play", ".film .week", ".film .happening", ".film .plane svg"):
        assert _bottom(page, part) <= height, part  # on the first screen
    style = page.locator(".film").evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).color]"
    )
    assert style[0] >= 22 and style[1] == "rgb(26, 26, 26)"  # large and dark
    projected = page.evaluate(PROJECTED)
    assert projected["small"] == [] and projected["stops"] == 0, projected
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    for _ in range(12):  # the keyboard never lands in the hidden sidebar
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "() => !!document.activeElement.closest('[data-testid=\"stSidebar\"]')"
        )
        assert not inside
    _shot(page, "presenter" if width == 1920 else "workshop_presenter_720")
    if width == 1280:
        context.close()
        return
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Vergelijken").wait_for(state="visible")
    page.keyboard.press("Escape")
    leave.click()
    page.wait_for_function("() => !location.search.includes('present=true')")
    _settled(page, FILM)
    assert page.locator('[data-testid="stSidebar"]').count() == 1
    context.close()


def test_presenter_charts_are_large_and_dark(app_url, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{app_url}/compare?{SMALL}&present=true")
    _settled(page)
    sizes = page.locator(".js-plotly-plot .gtitle, .js-plotly-plot .annotation-text").evaluate_all(
        "els => els.map(e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fill])"
    )
    assert sizes and all(size >= 22 for size, _ in sizes)
    assert {fill for _, fill in sizes} == {"rgb(26, 26, 26)"}
    context.close()


def test_compare_downloads_and_the_report_opens_offline(app_url, page, tmp_path):
    page.goto(f"{app_url}/compare?{SMALL}&why=true&why_reps=2")
    _settled(page)
    page.get_by_label("Klant", exact=True).fill("Gemeente Utrecht")
    page.get_by_label("Vraag van de klant").fill("Levert meer vertrouwen minder burn-out op?")
    page.get_by_label("Vraag van de klant").press("Enter")
    _shows(page, "Levert meer vertrouwen minder burn-out op?")
    _settled(page)
    files = {}
    for label in ("Rapport voor de klant (HTML)", "Reeksen (Parquet)", "Scenario's (YAML)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[label] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[label])
    series = pd.read_parquet(files["Reeksen (Parquet)"])
    assert series["scenario"].nunique() == 2 and series["rep"].nunique() == 3
    assert series["week"].max() == 104
    assert files["Scenario's (YAML)"].read_text().count("levers:") == 2
    report = files["Rapport voor de klant (HTML)"]
    context = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    offline = context.new_page()
    offline.route("http*://**", lambda route: route.abort())  # nothing from the network
    offline.goto(report.as_uri())
    assert offline.locator("svg").count() == 3 and offline.locator("script").count() == 0
    shown = offline.evaluate(VISIBLE_TEXT)
    for heading in ("Gemeente Utrecht: vergelijking van scenario's", "Vraag:", "Samenvatting",
                    "Uitkomsten en verschillen met 'Basis'", "De varianten", "Bijlage: werkwijze",
                    "Waarom verschillen 'Basis'"):  # fmt: skip
        assert heading in shown
    assert _english(offline) == []
    assert report.stat().st_size < 1_500_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    offline.screenshot(path=SHOTS / "report.png")  # the first page, as a board member opens it
    context.close()


def test_a_saved_session_loads_again(app_url, page, tmp_path):
    page.goto(f"{app_url}/compare?{SMALL}")
    _settled(page)
    page.get_by_role("button", name="Variant toevoegen").click()
    _variants(page, 3)
    _settled(page)
    page.get_by_text("Sessie", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Deze sessie opslaan").click()
    saved = tmp_path / "session.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["pages"]["compare"]["variants"] == "3"
    page.goto(f"{app_url}/")  # a new session, on another page
    _settled(page, FILM)
    page.get_by_text("Sessie", exact=True).click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(1)
    chooser.set_input_files(str(saved))
    page.wait_for_function("() => location.pathname.endsWith('/compare')")
    _variants(page, 3)  # all three variants are back
    _settled(page)
    assert page.locator(ERROR).count() == 0


def test_page_settings_stay_on_their_page(app_url, page):
    page.goto(f"{app_url}/compare?{SMALL}")
    _settled(page)
    page.get_by_role("link", name="Loslaten").click()
    _settled(page, FILM)
    assert "reps=3" not in page.url and "v=" not in page.url


def test_calibrate_fits(app_url, page):
    page.goto(f"{app_url}/calibrate?employees=40&weeks=52&reps=1&use_engagement_rate=false")
    page.get_by_role("button", name="Aanpassen").click()
    _settled(page)
    assert page.get_by_text("Gekalibreerd scenario (YAML)").is_visible()
    assert page.locator(ERROR).count() == 0
    assert _english(page) == []
    _shot(page, "calibrate")


def test_phone_layout_is_one_column(app_url, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{app_url}/?{SMALL}")
    _settled(page, FILM)
    plane = page.locator(".film .plane").bounding_box()
    teams = page.locator(".film .teams").bounding_box()
    assert teams["y"] >= plane["y"] + plane["height"] - 1  # stacked, not side by side
    assert plane["width"] <= 390
    assert page.locator(ERROR).count() == 0
    page.locator(".film .controls").scroll_into_view_if_needed()
    _shot(page, "phone")
    context.close()
