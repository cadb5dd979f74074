"""Worker processes that run one call at a time, so that a call can be given a time bound.

A regular expression or a parser running in C cannot be interrupted by a signal, so a call on
hostile input (extracting one article, parsing one HTML page) runs in a process of its own, which
is killed and replaced when the call runs over. The calls and their results cross a pipe, so they
must pickle; the function is sent by reference. Calls are sent in batches, to save a round trip
per call, and each result comes back as soon as it is ready, so each call keeps its own bound.
"""
from __future__ import annotations

import gc
import multiprocessing
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Callable, Sequence


@dataclass(frozen=True)
class Failure:
    """Why a call gave no result, worded to follow a noun: "extraction took longer than 10 s".
    `error` is the exception, "TypeError: ...", when the call raised one."""

    message: str
    error: str | None = None


class Worker:
    """One process, talked to through a pipe: `send` calls, then `receive` their results one by
    one, in order."""

    def __init__(self) -> None:
        context = multiprocessing.get_context()
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def send(self, work: Callable[[Any], Any], items: Sequence[Any]) -> None:
        """Call `work` on each item in turn; send the next batch once every result is received, so
        that neither process waits to write while the other does."""
        try:
            self.conn.send((work, items))
        except OSError:
            pass  # the process died; receive() says so

    def receive(self) -> Any:
        """The next call's result, or a `Failure` when it raised or its process died."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join()
            return Failure(f"ended its process (exit code {self.process.exitcode})")

    def call(self, work: Callable[[Any], Any], item: Any, timeout: float) -> Any:
        """Run one call and wait for it at most `timeout` seconds; a worker that ran over is
        stopped, so check `alive` before the next call."""
        self.send(work, [item])
        if self.conn.poll(timeout):
            return self.receive()
        self.stop()
        return Failure(f"took longer than {timeout:g} s")

    @property
    def alive(self) -> bool:
        return not self.conn.closed and self.process.is_alive()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn: Connection) -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked while the parent may pause its garbage collector (consistency.extract does): a worker
    # lives for many calls and must collect its own garbage, but not walk the parent's objects it
    # inherited (a run's millions), which would also copy every page that holds one.
    gc.freeze()
    gc.enable()
    while True:
        try:
            work, items = conn.recv()
        except EOFError:
            return
        for item in items:
            try:
                # Sent inside the try: a result that cannot be pickled is this call's fault too.
                conn.send(work(item))
            except Exception as e:  # noqa: BLE001 - a fault in one call fails only that call
                error = " ".join(f"{type(e).__name__}: {e}".split())
                conn.send(Failure(f"failed: {error}", error))
