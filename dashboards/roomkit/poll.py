"""Each screen follows the session: a fragment polls the round counter (and the countdown) and
reruns the page when what it shows has changed; a marker at the page's end lets the browser
check that it did."""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Callable, Hashable

import numpy as np
import streamlit as st

from sim.workshop import Status, WorkshopError

from i18n import counted, t
from roomkit.store import workshop

PARTICIPANT_POLL = 1.0  # seconds between a phone's looks at the round counter
SCREEN_POLL = 1.0  # the big screen's (it also shows the countdown)


def participant_version(status: Status) -> Hashable:
    """What makes a participant's screen change: a round closed, or the session ended."""
    return (status.state, status.closed)


def screen_version(status: Status) -> Hashable:
    """What makes the big screen change: that, and who joined or decided."""
    names = tuple(sorted(status.names.items(), key=lambda item: item[0]))
    return (status.state, status.closed, names, tuple(sorted(status.submitted)))


def _poll(code: str, seen: Hashable, version: Callable[[Status], Hashable], big: bool) -> None:
    ws = workshop()
    try:
        ws.tick(code)  # a countdown that ran out closes its round, whoever looks first
        status = ws.status(code)
    except WorkshopError:
        return
    if version(status) != seen:
        st.rerun()  # the whole page, with the new round's figures
    clock(status, big, guard=_digest(seen))


def _digest(version: Hashable) -> str:
    """A short name for what a screen shows (the page's marker carries it)."""
    return hashlib.sha1(repr(version).encode()).hexdigest()[:12]


_participant_poll = st.fragment(_poll, run_every=PARTICIPANT_POLL)
_screen_poll = st.fragment(_poll, run_every=SCREEN_POLL)


def watch(code: str, status: Status, screen: bool) -> None:
    """Keep this screen up to date: the countdown, and the page again once the round counter
    (or, on the big screen, who joined or decided) changed."""
    if screen:
        _screen_poll(code, screen_version(status), screen_version, True)
    else:
        _participant_poll(code, participant_version(status), participant_version, False)


def clock(status: Status, big: bool, guard: str | None = None) -> None:
    """Where the session stands: the open round and its countdown; ``guard``: what the page
    should be showing (see :data:`GUARD`)."""
    if status.round is None:
        words = counted("room.ended", status.closed, closed=status.closed)
    else:
        words = t("room.round_open", round=status.round, rounds=status.rounds)
    left = status.seconds_left
    if left is None:
        shown = f"<strong>{html.escape(words)}</strong>"
    else:
        minutes, seconds = divmod(int(np.ceil(left)), 60)
        low = " low" if left <= 15 else ""
        shown = (
            f'<div class="room-clock{low}" role="timer">{html.escape(words)} · '
            f"{t('room.time_left')} {minutes}:{seconds:02d}</div>"
        )
    if guard is None:
        st.html(shown)
        return
    script = GUARD.format(want=guard, after=STALE_LOOKS, missing=MISSING_LOOKS,
                          tick=time.monotonic_ns())  # fmt: skip
    st.html(shown + script, unsafe_allow_javascript=True)


# Streamlit now and then leaves a page's browser without the full rerun a fragment asked for
# when the round closed (the server ran it, the page still shows the round before: seen with
# 8-12 phones on two busy cores, about one screen in three sessions). The poll knows what the
# page should show; if the page's marker still says otherwise a few looks later, the page
# reloads itself (its link holds the seat or the facilitator's token, so it comes back as it was).
GUARD = """<script>(() => {{
  const mark = document.querySelector('.room-mark'), want = '{want}';
  window.roomLooks = (window.roomLooks || 0) + 1;
  window.roomLastLook = Date.now();
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  if ((mark && mark.dataset.version === want) || (!mark && running)) {{
    window.roomStale = 0; return;
  }}
  const seen = (mark ? '' : 'missing:') + want, after = mark ? {after} : {missing};
  if (window.roomStaleFor !== seen) {{ window.roomStaleFor = seen; window.roomStale = 0; }}
  window.roomStale += 1;
  if (window.roomStale >= after) {{ window.roomStale = 0; location.reload(); }}
}})(); /* {tick} */</script>"""
STALE_LOOKS = 3  # polls (about a second apart) that find the page behind the same state
# A page whose run has ended without its marker (Streamlit dropped the elements after the
# choices' fragment: seen once in the browser test) reloads itself too, after more looks.
MISSING_LOOKS = 6
# And should the poll itself stop looking (a page left with a fragment the server no longer
# knows), the marker's watch reloads the page once the server answers again, after a quarter of
# a minute without a look (a whole minute while the page says it is still running).
WATCH = """<script>(() => {{
  window.roomLastLook = Date.now();
  if (window.roomWatch) return;
  window.roomWatch = setInterval(async () => {{
    const quiet = Date.now() - window.roomLastLook;
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    if (quiet < {quiet} || (running && quiet < {running})) return;
    try {{
      const health = await fetch(new URL('_stcore/health', document.baseURI));
      if (health.ok) location.reload();
    }} catch (err) {{}}  // the server is away: Streamlit reconnects by itself
  }}, 5000);
}})(); /* {tick} */</script>"""
QUIET_MS, RUNNING_MS = 15_000, 60_000


def mark(screen: str, status: Status) -> None:
    """A marker after everything a screen shows: which round it shows (read by the browser
    tests to time "close round → every screen updated")."""
    version = screen_version(status) if screen == "screen" else participant_version(status)
    watch = WATCH.format(quiet=QUIET_MS, running=RUNNING_MS, tick=time.monotonic_ns())
    st.html(
        f'<div class="room-mark" data-screen="{screen}" data-closed="{status.closed}" '
        f'data-state="{status.state}" data-version="{_digest(version)}" hidden></div>{watch}',
        unsafe_allow_javascript=True,
    )
