"""Work that is the same for each article, split over forked worker processes.

The workers are forked from the parent, so they share what it holds (the loaded model, or, when
they load the corpus themselves, its registries; the garbage collector's objects are frozen
first, so that sharing does not turn into copying) and send back only their results. Small
corpora, and systems without fork, run in the one process.

The items go out in small chunks, one at a time, and each chunk's results come back as soon as
it is done: sending results (pickling them in the worker, unpickling them in the parent) then
overlaps the work instead of piling up at the end.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_FROM = 300  # items; below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 16  # small enough to keep both cores busy to the end and results flowing

_job: tuple[Callable[[Any, Any], Any], Any] | None = None


def _run(chunk: Sequence[Any]) -> list[Any]:
    fn, shared = _job
    return [fn(shared, item) for item in chunk]


def workers() -> int:
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(count, 8)


def fork_map(fn: Callable[[Any, T], R], shared: Any, items: Sequence[T]) -> list[R]:
    """[fn(shared, item) for item in items], in order, over the machine's cores when it pays."""
    global _job
    count = workers()
    if len(items) < PARALLEL_FROM or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(shared, item) for item in items]
    size = max(1, len(items) // (count * CHUNKS_PER_WORKER))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _job = (fn, shared)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return [result for chunk in pool.imap(_run, chunks, chunksize=1) for result in chunk]
    finally:
        _job = None
        gc.unfreeze()
