"""A TCP relay that turns a real Dask scheduler hostile mid-run; used by
``tests/test_hostile_round3.py`` and by the attack list (``benchmarks/hostile/cases.py``);
and the one way the tests stop the Dask processes they started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading


class Relay:
    """A TCP relay to a real scheduler that turns hostile once the client sends ``trigger``
    (``update-graph``: the tasks, i.e. after the connect and the plugin were answered):
    ``freeze`` relays nothing more and keeps the connection open (a hung scheduler),
    ``garbage`` answers random bytes, ``close`` drops both connections."""

    def __init__(self, target: tuple[str, int], action: str, trigger: bytes = b"update-graph") -> None:
        self.target, self.action, self.trigger = target, action, trigger
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.fired = threading.Event()
        self.stop = threading.Event()
        self.socks: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.server.settimeout(0.3)
        while not self.stop.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                continue
            upstream = socket.create_connection(self.target)
            self.socks += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, from_client: bool) -> None:
        try:
            while not self.stop.is_set():
                data = src.recv(65536)
                if not data:
                    return
                if from_client and self.trigger in data and not self.fired.is_set():
                    self.fired.set()
                    if self.action == "garbage":
                        src.sendall(os.urandom(4096))
                    elif self.action == "close":
                        src.close()
                        dst.close()
                        return
                if not (self.fired.is_set() and self.action == "freeze"):
                    dst.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.stop.set()
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass
        self.server.close()


def stop_process_groups(procs: list[subprocess.Popen[bytes]], wait: float = 20) -> None:
    """Stop processes started in their own process groups (a scheduler, workers), newest first:
    SIGCONT (one may have been stopped on purpose), SIGTERM, then SIGKILL after ``wait`` seconds."""
    for p in reversed(procs):
        for sig in (signal.SIGCONT, signal.SIGTERM):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
    for p in procs:
        try:
            p.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
