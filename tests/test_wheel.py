"""Installed as users install it: the wheel built from this checkout, in a fresh virtual
environment outside the checkout, runs ``loslaten run`` and ``loslaten dashboard``.

The new environment gets the wheel alone; its dependencies it sees (through a ``.pth`` line, not
as a site directory, so the checkout's own editable install stays out) in the environment running
the tests, where pip, without an index, must find every one the wheel requires: nothing is
downloaded, and a dependency the wheel forgets to declare is not installed for it. The source is
copied first, so that building leaves nothing in the checkout and no stale ``build/`` folder can
slip old modules into the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import psutil
import pytest
from conftest import ROOT, free_port, start_dashboard, stop_dashboard

import sim

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SITE_PACKAGES = "import sysconfig; print(sysconfig.get_path('purelib'))"

# What the new environment's processes inherit: nothing that points back into the checkout.
ENV = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}

# The dashboard as `streamlit run` starts it (its folder on sys.path), on the workshop page with a
# small organisation, rendered by Streamlit's AppTest inside the new environment.
RENDER = """
import sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
import sim

app = Path(sim.__file__).parent / "dashboard" / "app.py"
sys.path.insert(0, str(app.parent))
at = AppTest.from_string(
    f"import runpy\\nrunpy.run_path({str(app)!r}, run_name='__main__')", default_timeout=120
)
at.query_params.update({"employees": "20", "weeks": "24", "reps": "2"})
at.run()
assert not at.exception, [e.value for e in at.exception]
print(len(at.metric))
"""


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    source = tmp / "source"
    shutil.copytree(
        ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "screenshots",  # the browser tests may be writing them meanwhile
        ),
    )
    run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", tmp, cwd=tmp)
    (found,) = tmp.glob("loslaten-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh virtual environment holding the wheel, its dependencies
    those of the environment running the tests."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    where = run(venv / "bin" / "python", "-c", SITE_PACKAGES, cwd=venv.parent).stdout.strip()
    (Path(where) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = (sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install")
    run(*pip, "--no-index", "--no-cache-dir", "--quiet", wheel, cwd=venv.parent)
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working directory outside the checkout, so nothing can be imported from it."""
    return tmp_path


def test_the_wheel_holds_the_package_dashboard_and_scenarios(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "sim").rglob("*.py")}
    expected |= {f"sim/dashboard/{p.relative_to(ROOT / 'dashboards').as_posix()}"
                 for p in (ROOT / "dashboards").rglob("*.py")}  # fmt: skip
    expected |= {f"sim/scenarios/{p.name}" for p in (ROOT / "scenarios").glob("*.yaml")}
    expected |= {"sim/calibration.json", "sim/locale/nl.toml", "sim/locale/en.toml"}
    expected |= {"sim/dashboard/film.js", "sim/dashboard/film.css"}
    assert expected - names == set()
    assert len([n for n in names if n.startswith("sim/scenarios/")]) == len(sim.builtin_scenarios())


def test_installed_run_gives_the_checkout_s_results(installed, elsewhere):
    where = run(installed / "python", "-c", "import sim; print(sim.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)
    done = run(installed / "loslaten", "run", "baseline", "--weeks", "10", "--json", cwd=elsewhere)
    expected = sim.run(sim.load_scenario("baseline").with_weeks(10), seed=1).kpis
    assert json.loads(done.stdout)["kpis"] == expected
    listed = run(installed / "loslaten", "scenarios", "--json", cwd=elsewhere)
    names = [s["name"] for s in json.loads(listed.stdout)["scenarios"]]
    assert names == list(sim.builtin_scenarios())


def test_installed_dashboard_serves_renders_and_stops(installed, elsewhere):
    port = free_port()
    process = start_dashboard(installed / "loslaten", port, elsewhere, elsewhere / "dash.log")
    (server,) = psutil.Process(process.pid).children()
    app = Path(next(a for a in server.cmdline() if a.endswith("app.py")))
    assert app.is_relative_to(installed.parent) and app.parent.name == "dashboard"
    stop_dashboard(process, port)
    metrics = run(installed / "python", "-c", RENDER, cwd=elsewhere)
    assert int(metrics.stdout.split()[-1]) > 0
