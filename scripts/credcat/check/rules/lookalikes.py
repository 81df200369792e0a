"""Lookalike names: a provider or listing that passes for another (warnings).

A copied provider named "Northbridge University" under the id northbridge-unlversity, or a
listing whose "Pythоn" hides a Cyrillic о, reads to a learner as the real one. Names are
compared by their confusable skeleton, after Unicode Technical Standard #39 (Security
Mechanisms): each character is mapped to one member of its class of lookalikes (Latin o,
Cyrillic о, Greek ο, digit 0...), so two names that look alike have one skeleton. The
classes come from Unicode's confusables data, as the confusable-homoglyphs package ships it
(with the script of each character). Warned are:

- two providers whose names, or ids, have one skeleton (the same name included: learners
  cannot tell them apart);
- two listings whose names have one skeleton without being the same text (the same name is
  a common, honest title; a lookalike one is not);
- a word that mixes scripts (Latin letters with a Cyrillic or Greek one), which is how such
  names are made. Names written wholly in another script (Ελληνικά, Русский) are fine, and so
  are the mixes Unicode allows in one word (Japanese, Chinese and Korean with Latin).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity
from credcat.check.rules.context import Locate
from credcat.check.tree import lookup

RULE = "lookalike-name"
# Scripts that live in every script (punctuation, digits, combining marks) or none.
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED", "Unknown"})
# UTS #39's "highly restrictive" level: the script mixes allowed within one word.
ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
WORD = re.compile(r"\w+")
# The confusables data wraps right-to-left characters in LEFT-TO-RIGHT MARKs for display.
DISPLAY_MARKS = "\u200e\u200f"


@dataclass(frozen=True)
class NamedEntry:
    """A provider or credential's name, as the lookalike rule compares it."""

    kind: Kind
    key: str
    """The provider's id, or the credential's ref provider/id."""
    name: str
    display_path: str


def named_entry(document: Document, placement: Placement) -> NamedEntry | None:
    """The name of a provider or credential file when it is text; None for other kinds."""
    name = lookup(document.data, "name")
    if placement.kind not in (Kind.PROVIDER, Kind.CREDENTIAL) or not isinstance(name, str):
        return None
    key = placement.provider if placement.kind is Kind.PROVIDER else placement.ref
    return NamedEntry(placement.kind, key, name, document.display_path)


@dataclass(frozen=True)
class Prototypes:
    """Each confusable character -> its prototype; the ASCII ones also as pairs, for str.replace
    (quicker, on the ASCII names that are most names, than a lookup per character)."""

    of: dict[str, str]
    ascii: tuple[tuple[str, str], ...]


@cache
def _prototypes() -> Prototypes:
    """In the package's data a prototype lists the characters that look like it, and each of
    those lists its prototype alone (UTS #39's confusables.txt, turned into classes). Where
    two characters list only each other, the prototype is the ASCII one, else the lower."""
    from confusable_homoglyphs.confusables import confusables_data  # 900 kB of data: read when first needed

    listed = {character: [entry["c"].strip(DISPLAY_MARKS) for entry in entries]
              for character, entries in confusables_data.items()}
    table: dict[str, str] = {}
    for character, homoglyphs in listed.items():
        if len(character) != 1 or len(homoglyphs) != 1:
            continue
        [prototype] = homoglyphs
        if listed.get(prototype) == [character] and _rank(character) < _rank(prototype):
            continue  # two that list only each other: the better ranked one is the prototype
        table[character] = prototype
    return Prototypes(table, tuple((key, value) for key, value in sorted(table.items()) if key.isascii()))


def _rank(text: str) -> tuple[bool, str]:
    """Which of two characters that list only each other is the prototype: ASCII first, then the lower."""
    return (not text.isascii(), text)


