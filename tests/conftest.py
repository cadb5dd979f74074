"""Hypothesis profiles: a quick one for local runs, a thorough one when CI is set.

No deadline: example times vary with machine load, and the tests that care about time measure it
themselves.
"""
from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=10_000, deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
