"""Arrays on the heap in Dask workers, as in any other process of the simulator.

Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536``
(``distributed.nanny.pre-spawn-environ``), so that a long-lived worker gives freed memory back to
the system. In glibc, setting it also fixes the size above which an allocation gets pages of its
own (``mmap``) at 128 KiB, so every temporary array of more than 16,000 numbers is mapped,
faulted in and unmapped again — hundreds of times a simulated week. A group of 20,000 employees
ran 2.5 times slower on a Dask worker than in a process of the pool (``docs/performance.md``,
*Scaling out*). :class:`HeapOnWorkers` raises that size in each worker, now and in workers that
join later, so that arrays up to :data:`HEAP_ARRAYS` are reused from the heap; memory beyond the
trim threshold is still given back. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes

from distributed.diagnostics.plugin import WorkerPlugin

HEAP_ARRAYS = 64 << 20
"""Allocations up to this many bytes come from the heap (glibc's ``M_MMAP_THRESHOLD``)."""
M_MMAP_THRESHOLD = -3  # glibc's malloc.h
tuned = False
"""Whether :func:`allocate_on_the_heap` raised this process's threshold."""


def allocate_on_the_heap() -> bool:
    """Raise this process's mmap threshold to :data:`HEAP_ARRAYS`; whether it could."""
    global tuned
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc
        return False
    tuned = bool(mallopt(M_MMAP_THRESHOLD, HEAP_ARRAYS))
    return tuned


class HeapOnWorkers(WorkerPlugin):
    """A Dask worker plugin: :func:`allocate_on_the_heap` in every worker of the cluster."""

    name = "loslaten-heap"
    idempotent = True

    def setup(self, worker) -> None:
        allocate_on_the_heap()