def skeleton(text: str) -> str:
    """UTS #39's skeleton of `text` (spacing folded too): two texts with one skeleton look alike."""
    prototypes = _prototypes()
    text = unicodedata.normalize("NFD", " ".join(text.split()))
    if text.isascii():
        for character, prototype in prototypes.ascii:
            text = text.replace(character, prototype)
    else:
        text = "".join([prototypes.of.get(character, character) for character in text])
    return unicodedata.normalize("NFD", text)


@functools.lru_cache(maxsize=1 << 17)
def name_keys(name: str) -> frozenset[str]:
    """The skeletons a name is compared by: of the name, and of its lower case, each case-folded
    (UTS #39 keeps case: I looks like l, but NORTHBRIDGE should still match Northbridge).
    Remembered: a serve checks the same names again after every save."""
    folded = name.casefold()
    plain = skeleton(name).casefold()
    return frozenset({plain} if folded == name else {plain, skeleton(folded).casefold()})


def mixed_word(text: str) -> tuple[str, list[str]] | None:
    """The first word of `text` whose letters come from scripts no language mixes in a word,
    with those scripts; None when there is none."""
    from confusable_homoglyphs.categories import alias

    if text.isascii():
        return None  # Latin letters, digits and punctuation alone
    for word in WORD.findall(unicodedata.normalize("NFC", text)):
        if word.isascii():
            continue
        scripts = {alias(character) for character in word if character.isalpha()} - NEUTRAL_SCRIPTS
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in ALLOWED_MIXES):
            return word, sorted(scripts)
    return None


def lookalike_names(entries: Iterable[NamedEntry], locate: Locate) -> Iterator[Problem]:
    """Warnings at the name of each provider or listing that passes for another, and at each
    name with a word that mixes scripts."""
    ordered = sorted(entries, key=lambda entry: (entry.kind.value, entry.key))
    for entry, field, message, hint in lookalikes(ordered):
        yield locate(entry.display_path).problem((field,), message, hint=hint, severity=Severity.WARNING, rule=RULE)


def lookalikes(entries: list[NamedEntry]) -> Iterator[tuple[NamedEntry, str, str, str]]:
    """(entry, field, message, hint) for each lookalike: the rule's findings, without a file to point at."""
    by_name: dict[tuple[Kind, str], list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    keys = [name_keys(entry.name) for entry in entries]
    for number, entry in enumerate(entries):
        for key in keys[number]:
            by_name[(entry.kind, key)].append(number)
        if entry.kind is Kind.PROVIDER:
            by_id[skeleton(entry.key)].append(number)
    for number, entry in enumerate(entries):
        yield from _mixed_script(entry)
        alike = {other: None for key in sorted(keys[number]) for other in by_name[(entry.kind, key)] if other != number}
        yield from _alike_names(entry, [entries[other] for other in alike])
        if entry.kind is Kind.PROVIDER:
            for other in (entries[index] for index in by_id[skeleton(entry.key)] if index != number):
                yield (entry, "id", f"the id '{entry.key}' looks like the id of provider '{other.key}'",
                       "choose an id that cannot be taken for another provider's")


def _mixed_script(entry: NamedEntry) -> Iterator[tuple[NamedEntry, str, str, str]]:
    found = mixed_word(entry.name)
    if found is not None:
        word, scripts = found
        yield (entry, "name", f"the word '{word}' mixes {' and '.join(script.title() for script in scripts)} letters, "
               "as lookalike names do", "write each word in one script")


def _alike_names(entry: NamedEntry, others: list[NamedEntry]) -> Iterator[tuple[NamedEntry, str, str, str]]:
    """Providers whose names look the same (the same name too); listings whose names look alike but differ."""
    for other in others:
        if entry.kind is Kind.PROVIDER:
            yield (entry, "name", f"the name looks the same as that of provider '{other.key}' ('{other.name}')",
                   "learners cannot tell them apart: choose a name that does, or add to that provider's folder")
        elif other.name != entry.name:
            yield (entry, "name", f"the name '{entry.name}' looks like, but is not, the name of {other.key} ('{other.name}')",
                   "write the name in the characters it seems to be written in")
