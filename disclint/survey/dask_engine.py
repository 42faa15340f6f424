"""The Dask engine: :func:`disclint.survey.worker.process` on an existing ``dask.distributed``
cluster (``--scheduler tcp://HOST:PORT``).

A worker plugin loads the model once per worker process at registration; tasks also load it
lazily if a worker joins later. Workers must see the input files under the same paths (a shared
file system); they are given absolute paths. Recycle Dask workers with their own
``--lifetime``/``--lifetime-restart`` options.

Every wait on the cluster is bounded, so a cluster that stops answering ends the run with one
line instead of holding it forever:

- connecting and the scheduler's first answer: ``--connect-timeout`` (45 s);
- everything after it — the cluster's description, registering the plugin, the next result,
  fetching a result, closing — by the *stall bound*: ``--stall-timeout``, by default
  ``--timeout`` per document plus :data:`STALL_MARGIN` (a worker finishes or gives up on a
  document within ``--timeout``; the margin covers loading the model). ``--timeout 0`` without a
  ``--stall-timeout`` leaves it unbounded.

When no result arrives within the bound the run stops with ``survey.engine_stalled``. A cluster
that drops the run (the scheduler died, closed the connection or sent garbage: Dask cancels
every future) stops it with ``survey.engine_lost`` rather than one "worker crashed" error per
document in flight. Either way the results stored so far stay and a rerun resumes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from . import worker
from .engine import crash_result
from .inputs import SurveyError

STALL_MARGIN = 120.0  # seconds on top of --timeout: the model's loading, a slow scheduler
POLL = 0.1  # seconds between looks at the finished futures


def stall_bound(timeout: float, explicit: float | None) -> float:
    """Seconds to wait for the cluster's next answer (0 = no bound): ``explicit`` if given,
    else ``timeout`` per document plus :data:`STALL_MARGIN` (none when ``timeout`` is 0)."""
    if explicit is not None:
        return explicit
    return timeout + STALL_MARGIN if timeout > 0 else 0.0


class DaskEngine:
    name = "dask"

    CONNECT_TIMEOUT = 45.0  # seconds for connecting *and* the scheduler's first answer (--connect-timeout)

    def __init__(self, scheduler: str, connect_timeout: float = CONNECT_TIMEOUT, stall_timeout: float = 0.0) -> None:
        self.scheduler = check_scheduler_address(scheduler)
        self.workers = 0
        self.connect_timeout = connect_timeout
        self.stall_timeout = stall_timeout  # 0: no bound

    def connect(self) -> Any:
        _quiet_logs()
        client_class = _bounded_client_class()
        try:
            return within(
                self.connect_timeout,
                lambda: client_class(self.scheduler, timeout=f"{self.connect_timeout:g}s", set_as_default=False),
            )
        except TimeoutError:
            # a server that accepts the connection and never answers held Client() forever
            raise SurveyError(
                "survey.engine_failed", reason=f"no answer from {self.scheduler} within {self.connect_timeout:g} s"
            ) from None
        except (ValueError, TypeError, KeyError) as exc:  # an address distributed cannot use
            raise SurveyError("survey.bad_scheduler", address=self.scheduler, reason=_reason(exc)) from None
        except OSError:
            raise
        except Exception as exc:  # a server that answers garbage: whatever distributed raises, one line
            raise SurveyError("survey.engine_failed", reason=_reason(exc)) from None

    def _bounded(self, func: Callable[[], Any]) -> Any:
        """``func()`` (a call that waits on the cluster) within the stall bound."""
        if not self.stall_timeout:
            return func()
        try:
            return within(self.stall_timeout, func)
        except TimeoutError:
            raise self._stalled() from None

    def _stalled(self) -> SurveyError:
        return SurveyError("survey.engine_stalled", address=self.scheduler, seconds=f"{self.stall_timeout:g}")

    def run(self, tasks: list[dict[str, Any]], options: dict[str, Any]) -> Iterator[dict[str, Any]]:
        from distributed import as_completed

        client = self.connect()
        try:
            workers = self._bounded(lambda: client.scheduler_info().get("workers", {}))
            self.workers = max(1, len(workers))
            self._bounded(lambda: _register_plugin(client, options))
            window = max(4, 2 * sum(w.get("nthreads", 1) for w in workers.values()))
            queue = list(reversed(tasks))
            ac = as_completed(loop=client.loop)
            started: dict[Any, dict[str, Any]] = {}

            def submit() -> None:
                while queue and len(started) < window:
                    task = queue.pop()
                    # workers run in their own directories: a relative path was "not found" there
                    task = dict(task, path=os.path.abspath(task["path"]))
                    fut = client.submit(
                        worker.process,
                        task,
                        options,
                        key=f"disclint-survey-{task.get('key') or task['sha256']}-{time.time_ns()}",
                        pure=False,
                        retries=0,
                    )
                    started[fut] = task
                    ac.add(fut)

            submit()
            last = time.monotonic()
            while not ac.is_empty():
                batch = ac.next_batch(block=False)
                if not batch:
                    if self.stall_timeout and time.monotonic() - last > self.stall_timeout:
                        raise self._stalled()
                    time.sleep(POLL)
                    continue
                for fut in batch:
                    task = started.pop(fut)
                    if fut.status == "finished":
                        yield self._bounded(fut.result)
                    elif fut.status == "cancelled":  # never by us: the scheduler dropped the run
                        raise SurveyError("survey.engine_lost", address=self.scheduler)
                    else:  # the task failed (a worker lost too often, KilledWorker …): record it, go on
                        yield crash_result(task)
                    fut.release()
                submit()
                last = time.monotonic()  # the time spent storing results does not count
        finally:
            with contextlib.suppress(Exception):
                client.close(timeout=min(self.stall_timeout or 10.0, 10.0))


def within(seconds: float, func: Callable[[], Any]) -> Any:
    """``func()`` in a daemon thread; ``TimeoutError`` if it has not returned after ``seconds``
    (the thread is abandoned: it cannot keep the process alive)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, name="disclint-dask-wait", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError
    if "error" in box:
        raise box["error"]
    return box["value"]


