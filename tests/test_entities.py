"""Entity names across spellings. No database."""

from __future__ import annotations

import pytest

from claims.entities import (
    canonical_names,
    entity_key,
    normal_aliases,
    normal_form,
    same_entity,
)


def test_gold_entity_variants_are_one_entity_each(gold):
    for variant in gold["entity_variants"]:
        names = [variant["canonical"], *(m["text"] for m in variant["mentions"])]
        keys = {entity_key(name) for name in names}
        assert len(keys) == 1, (variant["canonical"], keys)
        mapping = canonical_names(names)
        assert len(set(mapping.values())) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bashar Assad", "Bashar al-Assad"),
        ("Bashir Assad", "Bashar al-Assad"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("Muammar Gaddafi", "Muammar al-Gaddafi"),
        ("Zoë Müller", "Zoe Muller"),
        ("Russia’s", "Russia"),
    ],
)
def test_spellings_of_one_entity_match(a, b):
    assert same_entity(a, b) and entity_key(a) == entity_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Oran"),
        ("Vladimir Putin", "Vladimir Frolov"),
        ("Bashar Assad", "Hafez Assad"),
        ("Austria", "Australia"),
        ("Kurds", "Turks"),
    ],
)
def test_different_entities_do_not_match(a, b):
    assert not same_entity(a, b)
    assert entity_key(a) != entity_key(b)


def test_aliases_decide_first():
    aliases = {"The Kremlin": "Russian government"}
    assert canonical_names(["the Kremlin"], aliases) == {"the Kremlin": "Russian government"}
    keyed = normal_aliases(aliases)
    assert entity_key("the  KREMLIN", keyed) == entity_key("Russian government", keyed)


def test_the_longest_spelling_stands_for_the_group():
    mapping = canonical_names(["Bashar Assad", "Bashir Assad", "Bashar al-Assad"])
    assert set(mapping.values()) == {"Bashar al-Assad"}


def test_normal_form_drops_case_accents_and_particles():
    assert normal_form("  Bashar  al-Assad ") == "bashar assad"
    assert normal_form("Al") == "al"  # a name that is only a particle stays


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Corvane province", "Corvane", True),
        ("Harlan County", "Harlan", True),
        ("Islamic State", "Islamic", False),  # only what a place's name carries
        ("Province", "Province", True),
    ],
)
def test_an_administrative_word_after_a_place_is_left_off(first, second, same):
    assert (entity_key(first) == entity_key(second)) is same
