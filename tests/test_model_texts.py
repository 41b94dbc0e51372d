"""The model page's words for the mechanisms and the coefficients: every mechanism module has a
description in Dutch and English (``model.mechanism_doc``); every coefficient a meaning and every
unit a name in Dutch (``model.coefficient_doc``, ``model.unit``), which in English are the
source's own words; and nothing in the catalogues is left over from something that no longer
exists."""

from __future__ import annotations

import pkgutil
import re

import pytest

import sim
import sim.mechanisms
from sim import texts
from sim.coefficients import listing

ROWS = listing(sim.Scenario().coefficients)
MODULES = {info.name for info in pkgutil.iter_modules(sim.mechanisms.__path__)}
COEFFICIENTS = {row["name"].removeprefix("coefficients."): row for row in ROWS}
UNITS = {row["unit"] for row in ROWS}
ENGLISH = re.compile(r"\b(the|and|with|from|which|when|where|of|to|than|per unit|share)\b")
"""English words that are not Dutch."""


def keys(block: str, lang: str) -> set[str]:
    """The catalogue's keys under ``block``, without it."""
    prefix = f"{block}."
    return {k.removeprefix(prefix) for k in texts.catalogue(lang) if k.startswith(prefix)}


@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_mechanism_module_has_a_description_and_none_is_left_over(lang):
    assert keys("model.mechanism_doc", lang) == MODULES
    for name in MODULES:
        assert texts.mechanism_doc(name, lang).strip(), name


def test_every_coefficient_has_a_dutch_meaning_and_none_is_left_over():
    assert len(COEFFICIENTS) == len(ROWS)  # one name each
    assert keys("model.coefficient_doc", "nl") == set(COEFFICIENTS)
    for name, row in COEFFICIENTS.items():
        assert texts.coefficient_doc(row["name"], "", "nl").strip(), name


def test_every_unit_has_a_dutch_name_and_none_is_left_over():
    assert keys("model.unit", "nl") == UNITS
    for unit in UNITS:
        assert texts.coefficient_unit(unit, "nl").strip(), unit


def test_english_meanings_and_units_are_the_source_s_own():
    """English falls back to the field's doc and unit: en.toml copies none of them, so a meaning
    changed in the code shows at once."""
    assert not keys("model.coefficient_doc", "en") and not keys("model.unit", "en")
    for name, row in COEFFICIENTS.items():
        assert texts.coefficient_doc(row["name"], row["doc"], "en") == row["doc"], name
        assert row["doc"].strip(), name
    for unit in UNITS:
        assert texts.coefficient_unit(unit, "en") == unit


def test_the_dutch_is_dutch():
    for name in MODULES:
        dutch = texts.mechanism_doc(name, "nl")
        assert dutch != texts.mechanism_doc(name, "en"), name
        assert not ENGLISH.findall(dutch), (name, ENGLISH.findall(dutch))
    for name, row in COEFFICIENTS.items():
        dutch = texts.coefficient_doc(row["name"], "", "nl")
        assert dutch != row["doc"], name
        assert not ENGLISH.findall(dutch), (name, ENGLISH.findall(dutch))
    assert texts.coefficient_unit("share of output", "nl") == "aandeel van de productie"
    assert texts.coefficient_unit("per week", "nl") == "per week"  # the same words in Dutch


def test_a_name_the_catalogue_does_not_know_keeps_the_source_s_words():
    assert texts.coefficient_doc("coefficients.nowhere.nothing", "as in the code") == (
        "as in the code"
    )
    assert texts.coefficient_unit("furlongs", "nl") == "furlongs"
    assert texts.mechanism_doc("nowhere", "nl") == ""
