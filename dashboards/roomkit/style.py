"""The room's styles: tiles and cards that fit a phone, and the same in presenter mode."""

from __future__ import annotations

from sim.charts import INK

GOOD, BAD = "#00785a", "#b34700"

CSS = (
    """
<style>
.room-tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.2em, 1fr));
  gap: .5em; margin: .2em 0 .6em; }
.room-tile { border: 1px solid #d0d0d0; border-radius: .5em; padding: .35em .6em; }
.room-tile .l { font-size: .8em; color: #333; line-height: 1.2; }
.room-tile .v { font-size: 1.45em; font-weight: 600; color: #1a1a1a; }
.room-tile .c { font-size: .8em; color: #555; }
.room-tile .c.good { color: """
    + GOOD
    + """; } .room-tile .c.bad { color: """
    + BAD
    + """; }
.room-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17em, 1fr));
  gap: .6em; }
.room-card { border: 2px solid #d0d0d0; border-radius: .6em; padding: .45em .7em;
  font-size: .92em; color: #1a1a1a; }
.room-card.back { border-color: #CC79A7; background: #fbf0f6; }
.room-card .who { font-weight: 600; }
.room-card .who .team { color: #555; font-weight: 400; }
.room-card .state { font-size: .85em; color: #555; }
.room-card .state.back { color: #8a2f66; font-weight: 600; }
.room-card table { width: 100%; border-collapse: collapse; font-size: .9em; }
.room-card td, .room-card th { padding: 0 .1em; } .room-card td.n { text-align: right; }
.room-card th { font-weight: 400; font-size: .8em; color: #555; text-align: right; }
.room-card td.d { font-size: .85em; color: #333; white-space: nowrap; padding-left: .4em; }
.room-budget span { margin-right: .2em; }
.room-week { display: flex; height: 1.4em; border-radius: .3em; overflow: hidden;
  margin: .2em 0; }
.room-week span { display: block; height: 100%; }
.room-legend { font-size: .8em; color: #333; }
.room-legend span { white-space: nowrap; }
.room-legend i { display: inline-block; width: .8em; height: .8em; margin: 0 .25em 0 .6em;
  vertical-align: -.05em; border-radius: .15em; }
.room-join { text-align: center; }
.room-join img { width: 100%; max-width: 15em; height: auto; }
.room-join .code { font-size: 2.2em; font-weight: 700; letter-spacing: .12em; color: #1a1a1a; }
.room-join .url { font-size: .8em; word-break: break-all; color: #333; }
.room-clock { font-size: 1.6em; font-weight: 700; color: #1a1a1a; }
.room-clock.low { color: """
    + BAD
    + """; }
</style>
"""
)

# Presenter mode (the dashboard's, dashboards/app.py: 22 px, near-black, no chrome, the way out on
# top) on the room's own tiles, cards, join code and clock: nothing smaller than the page's
# 22 px, the greys dark, the figures and the join code larger.
BIG_CSS = (
    """
<style>
.room-tile .l, .room-tile .c, .room-card, .room-card table, .room-card .state, .room-legend,
.room-join .url { font-size: 1em; }
.room-tile .l, .room-tile .c, .room-card .who .team, .room-card .state, .room-legend,
.room-join .url, [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: """
    + INK
    + """; }
[data-testid="stCaptionContainer"] { font-size: 1rem; opacity: 1; }
.room-tile .v { font-size: 2em; }
.room-tiles { grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); }
.room-cards { grid-template-columns: repeat(auto-fill, minmax(17em, 1fr)); }
.room-card th, .room-card td.d { font-size: 1em; color: """
    + INK
    + """; }
.room-join img { max-width: 16em; }
.room-join .code { font-size: 3.2em; }
.room-clock { font-size: 2em; }
</style>
"""
)


def css(big: bool) -> str:
    """The room's styles; ``big``: in presenter mode."""
    return CSS + (BIG_CSS if big else "")
