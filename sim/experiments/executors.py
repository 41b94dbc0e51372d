"""Executors: where the runs of an experiment are computed.

Every experiment takes an executor with the ``concurrent.futures`` interface, or a name; the
unit of work is one batch (all replications of one scenario at one point):

* ``None`` or ``"serial"``: in this process, one batch after the other;
* ``"process"``: a local process pool (forked workers: Mesa sets the global start method to
  "spawn" on import, which would re-import the simulator in every worker);
* ``"dask"``: a Dask distributed cluster, joined at ``scheduler`` (``tcp://host:port``) or
  started locally on the loopback interface. Remote workers need ``loslaten`` installed.

Results never depend on the executor: each batch's seed is fixed before it is submitted.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sim.experiments.errors import ExperimentError

EXECUTORS = ("serial", "process", "dask")


class SerialExecutor(cf.Executor):
    """Runs each submitted call at once, in this process; returns a finished future."""

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            future.set_exception(err)
        return future


@contextlib.contextmanager
def open_executor(
    executor: Any = None, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Any]:
    """An executor for ``executor`` (a name, ``None`` or an object with ``submit``).

    Executors made here are shut down on exit (pending batches are cancelled); one passed in is
    left as it was. A Dask ``Client`` is used through its ``concurrent.futures`` executor.
    """
    if scheduler and executor != "dask":
        raise ExperimentError(f"a scheduler ({scheduler}) needs the dask executor")
    if executor is None or executor == "serial":
        yield SerialExecutor()
    elif executor == "process":
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=context)
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    elif executor == "dask":
        with _dask_client(workers, scheduler) as client:
            yield client.get_executor(pure=False)
    elif isinstance(executor, str):
        raise ExperimentError(
            f"executor {executor!r} is not known; choose one of {', '.join(EXECUTORS)} "
            "or pass an object with submit()"
        )
    elif _is_dask_client(executor):
        yield executor.get_executor(pure=False)
    elif callable(getattr(executor, "submit", None)):
        yield executor
    else:
        raise ExperimentError(
            f"executor {executor!r} has no submit(); pass one of {', '.join(EXECUTORS)}, "
            "a concurrent.futures executor or a Dask client"
        )


@contextlib.contextmanager
def _dask_client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError, TypeError) as err:
            raise ExperimentError(
                f"cannot reach the Dask scheduler at {scheduler!r}: {err}"
            ) from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, Client(cluster) as client:
        yield client


def _is_dask_client(executor: Any) -> bool:
    distributed = sys.modules.get("distributed")
    return distributed is not None and isinstance(executor, distributed.Client)


def as_completed(futures: list) -> Iterable:
    """Futures in order of completion (``concurrent.futures``), else in submission order."""
    if all(isinstance(f, cf.Future) for f in futures):
        return cf.as_completed(futures)
    return iter(futures)
