"""The suite's own arrangements: the files tests/conftest.py keeps on one worker exist, so a
renamed browser test cannot silently run beside the other under pytest-xdist."""

from conftest import HEAVY_FIRST, ROOT, TOGETHER


def test_the_files_kept_together_exist():
    missing = [file for file in {*TOGETHER, *HEAVY_FIRST} if not (ROOT / file).is_file()]
    assert not missing, f"tests/conftest.py names files that do not exist: {missing}"