def _quiet_logs() -> None:
    """distributed logs its own view of a failure on stderr (a traceback for a garbage frame,
    "Failed to reconnect …"); the run reports one line instead. Its config gives some loggers a
    level of their own (``distributed.client``), so each one is raised."""
    names = ["distributed", "tornado", "asyncio"]
    names += [n for n in logging.root.manager.loggerDict if n.startswith(("distributed.", "tornado."))]
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200]


def _bounded_client_class() -> type:
    """``distributed.Client`` whose garbage collection closes it within a second, quietly.

    Dask's own ``Client.__del__`` closes with twice the connect timeout: after a failed start
    (a server that answered garbage) or an abandoned close (a scheduler that stopped answering)
    the process waited up to 90 s more and printed "Exception ignored in Client.__del__" with a
    traceback."""
    from distributed import Client

    class BoundedClient(Client):  # type: ignore[misc]
        def __del__(self) -> None:
            with contextlib.suppress(Exception):
                if self.status in ("running", "connecting"):
                    self.close(timeout=1)

    return BoundedClient


def check_scheduler_address(address: str) -> str:
    """``--scheduler`` checked before anything connects: ``tcp://HOST:PORT`` (or another
    protocol distributed knows) with a port 1-65535. A malformed address was a ValueError
    traceback followed by a 60 s hang in ``Client.__del__``."""
    try:
        from distributed.comm.addressing import parse_address, parse_host_port
        from distributed.comm.registry import backends

        scheme, loc = parse_address(address, strict=False)
        if scheme not in backends:
            raise ValueError(f"unknown protocol {scheme!r}")
        if scheme in ("tcp", "tls", "ws", "wss"):
            host, port = parse_host_port(loc)
            if not host or not port or not 0 < int(port) < 65536:
                raise ValueError("host and port 1-65535 needed")
    except ImportError:
        return address  # reported as survey.no_dask by the caller
    except (ValueError, TypeError) as exc:
        raise SurveyError("survey.bad_scheduler", address=address, reason=str(exc).splitlines()[0][:200]) from None
    return address


def _register_plugin(client: Any, options: dict[str, Any]) -> None:
    from .dask_plugin import LoadModel

    plugin = LoadModel(options)
    if hasattr(client, "register_plugin"):
        client.register_plugin(plugin, name=LoadModel.name)
    else:  # pragma: no cover - older distributed
        client.register_worker_plugin(plugin, name=LoadModel.name)
