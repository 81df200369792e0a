"""Taxonomy terms found by what they mean: the words of their names and descriptions (and
those words' stems), and their official codes.

This gives the hint for an unknown subject or industry (`renewable-energy`: "did you mean
electricity-and-energy?"; `0713`, a code typed where an id belongs: "the ISCED-F code of
electricity-and-energy") and the answers of `credcat taxonomy search WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from credcat.check.problem import did_you_mean
from credcat.check.tree import items_of, lookup

SCHEMES = {"industries": "NAICS", "subjects": "ISCED-F", "occupations": "ISCO-08"}
"""Each taxonomy file and the classification its codes come from."""

NOUNS = {"industries": "industry", "subjects": "subject", "occupations": "occupation"}
"""One term of each taxonomy, in words."""
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset(
    "a an and are as at by for from in including into is it its of on or other such that the their them this to"
    " with without not n e c".split()
)
# Endings taken off a word to find its stem, longest first: `renewable` and `renewing` meet at
# `renew`, `banking` and `banks` at `bank`. Crude, and enough for names of fields and sectors.
_SUFFIXES = (
    "ational", "ations", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ical", "ions", "ion", "able",
    "ible", "ers", "er", "ies", "ied", "es", "ed", "al", "ic", "ly", "s", "y",
)
_MIN_STEM = 4


@dataclass(frozen=True)
class Term:
    """One entry of a taxonomy, as a provider would look for it."""

    vocabulary: str
    id: str
    name: str
    description: str
    code: str

    @property
    def code_label(self) -> str:
        """The code with its classification: `ISCED-F 0713`."""
        return f"{SCHEMES.get(self.vocabulary, '')} {self.code}".strip()


@dataclass(frozen=True)
class _Indexed:
    """A term with the stems of its name (and id) and of its description."""

    term: Term
    name_stems: frozenset[str]
    description_stems: frozenset[str]


def terms_of(vocabulary: str, data: Any) -> tuple[Term, ...]:
    """The terms of one taxonomy file's data; entries without text id (or code) and name are left out."""
    found = []
    for _index, entry in items_of(data):
        code, name = lookup(entry, "code"), lookup(entry, "name")
        identifier = lookup(entry, "id") or code
        description = lookup(entry, "description") or ""
        if all(isinstance(value, str) for value in (identifier, name, description)) and isinstance(code, (str, type(None))):
            found.append(Term(vocabulary, identifier, name, description, code or ""))
    return tuple(found)


def stems(text: str) -> list[str]:
    """The stems of the words of `text` (hyphens and punctuation split words), common words left out."""
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _meet(stem: str, others: frozenset[str]) -> bool:
    """Whether a stem is among others, or one begins the other (`electr` and `electric`)."""
    if stem in others:
        return True
    return len(stem) >= _MIN_STEM + 1 and any(
        len(other) >= _MIN_STEM + 1 and (other.startswith(stem) or stem.startswith(other)) for other in others
    )


@cache
def _index(terms: tuple[Term, ...]) -> tuple[_Indexed, ...]:
    return tuple(
        _Indexed(term, frozenset(stems(f"{term.name} {term.id}")), frozenset(stems(term.description))) for term in terms
    )


def search(terms: tuple[Term, ...], words: str) -> list[Term]:
    """The terms whose name, id, description or code match `words`, best first: most words
    matched, then matches in the name before matches in the description, then shorter names
    (the group 'Welders and flame cutters' before the broader group whose name also says welders)."""
    return [term for _rank, term in _ranked(terms, words)]


def _ranked(terms: tuple[Term, ...], words: str) -> list[tuple[tuple[int, int], Term]]:
    """The matching terms with their rank (lower is better), best first."""
    wanted = stems(words)
    if not wanted:
        return []
    scored = []
    for position, indexed in enumerate(_index(terms)):
        matched = score = 0
        for stem in wanted:
            if _has_code(indexed.term, stem) or _meet(stem, indexed.name_stems):
                matched, score = matched + 1, score + 3
            elif _meet(stem, indexed.description_stems):
                matched, score = matched + 1, score + 1
        if matched:
            scored.append((-matched, -score, len(indexed.name_stems), position, indexed.term))
    return [((matched, score), term) for matched, score, _length, _position, term in sorted(scored)]


def by_code(terms: Iterable[Term], code: str) -> Term | None:
    """The term with this official code."""
    return next((term for term in terms if _has_code(term, code)), None)


def _has_code(term: Term, code: str) -> bool:
    """Whether `code` is the term's code; a NAICS range such as 31-33 also answers to 31, 32 and 33."""
    if not code or term.code == code:
        return bool(code)
    low, dash, high = term.code.partition("-")
    return bool(dash) and low.isdigit() and high.isdigit() and code.isdigit() and int(low) <= int(code) <= int(high)


def suggest(value: str, vocabulary: str, taxonomy: Mapping[str, tuple[Term, ...]]) -> str:
    """The hint for an unknown term: the term with that code, the vocabulary it belongs to, the
    nearest spelling, or the terms whose names share its words (with the search to run)."""
    terms = taxonomy.get(vocabulary, ())
    if (coded := by_code(terms, value)) is not None:
        return f"'{value}' is the {SCHEMES.get(vocabulary, '')} code of {coded.id} ({coded.name}): write its id, {coded.id}"
    for other, other_terms in taxonomy.items():
        if other != vocabulary and any(term.id == value for term in other_terms):
            noun = NOUNS.get(other, other)
            return f"'{value}' is {_article(noun)} {noun}: list it under {other}"
    if spelled := did_you_mean(value, [term.id for term in terms]):
        return spelled
    ranked = _ranked(terms, value.replace("-", " "))
    found = [term for rank, term in ranked[:3] if rank == ranked[0][0]]
    if not found:
        return f"credcat taxonomy search WORDS lists the {vocabulary} whose names have those words"
    shown = " or ".join(f"'{term.id}' ({term.name})" for term in found)
    return f"did you mean {shown}? credcat taxonomy search {value.replace('-', ' ')} lists more"


def suggest_isco(code: str, name: str, occupations: tuple[Term, ...]) -> str:
    """The hint for an unknown ISCO-08 code: the groups its title words find (from the
    occupation's name), else the groups under the nearest existing parent code."""
    by_name = [term for rank, term in _ranked(occupations, name)[:3]] if name else []
    if by_name:
        shown = ", ".join(f"{term.code} ({term.name})" for term in by_name)
        return f"'{name}' matches {shown}; credcat taxonomy search WORDS lists more"
    codes = {term.code: term for term in occupations}
    parent = next((code[:length] for length in range(len(code) - 1, 0, -1) if code[:length] in codes), "")
    children = [term for term in occupations if len(term.code) == len(parent) + 1 and term.code.startswith(parent)][:6]
    if parent and children:
        shown = ", ".join(f"{term.code} ({term.name})" for term in children)
        return f"the groups under {parent} ({codes[parent].name}) are {shown}; credcat taxonomy search WORDS finds a group by its title"
    return "an ISCO-08 code has one to four digits, such as 7212 (Welders and flame cutters); credcat taxonomy search WORDS finds a group by its title"


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"
