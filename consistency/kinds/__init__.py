"""The registry of claim kinds: the one place a new kind is plugged in.

Each kind is a module exposing `KIND` (see `consistency.kinds.base.Kind`): an extractor, the keys
that block its claims for matching, and a comparator that explains its verdicts.
"""
from consistency.kinds import place, quantity, quote, role, statement, time
from consistency.kinds.base import Doc, Kind, Pair

KINDS: dict[str, Kind] = {k.name: k for k in (time.KIND, place.KIND, role.KIND, statement.KIND, quantity.KIND, quote.KIND)}

__all__ = ["KINDS", "Doc", "Kind", "Pair"]
