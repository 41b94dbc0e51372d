"""Executors: where the runs of an experiment are computed.

Every experiment takes one ``executor``; the unit of work is a group of batches (all
replications of one scenario at one point):

* ``"serial"`` (the default): in this process, one group after the other;
* ``"process"``: a local process pool of forked workers (a spawned worker would import the
  simulator again; Mesa 3.3 sets the global start method to "spawn" on import);
* ``"dask"``: a Dask distributed cluster, started locally on the loopback interface or, with a
  ``scheduler`` address, joined. Remote workers need ``loslaten`` installed;
* an :class:`Execution` naming one of these with its ``workers`` and ``scheduler``;
* any object with ``submit()`` (a ``concurrent.futures`` executor) or a Dask ``Client``, used as
  it is and left open.

Dask workers are told to keep the simulation's arrays on the heap (:mod:`sim.experiments.heap`:
Dask's default allocator setting made them 2.5 times slower).

Results never depend on the executor: each batch's seed is fixed before it is submitted.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Execution:
    """An executor by name, with its ``workers`` (local processes; default: all cores) and, for
    Dask, the ``scheduler`` of a running cluster to join (``tcp://host:8786``) instead of
    starting one: ``Execution("process", workers=2)``."""

    kind: str = "serial"
    workers: int | None = None
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in EXECUTORS:
            raise ExperimentError(
                f"executor {self.kind!r} is not known; choose one of {', '.join(EXECUTORS)}, "
                "or pass an object with submit()"
            )
        workers = self.workers
        if workers is not None and (
            isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
        ):
            raise ExperimentError(f"workers {workers!r} is not allowed; use a whole number ≥ 1")
        if workers is not None and self.kind == "serial":
            raise ExperimentError(
                f"workers ({workers}) need the process or dask executor; serial runs in this "
                "process"
            )
        if self.scheduler is not None:
            if self.kind != "dask":
                raise ExperimentError(
                    f"a scheduler ({self.scheduler}) needs the dask executor, not {self.kind}"
                )
            if self.workers is not None:
                raise ExperimentError(
                    f"workers ({self.workers}) are for a local cluster; the Dask cluster at "
                    f"{self.scheduler} has its own"
                )


@contextlib.contextmanager
def open_executor(executor: str | Execution | Any = "serial") -> Iterator[Any]:
    """An open executor for ``executor`` (a name, an :class:`Execution` or an object with
    ``submit``).

    Executors started here are shut down on exit (pending batches are cancelled); one passed in
    is left as it was. A Dask ``Client`` is used through its ``concurrent.futures`` executor.
    """
    if isinstance(executor, str):
        executor = Execution(executor)
    if isinstance(executor, Execution):
        with _started(executor) as started:
            yield started
    elif _is_dask_client(executor):
        _tune(executor)
        yield executor.get_executor(pure=False)
    elif callable(getattr(executor, "submit", None)):
        yield executor
    else:
        raise ExperimentError(
            f"executor {executor!r} has no submit(); pass one of {', '.join(EXECUTORS)}, an "
            "Execution, a concurrent.futures executor or a Dask client"
        )


@contextlib.contextmanager
def _started(spec: Execution) -> Iterator[Any]:
    if spec.kind == "serial":
        yield SerialExecutor()
    elif spec.kind == "process":
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        pool = cf.ProcessPoolExecutor(max_workers=spec.workers, mp_context=context)
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        with _dask_client(spec.workers, spec.scheduler) as client:
            yield client.get_executor(pure=False)


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
            _tune(client)
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
        _tune(client)
        yield client


def _tune(client: Any) -> None:
    """Workers of a Dask cluster keep the simulation's arrays on the heap
    (:mod:`sim.experiments.heap`)."""
    from sim.experiments.heap import HeapOnWorkers

    client.register_plugin(HeapOnWorkers())


def workers_of(executor: Any) -> int | None:
    """How many calls an open executor computes at once, where it says (a process pool, a Dask
    cluster's threads), else ``None``."""
    if isinstance(executor, SerialExecutor):
        return 1
    if isinstance(executor, cf.ProcessPoolExecutor | cf.ThreadPoolExecutor):
        return executor._max_workers
    client = getattr(executor, "_client", None)  # a Dask ClientExecutor
    if client is not None and callable(getattr(client, "nthreads", None)):
        return sum(client.nthreads().values()) or None
    return None


def _is_dask_client(executor: Any) -> bool:
    distributed = sys.modules.get("distributed")
    return distributed is not None and isinstance(executor, distributed.Client)


def as_completed(futures: list) -> Iterable:
    """Futures in order of completion (``concurrent.futures``), else in submission order."""
    if all(isinstance(f, cf.Future) for f in futures):
        return cf.as_completed(futures)
    return iter(futures)
