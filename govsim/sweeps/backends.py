"""Where tasks run: in this process, in a local process pool, or on a Dask cluster.

Each backend maps a function over tasks and yields the results as they complete,
keeping at most a few tasks per worker in flight so memory stays bounded however many
tasks a sweep has. Results are the same whichever backend computed them: a task's
result depends only on the task.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import Any

from govsim.errors import GovsimError

__all__ = ["BACKENDS", "available_cores", "backend", "check_backend"]

BACKENDS = ("serial", "process", "dask")
#: Tasks in flight per worker: enough to keep every worker busy, few enough to bound memory.
_IN_FLIGHT = 2

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]

_WORKER_DIED = (
    "a worker process died (killed, or out of memory?); the chunks already written "
    "are kept: run the sweep again with --resume"
)


def available_cores() -> int:
    """Cores this process may use (its CPU affinity where the OS reports one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _serial(function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
    for task in tasks:
        yield function(task)


def _pool_mapper(pool: ProcessPoolExecutor, workers: int) -> Mapper:
    def mapped(function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        tasks = iter(tasks)
        pending: set[Future] = {
            pool.submit(function, t) for t in islice(tasks, workers * _IN_FLIGHT)
        }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for task in islice(tasks, 1):
                    pending.add(pool.submit(function, task))
                try:
                    result = future.result()
                except BrokenProcessPool:
                    raise GovsimError(_WORKER_DIED) from None
                yield result

    return mapped


def _dask_mapper(client: Any, workers: int) -> Mapper:
    from distributed import KilledWorker, as_completed

    def mapped(function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        tasks = iter(tasks)
        window = max(workers, len(client.scheduler_info(n_workers=-1)["workers"])) * _IN_FLIGHT
        futures = as_completed(
            [client.submit(function, t, pure=False) for t in islice(tasks, window)]
        )
        for future in futures:
            for task in islice(tasks, 1):
                futures.add(client.submit(function, task, pure=False))
            try:
                result = future.result()
            except KilledWorker:
                raise GovsimError(_WORKER_DIED) from None
            future.release()
            yield result

    return mapped


@contextmanager
def _dask(workers: int, scheduler: str | None) -> Iterator[Mapper]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GovsimError(
            "the dask backend needs dask.distributed; install it with `pip install 'govsim[dask]'`",
            source="--backend",
        ) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise GovsimError(
                f"cannot connect to the Dask scheduler at {scheduler!r}: {error}",
                source="--scheduler",
            ) from None
        with client:
            yield _dask_mapper(client, workers)
        return
    import dask

    # Dask's nanny gives its workers MALLOC_TRIM_THRESHOLD_=65536, which sends the
    # model's numpy buffers back and forth to the OS (runs 25% slower), and writes its
    # worker variables into this process's environment too: keep both out.
    environ = dict(os.environ)
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # the model is numpy-bound; one run per core
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            )
            with cluster, Client(cluster) as client:
                yield _dask_mapper(client, workers)
    finally:
        os.environ.clear()
        os.environ.update(environ)


def check_backend(name: str, workers: int | None, scheduler: str | None) -> None:
    """Raise :class:`GovsimError` for an unknown backend or a bad worker count."""
    if name not in BACKENDS:
        raise GovsimError(
            f"expected one of {', '.join(BACKENDS)}; found {name!r}", source="--backend"
        )
    if workers is not None and workers < 1:
        raise GovsimError(f"expected at least 1 worker; found {workers}", source="--workers")
    if scheduler and name != "dask":
        raise GovsimError("a scheduler address needs --backend dask", source="--scheduler")


@contextmanager
def backend(
    name: str, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Mapper]:
    """A context whose value maps a function over tasks, yielding results as they finish.

    Parameters
    ----------
    name
        ``"serial"`` (this process), ``"process"`` (a local process pool) or ``"dask"``
        (a ``dask.distributed`` LocalCluster, or the scheduler at ``scheduler``).
    workers
        Worker processes; None: every available core.
    scheduler
        A running Dask scheduler's address, e.g. ``tcp://10.0.0.5:8786``.
    """
    check_backend(name, workers, scheduler)
    workers = workers or available_cores()
    if name == "serial":
        yield _serial
    elif name == "process":
        # spawn: workers start clean on every OS, with no copy of the parent's threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            try:
                yield _pool_mapper(pool, workers)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        with _dask(workers, scheduler) as mapper:
            yield mapper
