"""The room session in a real browser: a facilitator's big screen (1920×1080) and eight phones
(390×844) play three rounds against ``streamlit run`` with the driver of
``scripts/room_session.py``.

Every phone shows each new round with its own team once the facilitator closes a round; the
server is stopped and started again after the first round and every screen comes back by itself
with its team, figures and choices; a seat's token is refused where it does not belong (as the
facilitator's, or in another session). Without a browser the test is skipped locally and fails
under CI (CI=true), like tests/test_dashboard_browser.py: install one with
scripts/install-browser.sh.
"""

from __future__ import annotations

import os
import sys

import pytest

from scripts import room_session
from sim.workshop import Workshop, ensemble

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a safety net, not a speed test

PHONES = 8
ROUNDS = 3


@pytest.fixture(scope="module")
def chromium():
    try:
        with room_session.browser() as launched:
            yield launched
    except room_session.Unavailable as err:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser test cannot run in CI: {err}")
        pytest.skip(str(err))


def test_facilitator_and_eight_phones_play_three_rounds_through_a_restart(
    chromium, tmp_path, monkeypatch
):
    monkeypatch.setenv(
        ensemble.REPLICATIONS_ENVIRONMENT, "4"
    )  # the server's: the polling is tested
    db = tmp_path / "room.sqlite"
    server = room_session.Server(room_session.free_port(), db, tmp_path / "streamlit.log")
    server.start()
    try:
        screen = chromium.new_context(**room_session.SCREEN).new_page()
        screen.set_default_timeout(room_session.TIMEOUT_MS)
        room = room_session.Room(server, screen)
        room.start(teams=PHONES + 2, rounds=ROUNDS)
        for name in room_session.NAMES[:PHONES]:
            room.join(chromium, name)
        teams = [who.team for who in room.participants]
        assert sorted(teams) == list(range(1, PHONES + 1))  # a team each, none shared
        for who in room.participants:
            room.shows(who, 0, ROUNDS)

        for round_ in range(1, ROUNDS + 1):
            seen = room_session.play_round(room, round_)
            assert len(seen) == PHONES + 1  # every phone and the big screen showed it
            for who in room.participants:
                room.shows(who, round_, ROUNDS)
            if round_ == 1:
                back = room_session.restart(room, round_)
                assert back["teams_back"] and back["figures_back"] and back["choices_back"]
                assert [who.team for who in room.participants] == teams

        # a seat's token is no facilitator's, and no seat in another session
        ann = room.participants[0]
        refusal = room.refused(chromium, f"session={room.code}&facilitator={ann.token}")
        assert refusal.startswith(f"Deze link is niet die van de begeleider van sessie {room.code}")
        other = Workshop(db).create("vicious_circle", 2, rounds=1)
        refusal = room.refused(chromium, f"session={other.code}&seat={ann.token}")
        assert refusal.startswith(f"Deze link hoort niet bij een plaats in sessie {other.code}")

        again = {who.name: who.clicked_again for who in room.participants if who.clicked_again}
        print(f"submits clicked again (Streamlit dropped a click): {again}", file=sys.stderr)

        told = room_session.debrief(room)["controlling"]
        print(f"debrief teams chosen again: {room.chosen_again}", file=sys.stderr)
        print(f"big screen reloaded to close a round: {room.reloaded_to_close}", file=sys.stderr)
        assert told["sentence"].startswith(f"Team {told['team']} ({told['name']}), ronde {ROUNDS}")
        assert screen.locator('[data-testid="stException"]').count() == 0
        for who in room.participants:
            assert who.page.locator('[data-testid="stException"]').count() == 0
    finally:
        server.stop()
