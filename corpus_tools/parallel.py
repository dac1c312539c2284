"""Spread independent work over the machine's cores with dask, with a tqdm progress bar.

The work is a dask graph of chunks, computed by dask's multiprocessing scheduler here, or, given the
address of a ``dask.distributed`` scheduler (or a ``distributed.Client``), by that cluster's workers.
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from typing import Callable


def default_workers(amount: int, threshold: int) -> int:
    """Return 1 when ``amount`` of work is below ``threshold`` (starting processes would cost more
    than they save), else the number of cores."""
    return 1 if amount < threshold else max(os.cpu_count() or 1, 1)


#: The most items in one chunk (a chunk is one task, and one call of a ``batched`` function).
CHUNK_SIZE = 50
#: Chunks per worker when the work is spread: several, so that the workers finish close together.
CHUNKS_PER_WORKER = 6


def chunk_bounds(weights: list[float], chunks: int, most: int = CHUNK_SIZE) -> list[tuple[int, int]]:
    """Return (start, end) bounds that cut the items, in order, into about ``chunks`` runs of about
    equal total weight, none longer than ``most`` items.

    >>> chunk_bounds([1, 1, 1, 1, 4, 1, 1], 3)
    [(0, 4), (4, 5), (5, 7)]
    """
    share = sum(weights) / max(chunks, 1)
    bounds, start, total = [], 0, 0.0
    for index, weight in enumerate(weights):
        total += weight
        if total >= share * (len(bounds) + 1) or index + 1 - start >= most:
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(weights):
        bounds.append((start, len(weights)))
    return bounds


#: The cyclic garbage collector's first threshold while a chunk is computed (Python's default: 700).
CHUNK_GC_THRESHOLD = 50_000


@contextmanager
def fewer_collections():
    """Collect cyclic garbage less often inside the block: a chunk's work makes hundreds of thousands
    of small objects (tokens, spans, rows) that live until its end, which the collector would otherwise
    traverse again and again (5 to 9 per cent of the work, measured) without freeing any."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(CHUNK_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def release_free_memory() -> None:
    """Hand the memory this process has freed back to the system (glibc's ``malloc_trim``, and Arrow's
    pool): before forking, so that the workers do not share pages of garbage which this process,
    reusing them while the workers run, would then copy (each such page is counted twice). Does nothing
    where neither is available."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


def _apply(function: Callable, chunk: list, batched: bool = False) -> list:
    with fewer_collections():
        return function(chunk) if batched else [function(*item) for item in chunk]


def map_in_chunks(function: Callable, items: list[tuple], *, workers: int = 1, show: bool = False,
                  desc: str = "working", unit: str = "item", warm_up: Callable | None = None,
                  batched: bool = False, weights: list[float] | None = None, scheduler=None) -> list:
    """Return ``[function(*item) for item in items]``, in order: here when ``workers`` is 1, else in
    chunks over ``workers`` processes by dask; ``show`` draws a tqdm bar (on stderr). With
    ``scheduler`` (a ``dask.distributed`` scheduler's address, or a ``distributed.Client``), the chunks
    run on that cluster instead, whatever ``workers`` says.

    ``function`` must be importable (a module-level function). ``warm_up`` is called here first,
    so that forked workers inherit what it loads. With ``batched``, ``function`` takes a whole chunk
    (a list of items) and returns the list of its results. ``weights`` (say, each item's length)
    makes the chunks of about equal work, so that no worker is left with a heavy last chunk.
    """
    if not items:
        return []
    from tqdm import tqdm  # the plain bar: tqdm.auto warns in a notebook without ipywidgets

    bar = tqdm(total=len(items), desc=desc, unit=unit, disable=not show, file=sys.stderr)
    if scheduler is not None:
        try:
            return _on_cluster(scheduler, function, items, batched, weights, bar)
        finally:
            bar.close()
    if workers <= 1:
        results = []
        with fewer_collections():
            for i in range(0, len(items), CHUNK_SIZE if batched else 1):
                results += _apply(function, items[i:i + CHUNK_SIZE] if batched else items[i:i + 1], batched)
                bar.update(len(results) - bar.n)
        bar.close()
        return results
    import dask
    from dask.callbacks import Callback

    if warm_up is not None:
        warm_up()
    # pure=False: dask need not hash the items (whole articles) to name the tasks
    tasks = [dask.delayed(_apply, pure=False)(function, items[start:end], batched)
             for start, end in chunk_bounds(weights or [1.0] * len(items), workers * CHUNKS_PER_WORKER)]

    def finished(key, result, dsk, state, worker_id):
        if isinstance(result, list):
            bar.update(len(result))

    # On Linux the workers are forked: they start at once, with the dictionaries and models this
    # process has loaded; elsewhere (macOS, Windows) dask's default, spawn, is the safe choice.
    context = "fork" if sys.platform.startswith("linux") else dask.config.get("multiprocessing.context", "spawn")
    # what exists now is frozen out of the collector's sight: the forked workers' collections then never
    # traverse the dictionaries, models and tables they inherit (nor copy their pages by marking them)
    gc.freeze()
    if context == "fork":
        release_free_memory()
    try:
        with Callback(posttask=finished), dask.config.set({"multiprocessing.context": context}):
            done = dask.compute(*tasks, scheduler="processes", num_workers=workers)
    finally:
        gc.unfreeze()
    bar.close()
    return [result for chunk in done for result in chunk]


#: Chunks in flight per thread of a cluster: enough to keep every worker busy while results come back,
#: few enough that the articles not yet started stay here rather than in the scheduler's memory.
CLUSTER_CHUNKS_IN_FLIGHT = 2


def _on_cluster(scheduler, function: Callable, items: list[tuple], batched: bool, weights: list[float] | None,
                bar) -> list:
    """Return the results of the chunks of ``items`` computed on a ``dask.distributed`` cluster (an
    address or a ``Client``): the same tasks as the local graph's, submitted a few per thread at a time."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    try:
        threads = max(sum(client.nthreads().values()), 1)
        bounds = chunk_bounds(weights or [1.0] * len(items), threads * CHUNKS_PER_WORKER)
        pending = iter(enumerate(bounds))
        done: dict[int, list] = {}
        numbers: dict[str, int] = {}

        def submit():
            for number, (start, end) in pending:
                future = client.submit(_apply, function, items[start:end], batched, pure=False)
                numbers[future.key] = number
                return future
            return None

        first = [future for future in (submit() for _ in range(threads * CLUSTER_CHUNKS_IN_FLIGHT)) if future]
        running = as_completed(first, loop=client.loop)
        for future in running:
            result = future.result()
            done[numbers.pop(future.key)] = result
            bar.update(len(result))
            future.release()
            following = submit()
            if following is not None:
                running.add(following)
        return [result for number in range(len(bounds)) for result in done[number]]
    finally:
        if client is not scheduler:
            client.close()
