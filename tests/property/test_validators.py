"""Properties of the pure validators, over generated inputs: search folding and prefixes, contact normalization,
money, cursors. Bounded and derandomized, so the run is quick and the same every time."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from google.auth.credentials import AnonymousCredentials
from google.cloud import firestore
from google.cloud.firestore_v1._helpers import encode_value
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from crm.domain.common import CENTS, DOCUMENT_ID_PATTERN, from_cents, to_cents
from crm.domain.contacts import ContactValueError, normalize_email, normalize_phone
from crm.domain.money import MAX_AMOUNT, Amount, weighted
from crm.domain.search.customer_fields import CUSTOMER_SEARCH
from crm.domain.search_tokens import MAX_TOKEN_LENGTH, fold, query_terms, words
from crm.errors import InvalidArgumentError
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint

CURSOR_CLIENT = firestore.Client(project="cursor-checks", credentials=AnonymousCredentials())

bounded = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])

FINGERPRINT = query_fingerprint(["acme"], None, None, "name")
LETTERS = st.characters(categories=["Lu", "Ll", "Lt", "Lo", "Mn", "Nd"])
# The scripts our users write in; case mapping elsewhere has locale-bound quirks (Turkish dotless i) fold ignores.
OUR_SCRIPTS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789àáâäçèéêëìíîïñòóôöùúûüýÿÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜÝß"
    "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏΪΫабвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙ"
)
NAMES = st.lists(st.text(LETTERS, min_size=1, max_size=30), min_size=1, max_size=6).map(" ".join)
ACCENTED = st.text(st.sampled_from("aeiouAEIOUáéíóúÁÉÍÓÚàèöüÖÜñçαεηιουωΑΕΗΙΟΥΩάέήίόύώΆΈΉΊΌΎΏϊϋΐΰσςΣßẞ"), min_size=1)


def found_by(text: str, search: str) -> bool:
    """Would a search for ``search`` find a customer named ``text``: are all its terms among its keys?"""
    return set(query_terms(search)) <= set(CUSTOMER_SEARCH.tokens({"name": [text]}))


@bounded
@given(st.text())
def test_fold_is_idempotent(text: str):
    assert fold(fold(text)) == fold(text)


@bounded
@given(NAMES)
def test_every_prefix_of_every_word_finds_the_text(text: str):
    for word in words(text):
        for end in range(1, len(word) + 1):
            assert found_by(text, word[:end]), word[:end]


@bounded
@given(st.lists(st.text(OUR_SCRIPTS, min_size=1, max_size=30), min_size=1, max_size=6).map(" ".join))
def test_a_search_ignores_case(text: str):
    for word in words(text):
        assert found_by(text, word.upper()) and found_by(text.upper(), word)


@bounded
@given(ACCENTED)
def test_a_search_ignores_accents(word: str):
    plain = fold(word)
    assert found_by(word, plain) and found_by(plain, word)


@bounded
@given(st.text(max_size=300))
def test_query_terms_are_folded_short_and_never_prefixes_of_each_other(search: str):
    terms = query_terms(search)
    assert len(terms) <= len(words(search))
    for term in terms:
        assert term and term == fold(term) and len(term) <= MAX_TOKEN_LENGTH
        assert not any(other != term and other.startswith(term) for other in terms)


@bounded
@given(st.lists(st.text(LETTERS, min_size=1, max_size=30), min_size=1, max_size=6))
def test_query_terms_cover_every_word(parts: list[str]):
    """Each word the search names is implied by a term (equal to it or a longer term it is a prefix of)."""
    terms = query_terms(" ".join(parts))
    for word in words(" ".join(parts)):
        if not word.isdigit():
            assert any(term.startswith(word[:MAX_TOKEN_LENGTH]) for term in terms)


@bounded
@given(st.emails())
def test_normalizing_an_email_twice_equals_once(address: str):
    try:
        once = normalize_email(address)
    except ContactValueError:
        assume(False)
    assert normalize_email(once) == once
    assert normalize_email(address.upper()) == once


@bounded
@given(st.sampled_from(["GR", "DE", "US", "GB", "CY"]), st.text("0123456789 -()", min_size=6, max_size=18),
       st.booleans())
def test_normalizing_a_phone_twice_equals_once(region: str, digits: str, international: bool):
    raw = ("+30 " if international else "") + digits
    try:
        once = normalize_phone(raw, region)
    except ContactValueError:
        assume(False)
    assert once.startswith("+") and once[1:].isdigit()
    assert normalize_phone(once, region) == once
    assert normalize_phone(once, "US") == once


@bounded
@given(st.decimals(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False, places=6))
def test_cents_round_trip_after_half_up_rounding(amount: Decimal):
    assert from_cents(to_cents(amount)) == amount.quantize(CENTS, rounding=ROUND_HALF_UP)


@bounded
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_cents_survive_a_trip_through_decimal(cents: int):
    assert to_cents(from_cents(cents)) == cents


@bounded
@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False, places=2),
       st.integers(min_value=0, max_value=100))
def test_amounts_keep_two_places_and_weighted_stays_between_zero_and_the_amount(amount: Decimal, probability: int):
    validated = TypeAdapter(Amount).validate_python(amount)
    assert validated == amount and validated.as_tuple().exponent == -2
    assert Decimal(0) <= weighted(validated, probability) <= validated
    assert weighted(validated, 100) == validated and weighted(validated, 0) == 0


@bounded
@given(st.decimals(allow_nan=False, allow_infinity=False, places=3).filter(lambda d: d.as_tuple().exponent == -3
                                                                             and d % Decimal("0.01") != 0))
def test_amounts_with_more_than_two_places_are_refused(amount: Decimal):
    with pytest.raises(ValidationError):
        TypeAdapter(Amount).validate_python(amount)


SORT_VALUES = st.one_of(
    st.none(),
    st.text(max_size=200),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)),
)
DOCUMENT_IDS = st.from_regex(DOCUMENT_ID_PATTERN, fullmatch=True)


@bounded
@given(st.integers(min_value=1, max_value=10**6), SORT_VALUES, DOCUMENT_IDS)
def test_a_cursor_decodes_to_what_was_encoded(page: int, sort_value: object, document_id: str):
    cursor = Cursor(page, sort_value, document_id)
    token = encode_cursor(cursor, FINGERPRINT)
    assert decode_cursor(token, FINGERPRINT) == cursor
    with pytest.raises(InvalidArgumentError):
        decode_cursor(token, query_fingerprint("another query"))


ENCODED_BYTES = st.binary(max_size=1500).map(lambda raw: base64.urlsafe_b64encode(raw).decode())


@bounded
@given(st.one_of(st.text(max_size=2000), ENCODED_BYTES))
def test_any_other_cursor_is_refused_as_invalid_argument(token: str):
    """Whatever a caller sends as a cursor, it is a 400, never an unexpected exception (a 500)."""
    with contextlib.suppress(InvalidArgumentError):
        decode_cursor(token, FINGERPRINT)


HOSTILE_SORT_VALUES = st.one_of(
    st.none(), st.booleans(), st.text(max_size=1600),
    st.integers(min_value=-(2**80), max_value=2**80), st.floats(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
HOSTILE_DATES = st.one_of(
    st.datetimes(timezones=st.timezones()).map(datetime.isoformat),
    st.datetimes().map(datetime.isoformat),  # naive
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+00:00",
                     "9999-12-31T23:59:59.999999+00:00"]),
)
FORGED = st.fixed_dictionaries({
    "p": st.one_of(st.integers(min_value=-(2**80), max_value=2**80), st.floats(), st.booleans(), st.text(max_size=5)),
    "s": st.one_of(st.fixed_dictionaries({"v": HOSTILE_SORT_VALUES}), st.fixed_dictionaries({"t": HOSTILE_DATES})),
    "id": st.one_of(DOCUMENT_IDS, st.text(max_size=1600), st.integers()),
    "q": st.just(FINGERPRINT),
})


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(FORGED)
def test_a_forged_cursor_is_refused_or_is_one_firestore_can_take(payload: dict):
    """What a decoded cursor carries goes into a Firestore query: its sort value must encode as a Firestore value
    and its id must name a document, as the client library itself checks them; anything else is a 400."""
    token = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    try:
        cursor = decode_cursor(token, FINGERPRINT)
    except InvalidArgumentError:
        return
    encode_value(cursor.sort_value)
    CURSOR_CLIENT.collection("customers").document(cursor.document_id)
    assert 1 <= cursor.page <= 2**53  # the next page number is answered as JSON, which clients read as a double


@pytest.mark.parametrize(
    "payload",
    [pytest.param(b"[" * 1490, id="nested deeper than the JSON parser goes"),
     pytest.param(b'{"p": 1e999, "s": {"v": 1}, "id": "x", "q": "f"}', id="infinite page")],
)
def test_cursors_found_by_fuzzing_are_refused(payload: bytes):
    with pytest.raises(InvalidArgumentError):
        decode_cursor(base64.urlsafe_b64encode(payload).decode(), FINGERPRINT)
