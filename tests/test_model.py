"""consistency.model: a run's graph may be given as the function that builds it."""
from __future__ import annotations

from dataclasses import replace

from consistency.model import RunResult


def result(**options: object) -> RunResult:
    return RunResult("0", (), (), (), (), (), **options)


def test_a_graph_function_is_called_once_on_first_read():
    calls = []
    r = result(graph=lambda: calls.append(1) or "the graph")
    assert calls == []
    assert r.graph == "the graph" and r.graph == "the graph"
    assert calls == [1]


def test_a_graph_given_as_a_value_or_not_at_all():
    assert result().graph is None
    assert result(graph=0).graph == 0
    assert replace(result(graph=lambda: "g"), version="1").graph == "g"
    assert result(graph=lambda: "g") == result()  # the graph takes no part in equality
