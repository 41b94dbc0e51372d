"""The suite's own arrangements: the files tests/conftest.py starts first exist, so a renamed
heavy test file cannot silently fall back to the end of the queue under pytest-xdist."""

from conftest import HEAVY_FIRST, ROOT


def test_the_files_started_first_exist():
    missing = [file for file in HEAVY_FIRST if not (ROOT / file).is_file()]
    assert not missing, f"tests/conftest.py names files that do not exist: {missing}"
