"""The dashboard in a real browser: Playwright drives Debian's chromium against `streamlit run`.

Every page loads, draws its Plotly charts and shows no exception; moving a slider on the workshop
page redraws it. Screenshots go to tests/screenshots/ (ignored by git); run with
LOSLATEN_SCREENSHOTS=docs/screenshots to refresh the README's. Without a browser the test is
skipped locally and fails under CI (CI=true): install one with scripts/install-browser.sh.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to an ignored folder; LOSLATEN_SCREENSHOTS=docs/screenshots refreshes the docs.
SHOTS = ROOT / os.environ.get("LOSLATEN_SCREENSHOTS", "tests/screenshots")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SMALL = "employees=60&reps=3&weeks=104"  # a small organisation keeps the test quick
PLOT = ".js-plotly-plot .main-svg"
ERROR = '[data-testid="stException"]'

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


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
    command += ["--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
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
def page():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _unavailable(f"no browser at {CHROMIUM} (run scripts/install-browser.sh)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        # Tall enough for a whole page: Streamlit scrolls inside its own container.
        tab = browser.new_page(viewport={"width": 1400, "height": 2200})
        tab.set_default_timeout(120_000)
        yield tab
        browser.close()


def _settled(page) -> None:
    """Wait until the app has finished its run (no 'running' indicator) and charts are drawn."""
    page.wait_for_selector(PLOT, state="visible")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", polling=250
    )
    page.wait_for_timeout(1000)  # let Plotly finish its layout before a screenshot


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("", "workshop"),
        (f"compare?{SMALL}&why=true", "compare"),
        ("explore?points=3&reps=2&weeks=52", "explore"),
        ("explore?view=Hayek+en+Simon&phase_points=3&phase_reps=2&phase_weeks=52", "phase"),
        ("model", None),
    ],
)
def test_page_loads_and_draws(app_url, page, path, name):
    query = path if "?" in path else f"{path}?{SMALL}"
    page.goto(f"{app_url}/{query}")
    if name is None:  # the model page has tables, no charts
        page.wait_for_selector('[data-testid="stDataFrame"]', state="visible")
        page.wait_for_timeout(1000)
        _shot(page, "model")
    else:
        _settled(page)
        assert page.locator(PLOT).count() >= 1
        _shot(page, name)
    assert page.locator(ERROR).count() == 0


def test_compare_downloads(app_url, page, tmp_path):
    page.goto(f"{app_url}/compare?{SMALL}")
    _settled(page)
    files = {}
    for label in ("Rapport (HTML)", "Reeksen (Parquet)", "Scenario's (YAML)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[label] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[label])
    report = files["Rapport (HTML)"].read_text()
    assert report.startswith("<!DOCTYPE html>") and "Plotly.newPlot" in report
    series = pd.read_parquet(files["Reeksen (Parquet)"])
    assert series["scenario"].nunique() == 2 and series["rep"].nunique() == 3
    assert series["week"].max() == 104
    assert files["Scenario's (YAML)"].read_text().count("levers:") == 2


def test_calibrate_fits(app_url, page):
    page.goto(f"{app_url}/calibrate?employees=40&weeks=52&reps=1&use_engagement_rate=false")
    page.get_by_role("button", name="Aanpassen").click()
    _settled(page)
    assert page.get_by_text("Gekalibreerd scenario (YAML)").is_visible()
    assert page.locator(ERROR).count() == 0
    _shot(page, "calibrate")


def test_slider_redraws_workshop(app_url, page):
    page.goto(f"{app_url}/?{SMALL}")
    _settled(page)
    tile = page.locator('[data-testid="stMetricValue"]').nth(1)
    before = tile.inner_text()
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # trust
    thumb.focus()
    for _ in range(8):
        thumb.press("ArrowRight")
    page.wait_for_function(
        "before => document.querySelectorAll('[data-testid=\"stMetricValue\"]')[1]"
        ".innerText !== before",
        arg=before,
        polling=250,
    )
    _settled(page)
    assert "trust=" in page.url
    assert page.locator(ERROR).count() == 0
    assert page.locator(PLOT).count() >= 2


def test_film_plays(app_url, page):
    page.goto(f"{app_url}/?{SMALL}&story=vicious+circle&weeks=156")
    _settled(page)
    shown = (
        "() => Array.from(document.querySelectorAll('.js-plotly-plot text'), e => e.textContent)"
    )
    assert "week 0" in page.evaluate(shown)
    page.locator(".updatemenu-button").first.click()  # play
    page.wait_for_function(f"() => ({shown})().some(text => /^week 1[0-9][0-9]$/.test(text))")
    assert page.locator(ERROR).count() == 0
    _shot(page, "workshop_playing")


def test_presenter_mode_in_english(app_url, page):
    page.goto(f"{app_url}/?{SMALL}&present=true&lang=EN")
    _settled(page)
    assert page.locator("h1").first.inner_text() == "Letting go"
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert page.locator(ERROR).count() == 0
    _shot(page, "presenter")
