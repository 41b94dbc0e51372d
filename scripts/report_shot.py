"""The client report with model uncertainty, as a board member first sees it: a screenshot.

    .venv/bin/python scripts/report_shot.py      # docs/screenshots/report_ensemble.png
    .venv/bin/python scripts/report_shot.py --ensemble 10 --reps 4 --out /tmp/shot.png

Writes ``loslaten report baseline let_go --ensemble N`` (Dutch, the board's question; the
shipped ensemble, N at most its members) to a temporary file, opens it offline in Debian's
chromium (scripts/install-browser.sh) at 1280 × 900 and saves the first screen: the question,
the summary that says how sure the model is, and the table with both intervals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the checkout's sim, not an installed one
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.room_session import ARGS, CHROMIUM  # noqa: E402
from sim.cli import main  # noqa: E402

VIEWPORT = {"width": 1280, "height": 900}
QUESTION = "Moeten teamleiders meer loslaten?"


def shoot(html: Path, png: Path) -> None:
    """The first screen of the page ``html``, opened with no network, saved as ``png``."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_context(viewport=VIEWPORT).new_page()
        page.route("http*://**", lambda route: route.abort())
        page.goto(html.resolve().as_uri())
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=png)
        browser.close()


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/screenshots/report_ensemble.png")
    parser.add_argument(
        "--ensemble", default=None, help="plausible models (default: as many as the CLI)"
    )
    parser.add_argument("--reps", default="10")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        command = ["report", "baseline", "let_go", "--reps", args.reps, "--out", str(html)]
        command += ["--client", "Gemeente Utrecht", "--question", QUESTION, "--progress"]
        command += ["--ensemble", *([args.ensemble] if args.ensemble else [])]
        code = main(command)
        if code:
            return code
        shoot(html, args.out)
    print(f"screenshot written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(run())
