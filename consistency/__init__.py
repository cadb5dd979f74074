"""consistency: find where articles reporting one story contradict each other."""
from consistency.api import VERSION as __version__
from consistency.api import Settings, check
from consistency.model import Article, Claim, Finding, RunResult, Span

__all__ = ["Article", "Claim", "Finding", "RunResult", "Settings", "Span", "check", "__version__"]
