"""consistency.lang: language data files load whole, and a missing section fails at load."""
from __future__ import annotations

import pytest

from consistency import lang


@pytest.mark.parametrize("name", sorted(lang._REQUIRED))
def test_every_data_file_has_its_required_sections(name):
    data = lang.load(name)
    assert all(section in data for section in lang._REQUIRED[name])


def test_a_missing_section_is_named_at_load(monkeypatch):
    lang.load.cache_clear()
    monkeypatch.setitem(lang._REQUIRED, "numbers", ("units", "no_such_section"))
    with pytest.raises(lang.DataError, match="numbers.toml lacks section.*no_such_section"):
        lang.load("numbers")
    lang.load.cache_clear()


def test_demonyms_are_looked_up_in_lower_case():
    assert lang.demonym("Portuguese") == "portugal"
    assert lang.demonym("Ashfordian") is None
