"""consistency.workers: batches of calls answered one result at a time, and faults that cost only
their own call."""
from __future__ import annotations

import gc
import os
import time

import pytest

from consistency.workers import Failure, Worker


def _double(x: int) -> int:
    return 2 * x


def _odd_fails(x: int) -> int:
    if x % 2:
        raise ValueError(f"odd\n{x}")
    return x


def _one_is_unpicklable(x: int) -> object:
    return (lambda: x) if x == 1 else x


def _exit_with(code: int) -> int:
    if code:
        os._exit(code)
    return code


def _frozen(_: object) -> int:
    return gc.get_freeze_count()


@pytest.fixture
def worker():
    w = Worker()
    yield w
    w.stop()


def test_a_batch_is_answered_one_result_per_call_in_order(worker):
    worker.send(_double, [1, 2, 3])
    assert [worker.receive() for _ in range(3)] == [2, 4, 6]
    worker.send(_double, [10])
    assert worker.receive() == 20


def test_a_call_that_raises_fails_only_itself(worker):
    worker.send(_odd_fails, [0, 1, 2])
    assert [worker.receive() for _ in range(3)] == [0, Failure("failed: ValueError: odd 1", "ValueError: odd 1"), 2]
    assert worker.alive


def test_a_result_that_cannot_be_pickled_fails_only_its_call(worker):
    worker.send(_one_is_unpicklable, [0, 1, 2])
    first, second, third = (worker.receive() for _ in range(3))
    assert (first, third) == (0, 2)
    assert isinstance(second, Failure) and second.message.startswith("failed: ")


def test_a_call_that_ends_its_process_is_reported_with_the_exit_code(worker):
    worker.send(_exit_with, [0, 3, 0])
    assert worker.receive() == 0
    assert worker.receive() == Failure("ended its process (exit code 3)")
    assert not worker.alive


def test_a_call_that_runs_over_is_stopped():
    worker = Worker()
    started = time.monotonic()
    assert worker.call(time.sleep, 30, timeout=0.2) == Failure("took longer than 0.2 s")
    assert time.monotonic() - started < 10
    assert not worker.alive


def test_call_returns_the_result_within_the_bound(worker):
    assert worker.call(_double, 21, timeout=10) == 42
    assert worker.alive


def test_a_worker_does_not_collect_what_it_inherited(worker):
    """Walking the parent's objects would copy every page that holds one."""
    worker.send(_frozen, [None])
    assert worker.receive() > 0
