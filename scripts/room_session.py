"""A room session played in a real browser: a facilitator's big screen and participants' phones.

    .venv/bin/python scripts/room_session.py                        # 9 phones, 8 rounds
    .venv/bin/python scripts/room_session.py --participants 8 --rounds 3 --no-restart
    .venv/bin/python scripts/room_session.py --shots docs/screenshots  # refresh the docs' shots

Starts the dashboard (``streamlit run dashboards/app.py`` with the options of ``loslaten
dashboard``) on a free port with a fresh sessions' database (``LOSLATEN_WORKSHOP_DB``) and lets
Playwright drive Debian's chromium (scripts/install-browser.sh): the facilitator starts a session
on the room page at 1920×1080, each participant joins from a phone (390×844) with the join link
and a name, and every round each decides for their own team (a third hold on to trust, a third
pull control back, the rest follow the story: they join but leave every choice to the story's
manager; of those who decide, a quarter skip every other round) before the facilitator closes
the round. After each close it measures how long until every screen — each
phone and the big screen — shows the new round, by the marker each screen writes after
everything else. Halfway it stops the server and starts a new one on the same port and
database: every screen must come back by itself with its team, its round, its figures and its
choices. At the end it opens the debrief and records what it says of the most trusting and the
most controlling team against their own counterfactuals, and prints the figures (``--json``: as
one JSON document).

``--shots DIR`` saves the big screen, a phone (its top, and its choices with the week as one
budget) and the debrief for the most trusting and the most controlling team.

``--seeds N`` plays the same session without a browser (the :mod:`sim.workshop` API) for seeds
1 … N and counts the sessions in which the most trusting team ranks below the most controlling
one on its change from its own counterfactual (the story's manager), per figure.

Importing this module starts nothing: tests/test_dashboard_browser_room.py plays a shorter
session with the same driver (:class:`Server`, :func:`browser`, :class:`Room`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the checkout's sim, not an installed one
    sys.path.insert(0, str(ROOT))

from sim import texts  # noqa: E402
from sim.cli.run import STREAMLIT_OPTIONS  # noqa: E402
from sim.workshop.store import DB_ENVIRONMENT  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
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
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREEN = {"viewport": {"width": 1920, "height": 1080}}
NAMES = ("Ann", "Bram", "Cem", "Dewi", "Eva", "Femke", "Gijs", "Hanna", "Ilse", "Joost", "Karim",
         "Lotte", "Mees", "Noor", "Otto", "Pien")  # fmt: skip
MARK = '.room-mark[data-screen="{screen}"][data-closed="{closed}"]'
SETTLED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
TIMEOUT_MS = 90_000
AGAIN_MS = 30_000
"""How long a participant waits for "Ingeleverd" before clicking again, the facilitator for a
debrief team's words before choosing the team again, and for the button that closes a round
before reloading the big screen: on two cores overloaded on purpose, Streamlit twice dropped the
first phone's first submit after the server's restart, and the big screen reloaded itself during
the debrief; once, in a test run, the big screen showed no button to close round 1 for 90 s
(causes not found); the result counts all three (docs/dashboard.md)."""
BACK_MS = 30_000  # how long a screen has after the restart to show its team, figures and choices
ERROR = '[data-testid="stAlertContentError"] [data-testid="stMarkdownContainer"]'  # its words
WATCH = """mark => { window.roomShownAt = 0; const look = () => document.querySelector(mark)
  ? (window.roomShownAt = Date.now()) : setTimeout(look, 25); look(); }"""
"""Run in a page before a round closes: the time its marker shows the round closed, from looks
in the page every 25 ms (the driver asked each page for its marker every 20 ms before)."""
SHOWN = "mark => window.roomShownAt || (document.querySelector(mark) ? Date.now() : 0)"
TRACK = "xpath=../../.."  # a slider's track: its thumb's input, in the thumb, on the track
TOP = "() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
LABELS = {
    "trust": "Vertrouwen dat u geeft",
    "monitoring": "Hoe nauw u controleert",
    "coaching": "Tijd voor coaching",
    "vision": "Tijd voor visie en doelen",
    "firefighting": "Zelf het werk van het team doen (brandjes blussen)",
}


class Unavailable(RuntimeError):
    """No browser to drive (playwright or chromium missing)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The dashboard on ``port`` with the sessions' database ``db``, as ``loslaten dashboard``
    serves it (its Streamlit options), its output appended to ``log``."""

    def __init__(self, port: int, db: Path, log: Path) -> None:
        self.port, self.db, self.log = port, Path(db), Path(log)
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        command = [sys.executable, "-m", "streamlit", "run", "dashboards/app.py"]
        options = {**STREAMLIT_OPTIONS, "server.headless": "true", "server.port": str(self.port),
                   "server.address": "127.0.0.1"}  # fmt: skip
        for name, value in options.items():
            command += [f"--{name}", value]
        env = {**os.environ, DB_ENVIRONMENT: str(self.db)}
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    tail = self.log.read_text()[-2000:]
                    raise RuntimeError(f"streamlit did not start:\n{tail}") from None
                time.sleep(0.3)

    def stop(self) -> None:
        """Stop this server (the process it started, and only that)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright; :class:`Unavailable` if either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise Unavailable("playwright is not installed (pip install -e '.[dev]')") from None
    if not CHROMIUM.exists():
        raise Unavailable(f"no browser at {CHROMIUM} (run scripts/install-browser.sh)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Participant:
    name: str
    page: object  # playwright Page
    team: int = 0
    token: str = ""
    submitted: dict[int, dict[str, int]] = field(default_factory=dict)  # round → choices in %
    loads: int = 0  # page loads after joining (a reload by the page's guard, or by the driver)
    clicked_again: int = 0  # submits that showed nothing within AGAIN_MS and were clicked again


@dataclass
class Room:
    """A session in the browser: the big screen and the phones."""

    server: Server
    screen: object  # playwright Page
    code: str = ""
    facilitator: str = ""
    join_url: str = ""
    participants: list[Participant] = field(default_factory=list)
    updates: list[list[float]] = field(default_factory=list)  # per close: seconds per screen
    screen_loads: int = 0  # the big screen's page loads after the session started
    chosen_again: int = 0  # debrief teams chosen again: their words did not show within AGAIN_MS
    reloaded_to_close: int = 0  # big-screen reloads: no button to close the round within AGAIN_MS
    phones: object = None  # the participants' browser profile (playwright BrowserContext)

    # --- the facilitator ------------------------------------------------------------------------

    def start(self, teams: int, rounds: int) -> None:
        """Start a session of the page's default story (vicious_circle) on the big screen."""
        page = self.screen
        page.goto(f"{self.server.url}/room")
        page.get_by_role("button", name="Sessie starten").wait_for()
        _number(page, "Teams", teams)
        _number(page, "Rondes", rounds)
        address = page.get_by_role("textbox", name="Adres voor de deelnemers")
        if address.input_value() != f"{self.server.url}/room":  # the page's own address
            address.fill(f"{self.server.url}/room")
            address.press("Enter")
        page.get_by_role("button", name="Sessie starten").click()
        page.wait_for_function("() => location.search.includes('facilitator=')")
        query = dict(re.findall(r"[?&](\w+)=([^&]+)", page.url))
        self.code, self.facilitator = query["session"], query["facilitator"]
        wait(page, "screen", 0)
        self.join_url = page.locator(".room-join .url").inner_text()
        page.on("load", lambda _page: setattr(self, "screen_loads", self.screen_loads + 1))

    def close_round(self, round_: int) -> list[float]:
        """Close the round on the big screen; the seconds until each screen shows it (the
        phones in order of joining, the big screen last)."""
        button = self.screen.get_by_role("button", name=f"Ronde {round_} sluiten")
        try:
            button.wait_for(timeout=AGAIN_MS)
        except Exception:  # as a facilitator would: F5 (the link keeps the session and the view)
            shown = self.diagnose(self.screen, f"close{round_}")
            print(f"no button to close round {round_} after {AGAIN_MS // 1000} s, reloaded: "
                  f"{shown}", file=sys.stderr, flush=True)  # fmt: skip
            self.reloaded_to_close += 1
            self.screen.reload()
            button.wait_for()
        pages = [p.page for p in self.participants] + [self.screen]
        screens = ["participant"] * len(self.participants) + ["screen"]
        for page, screen in zip(pages, screens, strict=True):  # each page times itself
            page.evaluate(WATCH, MARK.format(screen=screen, closed=round_))
        clicked = self.screen.evaluate("Date.now()")
        button.click()
        seen: list[float] = []
        for i, (page, screen) in enumerate(zip(pages, screens, strict=True)):
            try:  # in-page looks; a page that reloaded itself meanwhile counts from this look
                shown = page.wait_for_function(SHOWN, arg=MARK.format(screen=screen, closed=round_),
                                               polling=100)  # fmt: skip
            except Exception as err:
                raise TimeoutError(
                    f"screen {i} did not show round {round_} closed: "
                    + self.diagnose(page, f"late{round_}_{i}")
                ) from err
            seen.append((shown.json_value() - clicked) / 1000)
        self.updates.append(seen)
        return seen

    def diagnose(self, page, name: str) -> str:
        """What a screen shows (its marker, the poll's looks a few seconds apart) and a shot of
        it beside the server's log."""
        looks = "window.roomLooks || 0"
        before = page.evaluate(looks)
        page.wait_for_timeout(3000)
        marks = page.locator(".room-mark").evaluate_all("els => els.map(e => e.outerHTML)")
        state = page.evaluate("[window.roomLooks, window.roomStale, window.roomStaleFor]")
        shot = self.server.log.with_name(f"{name}.png")
        page.screenshot(path=shot, full_page=True)
        return f"{page.url}: marks {marks}, looks {before} → {state} ({shot})"

    # --- participants ---------------------------------------------------------------------------

    def join(self, browser, name: str) -> Participant:
        """A phone opens the join link and joins under ``name``. The phones are pages of one
        phone-sized browser profile: nothing of a seat lives in the browser but its link (no
        cookie or storage is read), and a profile each made every join compile Streamlit's
        page code afresh (8 joins: 47 s against 24 s on two cores)."""
        if self.phones is None:
            self.phones = browser.new_context(**PHONE)
        page = self.phones.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(self.join_url)
        page.get_by_label("Uw naam").fill(name)
        page.get_by_role("button", name="Meedoen").click()
        page.wait_for_function("() => location.search.includes('seat=')")
        query = dict(re.findall(r"[?&](\w+)=([^&]+)", page.url))
        wait(page, "participant", 0)
        heading = page.get_by_role("heading", name=re.compile(rf"^{name} · team \d+$")).inner_text()
        found = Participant(name, page, int(heading.rsplit(" ", 1)[1]), query["seat"])
        page.on("load", lambda _page: setattr(found, "loads", found.loads + 1))
        self.participants.append(found)
        return found

    def decide(self, who: Participant, round_: int, **percent: int) -> None:
        """Set the sliders (a tap on the track, the keyboard for what it missed) and the toggle,
        and submit: one run of the page per slider, where a step of 5% by keyboard is one each."""
        page = who.page
        for name, value in percent.items():
            if name == "address":
                toggle = page.locator('.st-key-room_choices input[type="checkbox"]')
                if toggle.is_checked() != bool(value):
                    toggle.locator("xpath=..").click()
                continue
            slider = page.get_by_role("slider", name=LABELS[name])
            if int(slider.input_value()) != value:  # a tap on the track, as on a phone
                track = slider.locator(TRACK).bounding_box()
                x = track["x"] + track["width"] * value / 100
                page.mouse.click(x, track["y"] + track["height"] / 2)
            now = int(slider.input_value())  # the last steps (if the tap missed) by keyboard
            slider.focus()
            key = "ArrowRight" if value > now else "ArrowLeft"
            for _ in range(abs(value - now) // 5):
                slider.press(key)
        submit = page.get_by_role("button", name=f"Inleveren voor ronde {round_}")
        try:
            who.clicked_again += twice(
                submit.click, page.get_by_text(f"Ingeleverd voor ronde {round_}")
            )
        except Exception as err:  # what the phone shows instead, beside the server's log
            raise RuntimeError(
                f"{who.name}'s choices for round {round_} were not taken: "
                f"{self.diagnose(page, f'decide{round_}_{who.name}')}"
            ) from err
        who.submitted[round_] = dict(percent)

    def shows(self, who: Participant, closed: int, rounds: int) -> None:
        """``who``'s phone shows its own team after round ``closed`` and the next round open
        (or the session over)."""
        page = who.page
        wait(page, "participant", closed)
        assert page.get_by_role("heading", name=f"{who.name} · team {who.team}").is_visible()
        if closed:
            assert page.get_by_text(f"Uw team na ronde {closed}:", exact=True).is_visible()
        if closed < rounds:
            page.get_by_text(f"Ronde {closed + 1} van {rounds} is open").wait_for()
            button = page.get_by_role("button", name=f"Inleveren voor ronde {closed + 1}")
            assert button.count() == 1
        else:
            page.get_by_text(texts.counted("room.ended", rounds, closed=rounds)).wait_for()

    def refused(self, browser, query: str) -> str:
        """What a phone that opens the room with ``query`` is told (the refusal)."""
        page = browser.new_context(**PHONE).new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{self.server.url}/room?{query}")
        error = page.locator(ERROR)
        error.wait_for()
        text = error.inner_text()
        page.context.close()
        return text


def twice(act, shown) -> bool:
    """``act``, then wait for ``shown``; if it does not show within :data:`AGAIN_MS`, ``act``
    once more (as a person would) and wait the full timeout. True when it took the second."""
    act()
    try:
        shown.wait_for(timeout=AGAIN_MS)
        return False
    except Exception:
        act()
        shown.wait_for()
        return True


def wait(page, screen: str, closed: int, timeout: float | None = None) -> None:
    page.wait_for_selector(
        MARK.format(screen=screen, closed=closed), state="attached", timeout=timeout
    )


def settled(page) -> None:
    page.wait_for_function(SETTLED, polling=100)


def _number(page, label: str, value: int) -> None:
    box = page.get_by_role("spinbutton", name=label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    settled(page)


def plan(index: int) -> dict[str, int] | None:
    """What participant ``index`` chooses (in %, every round): a third hold on to trust (the
    first the most: trust 90, 85, 80, …), a third pull control back (the later the more:
    monitoring 85, 90, 95, …), the rest follow the story (None: they choose nothing)."""
    kind, k = index % 3, index // 3
    if kind == 0:
        return {"trust": max(90 - 5 * k, 50), "monitoring": 20, "coaching": 70,
                "firefighting": 0, "address": 1}  # fmt: skip
    if kind == 1:
        return {"trust": max(20 - 5 * k, 0), "monitoring": min(85 + 5 * k, 100),
                "coaching": 20, "firefighting": 50, "address": 1}  # fmt: skip
    return None


def most_trusting_and_controlling(participants: int) -> tuple[int, int]:
    """The indices of the participant who gives the most trust and of the one who monitors
    most closely."""
    plans = {i: plan(i) for i in range(participants) if plan(i) is not None}
    trusting = max(plans, key=lambda i: (plans[i]["trust"], -i))
    controlling = max(plans, key=lambda i: (plans[i]["monitoring"], i))
    return trusting, controlling


def decides(index: int, round_: int) -> bool:
    """Whether participant ``index`` decides in ``round_``: whoever follows the story never; of
    the others a quarter decide only in the first and the even rounds (the others keep last
    round's choices)."""
    if plan(index) is None:
        return False
    return round_ == 1 or index % 4 != 3 or round_ % 2 == 0


def play_round(room: Room, round_: int, decided=None) -> list[float]:
    """Everyone who decides this round decides, then (after ``decided(room)``, if given) the
    facilitator closes the round."""
    for i, who in enumerate(room.participants):
        if decides(i, round_):
            room.decide(who, round_, **plan(i))
    if decided is not None:
        decided(room)
    return room.close_round(round_)


def restart(room: Room, closed: int) -> dict:
    """Stop the server mid-session and start a new one on the same port and database: each
    screen comes back by itself with its team, round, figures and choices."""
    before = {
        who.name: (who.team, who.page.locator(".room-tile .v").all_inner_texts())
        for who in room.participants
    }
    cards = room.screen.locator(".room-card").count()
    start = time.perf_counter()
    pages = [(who.page, "participant") for who in room.participants] + [(room.screen, "screen")]
    room.server.stop()
    down = [page.evaluate("Date.now()") for page, _ in pages]  # no look can come in between
    room.server.start()
    up = time.perf_counter() - start
    reloaded = 0
    for (page, screen), since in zip(pages, down, strict=True):
        try:  # a look at the new server (its marker or poll): the old marker is still there
            page.wait_for_function(f"() => (window.roomLastLook || 0) > {since}", timeout=30_000)
            wait(page, screen, closed, timeout=30_000)
        except Exception:  # a screen that did not come back by itself: a reload brings it back
            reloaded += 1
            page.reload()
            wait(page, screen, closed)
    back = time.perf_counter() - start
    missing = []  # what a screen did not bring back within the timeout (the page may reload)
    for who in room.participants:
        page = who.page
        team, tiles = before[who.name]
        heading = page.get_by_role("heading", name=re.compile(rf"^{who.name} · team"))
        _back(missing, "teams", who.name, heading, "to_have_text", f"{who.name} · team {team}")
        figures = page.locator(".room-tile .v")
        _back(missing, "figures", who.name, figures, "to_have_text", tiles, use_inner_text=True)
        if not who.submitted:  # follows the story: nothing of theirs to bring back
            continue
        latest = who.submitted[max(who.submitted)]
        for key, value in latest.items():
            if key in LABELS:
                slider = page.get_by_role("slider", name=LABELS[key])
                _back(missing, "choices", who.name, slider, "to_have_value", str(value))
    _back(missing, "teams", "screen", room.screen.locator(".room-card"), "to_have_count", cards)
    result = {"after_round": closed, "server_up_seconds": round(up, 1),
              "screens_back_seconds": round(back, 1), "screens_reloaded_by_driver": reloaded,
              "round_back": True, "missing": missing}  # fmt: skip
    for kind in ("teams", "figures", "choices"):
        result[f"{kind}_back"] = not any(line.startswith(kind) for line in missing)
    print(f"restart after round {closed}: server up again in {up:.1f} s, every screen back in "
          f"{back:.1f} s ({reloaded} reloaded); teams {result['teams_back']}, figures "
          f"{result['figures_back']}, choices {result['choices_back']}"
          + "".join(f"\n  not back: {line}" for line in missing),
          file=sys.stderr, flush=True)  # fmt: skip
    return result


def _back(missing: list, kind: str, who: str, locator, check: str, want, **options) -> None:
    """Wait (Playwright's ``expect``) until ``locator`` shows ``want``; what it still does not
    show after :data:`BACK_MS` goes into ``missing`` as "kind who: what it showed"."""
    from playwright.sync_api import expect

    try:
        getattr(expect(locator), check)(want, timeout=BACK_MS, **options)
    except AssertionError as err:
        missing.append(f"{kind} {who}: {str(err).splitlines()[0]}")


def debrief(room: Room, shots: Path | None = None) -> dict:
    """Open the debrief: each team against its own counterfactuals (``shots``: a shot of it),
    and what it says in words of the most trusting and the most controlling team."""
    page = room.screen
    page.get_by_role("radio", name="Nabespreking").click()
    page.get_by_text("Elk team tegen zijn eigen alternatieven").wait_for()
    page.wait_for_selector(".js-plotly-plot .main-svg", state="visible")
    trusting, controlling = most_trusting_and_controlling(len(room.participants))
    told = {}
    for role, index in (("controlling", controlling), ("trusting", trusting)):
        who = room.participants[index]
        sentence = page.locator("p", has_text=f"Team {who.team} ({who.name})")

        def choose(who=who) -> None:
            box = page.get_by_label("Team", exact=True)
            box.click()
            box.fill(f"team {who.team} · {who.name}")
            box.press("Enter")

        try:
            room.chosen_again += twice(choose, sentence)
        except Exception as err:  # what the big screen shows instead, beside the server's log
            raise RuntimeError(
                f"the debrief did not show team {who.team} ({who.name}) in words: "
                f"{room.diagnose(page, f'debrief_{role}')}"
            ) from err
        block = sentence.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
        lines = [sentence.inner_text()] + [
            p.inner_text() for p in block.locator("p").all()
            if p.inner_text().startswith(("Waarom", "Nog een jaar"))
        ]  # fmt: skip
        told[role] = {"team": who.team, "name": who.name, "sentence": lines[0], "lines": lines}
        print(f"debrief ({role}):", " ".join(lines), file=sys.stderr, flush=True)
        if shots is not None:  # the whole debrief, this team's words and chart included
            tall(page, shots / f"room_debrief_{role}.png")
    return told


def tall(page, path: Path, height: int = 3600) -> None:
    """A shot of the whole page (Streamlit scrolls inside the page: a tall window instead)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    settled(page)
    page.evaluate(TOP)
    page.wait_for_timeout(1500)  # let Plotly lay the charts out again
    page.screenshot(path=path)
    page.set_viewport_size(size)


def fairness(seeds: int, participants: int, story_teams: int, rounds: int) -> dict:
    """The session of :func:`plan` without a browser for seeds 1 … ``seeds``: per figure, in
    how many the most trusting team ranks below the most controlling one on its change from
    its own counterfactual (the same team under the story's manager), and the figures."""
    from sim.workshop import Workshop  # the dashboard's own import stays out of the driver

    trusting, controlling = most_trusting_and_controlling(participants)
    better = {"engagement_rate": 1, "productivity": 1, "burnout_rate": -1}
    rows = []
    with tempfile.TemporaryDirectory(prefix="loslaten-fair-") as folder:
        ws = Workshop(Path(folder) / "fair.sqlite", create=True)
        for seed in range(1, seeds + 1):
            created = ws.create("vicious_circle", participants + story_teams, rounds=rounds,
                                seed=seed)  # fmt: skip
            seats = [ws.join(created.code, f"p{i}") for i in range(participants)]
            for round_ in range(1, rounds + 1):
                for i, seat in enumerate(seats):
                    if decides(i, round_):
                        ws.decide(created.code, seat.token,
                                  **{k: v / 100 for k, v in plan(i).items()})  # fmt: skip
                ws.close_round(created.code, created.facilitator_token)
            spread = ws.played(created.code).spread
            last = spread[spread["round"] == rounds].set_index(["team", "kpi"])
            row = {"seed": seed}
            for kpi in better:
                pair = [float(last.at[(seats[i].team, kpi), "vs_story"]) for i in (trusting,
                        controlling)]  # fmt: skip
                row[kpi] = pair
            rows.append(row)
            print(f"seed {seed}: {row}", file=sys.stderr, flush=True)
    below = {kpi: sum(better[kpi] * (r[kpi][0] - r[kpi][1]) < 0 for r in rows) for kpi in better}
    return {"seeds": seeds, "teams": participants + story_teams, "rounds": rounds,
            "trusting_below_controlling": below, "sessions": rows}  # fmt: skip


def shot(page, path: Path) -> None:
    """A screenshot of ``page`` as it stands, scrolled to its top, charts drawn."""
    path.parent.mkdir(parents=True, exist_ok=True)
    settled(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", state="visible")
    page.evaluate(TOP)  # deciding left a phone scrolled down to its sliders
    page.wait_for_timeout(1000)  # let Plotly finish its layout
    page.screenshot(path=path)


def play(args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="loslaten-room-"))
    db, log = folder / "room.sqlite", folder / "streamlit.log"
    began = time.perf_counter()
    server = Server(free_port(), db, log).start()
    teams = args.participants + args.story_teams
    result: dict = {"participants": args.participants, "teams": teams, "rounds": args.rounds,
                    "log": str(log)}  # fmt: skip
    folder_shots = Path(args.shots) if args.shots else None
    try:
        with browser() as chromium:
            screen = chromium.new_context(**SCREEN).new_page()
            screen.set_default_timeout(TIMEOUT_MS)
            room = Room(server, screen)
            started = time.perf_counter()
            room.start(teams, args.rounds)
            for i in range(args.participants):
                room.join(chromium, NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)))
            result["joined_seconds"] = round(time.perf_counter() - started, 1)
            restart_after = args.rounds // 2 if args.restart else None
            # the shots: the big screen while the participants have decided (the third round,
            # or the last), the second participant's phone (pulling control back) after it
            shot_round = min(3, args.rounds)

            def screen_shot(room: Room) -> None:
                n = sum(decides(i, shot_round) for i in range(len(room.participants)))
                words = f"{n} van {len(room.participants)} hebben gekozen"
                room.screen.get_by_text(words).wait_for()  # the last choice is on the screen
                shot(room.screen, folder_shots / "room_screen.png")

            for round_ in range(1, args.rounds + 1):
                shoot = folder_shots and round_ == shot_round
                seen = play_round(room, round_, screen_shot if shoot else None)
                median = statistics.median(seen)
                print(f"round {round_}: every screen updated after {max(seen):.2f} s "
                      f"(median {median:.2f} s)", file=sys.stderr, flush=True)  # fmt: skip
                if folder_shots and round_ == shot_round:
                    phone = room.participants[min(1, len(room.participants) - 1)].page
                    shot(phone, folder_shots / "room_phone.png")
                    choices = phone.locator(".st-key-room_choices")
                    choices.scroll_into_view_if_needed()
                    choices.screenshot(path=folder_shots / "room_phone_week.png")
                if round_ == restart_after:
                    result["restart"] = restart(room, round_)
            result["debrief"] = debrief(room, folder_shots)
    finally:
        server.stop()
    result["close_to_all_updated"] = [
        {
            "round": i + 1,
            "median_seconds": round(statistics.median(s), 2),
            "max_seconds": round(max(s), 2),
            "slowest": _slowest(room, s),
        }
        for i, s in enumerate(room.updates)
    ]
    reloads = {p.name: p.loads for p in room.participants if p.loads}
    if room.screen_loads:
        reloads["big screen"] = room.screen_loads
    result["page_reloads"] = reloads  # by the page's own guard, or by the driver after a restart
    result["clicked_again"] = {p.name: n for p in room.participants if (n := p.clicked_again)}
    result["debrief_team_chosen_again"] = room.chosen_again
    result["screen_reloaded_to_close"] = room.reloaded_to_close
    result["code"] = room.code
    result["total_seconds"] = round(time.perf_counter() - began, 1)
    return result


def _slowest(room: Room, seen: list[float]) -> str:
    names = [p.name for p in room.participants] + ["big screen"]
    return names[seen.index(max(seen))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=9)
    parser.add_argument("--story-teams", type=int, default=1, help="teams nobody takes")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--no-restart", dest="restart", action="store_false")
    parser.add_argument("--shots", metavar="DIR", help="save the phone's and big screen's shots")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seeds", type=int, metavar="N",
                        help="no browser: the fairness count over seeds 1 … N")  # fmt: skip
    args = parser.parse_args(argv)
    if args.seeds:
        result = fairness(args.seeds, args.participants, args.story_teams, args.rounds)
        print(json.dumps(result) if args.json else json.dumps(result, indent=1))
        return 0
    try:
        result = play(args)
    except Unavailable as err:
        print(f"room_session: {err}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
