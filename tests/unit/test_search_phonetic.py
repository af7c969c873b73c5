"""Phonetic keys: Greek and Latin spellings of one name meet; Greek spelling equivalences; other scripts."""

from __future__ import annotations

import pytest

from crm.domain.search.phonetic import phonetic_key, spelling_key
from crm.domain.search_tokens import fold


def key(word: str) -> str:
    return phonetic_key(fold(word))


@pytest.mark.parametrize(("greek", "latin"), [
    pytest.param("Παπαδόπουλος", "Papadopoulos", id="ου"),
    pytest.param("Καραγιάννης", "Karagiannis", id="doubled ν, η"),
    pytest.param("Καραγιάννης", "Karayannis", id="γι as y"),
    pytest.param("Γιώργος", "Giorgos", id="ω"),
    pytest.param("Γιώργος", "Yiorgos", id="yi"),
    pytest.param("Ευάγγελος", "Evangelos", id="ευ voiced, γγ as ng"),
    pytest.param("Ευάγγελος", "Evaggelos", id="γγ as gg"),
    pytest.param("Ευστάθιος", "Efstathios", id="ευ voiceless"),
    pytest.param("Ευστάθιος", "Eustathios", id="eu written classically"),
    pytest.param("Χριστίνα", "Christina", id="χ as ch"),
    pytest.param("Χριστίνα", "Hristina", id="χ as h"),
    pytest.param("Αικατερίνη", "Aikaterini", id="αι"),
    pytest.param("Θεοδωρόπουλος", "Theodoropoulos", id="θ"),
    pytest.param("Ψαρράς", "Psarras", id="ψ, ρρ"),
    pytest.param("Μπακογιάννης", "Bakoyannis", id="μπ as b"),
    pytest.param("Μπακογιάννης", "Mpakogiannis", id="μπ as mp"),
    pytest.param("Λάμπρος", "Lambros", id="μπ as mb"),
    pytest.param("Ντόρα", "Dora", id="ντ as d"),
    pytest.param("Παντελής", "Pantelis", id="ντ as nt"),
    pytest.param("Γκίκας", "Gkikas", id="γκ"),
    pytest.param("Ξανθή", "Ksanthi", id="ξ as ks"),
    pytest.param("Ξανθή", "Xanthi", id="ξ as x"),
    pytest.param("Ευθυμίου", "Efthymiou", id="υ as y"),
    pytest.param("Οικονόμου", "Oikonomou", id="οι"),
    pytest.param("Κωνσταντίνος", "Konstantinos", id="κωνσταντ"),
    pytest.param("Κώστας", "Costas", id="c as k"),
    pytest.param("Σοφία", "Sophia", id="ph as f"),
    pytest.param("Παναγιώτης", "Panayiotis", id="γι before a vowel"),
    pytest.param("Κυριάκος", "Kyriakos", id="y as i"),
])
def test_greek_and_latin_spellings_of_a_name_share_a_key(greek: str, latin: str) -> None:
    assert key(greek) == key(latin)


@pytest.mark.parametrize("spellings", [
    pytest.param(["Καραγιάννης", "Καραγιάννυς", "Καραγιάννις", "Καραγιάννεις", "Καραγιάννοις"], id="ι η υ ει οι"),
    pytest.param(["Παπαδόπουλος", "Παπαδώπουλος", "Παπαδόπουλως"], id="ο ω"),
    pytest.param(["Βλαχέας", "Βλαχαίας"], id="ε αι"),
    pytest.param(["Καραγιάννης", "Καραγιάνης"], id="doubled ν"),
    pytest.param(["Ψαρράς", "Ψαράς"], id="doubled ρ"),
    pytest.param(["Karagiannis", "Karagianis"], id="doubled n in Latin"),
])
def test_greek_spelling_equivalences_share_a_key(spellings: list[str]) -> None:
    assert len({key(s) for s in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), [
    pytest.param("Maria", "Marina", id="another name"),
    pytest.param("Νίκος", "Νίκη", id="another greek name"),
    pytest.param("Papadopoulos", "Papadakis", id="another surname"),
])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_other_scripts_are_transliterated() -> None:
    assert key("Иван") == key("Ivan")
    assert key("Łukasz") == key("Lukasz")


def test_digits_are_kept() -> None:
    assert key("dev2024") == "dev2024"


def test_spelling_key_is_the_word_as_written() -> None:
    assert spelling_key("karagiannis") == "karagiannis"
    assert spelling_key("ψαρρασ") == "ψαρρασ"
