"""Project settings a user keeps next to the articles: `consistency.toml`, or the
`[tool.consistency]` table of `pyproject.toml`. Only the CLI reads them; the library takes
`Settings` values directly.

    [aliases]                      # in consistency.toml; [tool.consistency.aliases] in pyproject
    "Vlad" = "Vladimir Putin"
    "the Kremlin" = "Russian government"
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file."""


def load(folder: Path) -> dict[str, Any]:
    """The settings table from `folder`: consistency.toml wins over pyproject.toml; none is empty."""
    for name, table in (("consistency.toml", ()), ("pyproject.toml", ("tool", "consistency"))):
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from None
        for key in table:
            data = data.get(key, {})
        if data or name == "consistency.toml":
            return _validated(path, data)
    return {}


def _validated(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise ConfigError(f"{path}: 'aliases' must be a table of name = \"canonical name\" strings")
    unknown = sorted(set(data) - {"aliases"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    return {"aliases": dict(aliases)}
