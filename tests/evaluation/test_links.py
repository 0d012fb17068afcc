"""The short signed links: they name one opening until it closes, and nothing else."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluation import links, writes
from tests.evaluation.conftest import open_link

pytestmark = pytest.mark.django_db


def test_a_token_is_short_and_names_its_opening_until_it_closes(workshop):
    opening = open_link(workshop)
    token = links.token_for(opening)
    assert len(token) <= 25
    checked = links.read(token)
    assert checked.opening_id == opening.pk
    assert links.honours(opening, checked)
    assert not links.honours(opening, checked, now=opening.closes_at + datetime.timedelta(seconds=1))


def test_a_changed_character_breaks_the_signature(workshop):
    opening = open_link(workshop)
    token = links.token_for(opening)
    pk, minute, signature = token.split("-")
    other_id = links._base36(opening.pk + 1)
    assert links.read(f"{other_id}-{minute}-{signature}").forged  # another opening (another workshop)
    later = links._base36(int(minute, 36) + 600)
    assert links.read(f"{pk}-{later}-{signature}").forged  # a later closing time
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    assert links.read(f"{pk}-{minute}-{flipped}").forged


def test_closing_a_link_kills_its_token_at_once(workshop):
    opening = open_link(workshop)
    checked = links.read(links.token_for(opening))
    opening = writes.close_link(opening)
    assert not links.honours(opening, checked)


@given(st.text(max_size=80))
def test_any_text_reads_as_forged_or_valid_never_raises(text):
    checked = links.read(text)
    assert checked.forged or checked.until is not None


def test_huge_numbers_are_refused_without_overflow():
    assert links.read("zzzzzzzzzzzzzzzz-zzzzzzzzzz-abcdefabcdef").forged
