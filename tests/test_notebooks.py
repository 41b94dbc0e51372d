"""Every teaching notebook runs from top to bottom in the project's own Python, within a minute.

The kernel is ipykernel's ``python3``; jupyter_client starts it with the interpreter running
the tests (``sys.executable``), so a fresh ``make test`` needs no kernel registration.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TIMEOUT = 600  # a cell's safety net on a busy machine: speed is measured in benchmarks/, not here


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebooks"


@pytest.mark.slow
@pytest.mark.timeout(900)  # the whole notebook, the kernel's start-up included
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
