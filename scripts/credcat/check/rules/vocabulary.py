"""Controlled vocabularies: the taxonomy files are sound, listings name terms that exist,
and language, country and currency codes are real."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

import langcodes
import pycountry

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity, did_you_mean
from credcat.check.rules.context import RuleContext
from credcat.check.terms import suggest, suggest_isco
from credcat.check.tree import items_of, lookup


def taxonomy_is_sound(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Keys in a taxonomy file are unique and every parent exists: ids in industries and subjects,
    codes in occupations, where a group's parent is also its own code without the last digit."""
    if placement.kind is not Kind.TAXONOMY:
        return
    key = "code" if placement.stem == "occupations" else "id"
    seen: set[str] = set()
    for index, term in items_of(document.data):
        identifier = lookup(term, key)
        if not isinstance(identifier, str):
            continue
        if identifier in seen:
            yield document.problem((index, key), f"{key} '{identifier}' appears twice", rule="taxonomy")
        seen.add(identifier)
    for index, term in items_of(document.data):
        parent = lookup(term, "parent")
        if isinstance(parent, str) and parent not in seen:
            yield document.problem((index, "parent"), f"parent '{parent}' is not in this file", rule="taxonomy")
        elif key == "code" and isinstance(code := lookup(term, "code"), str) and (parent or None) != (code[:-1] or None):
            expected = f"'{code[:-1]}'" if code[:-1] else "none (a major group has no parent)"
            yield document.problem(
                (index, "parent" if parent is not None else "code"),
                f"the parent of ISCO-08 group '{code}' is {expected}, not '{parent}'" if parent else f"ISCO-08 group '{code}' needs parent: \"{code[:-1]}\"",
                rule="taxonomy",
            )


def terms_exist(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A credential's subjects and industries are ids of the taxonomy, and its occupations' isco
    codes are ISCO-08 groups of taxonomy/occupations.yml."""
    if placement.kind is not Kind.CREDENTIAL:
        return
    for vocabulary, known in context.term_ids.items():
        if vocabulary == "occupations":
            yield from _isco_codes_exist(document, known, context)
            continue
        for index, term in items_of(lookup(document.data, vocabulary)):
            if isinstance(term, str) and term not in known:
                yield document.problem(
                    (vocabulary, index),
                    f"'{term}' is not in catalog/taxonomy/{vocabulary}.yml",
                    hint=suggest(term, vocabulary, context.terms) if context.terms else did_you_mean(term, known),
                    rule="taxonomy",
                )


def _isco_codes_exist(document: Document, known: frozenset[str], context: RuleContext) -> Iterator[Problem]:
    for index, occupation in items_of(lookup(document.data, "occupations")):
        code = lookup(occupation, "isco")
        if isinstance(code, str) and code not in known:
            name = lookup(occupation, "name")
            yield document.problem(
                ("occupations", index, "isco"),
                f"'{code}' is not an ISCO-08 code in catalog/taxonomy/occupations.yml",
                hint=suggest_isco(code, name if isinstance(name, str) else "", context.terms.get("occupations", ())),
                rule="taxonomy",
            )


def codes_are_valid(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Languages are BCP 47, countries ISO 3166-1 alpha-2, currencies ISO 4217."""
    country = lookup(document.data, "country")
    if placement.kind is Kind.PROVIDER and isinstance(country, str) and not _known_code("country", country):
        yield document.problem(
            ("country",),
            f"'{country}' is not an ISO 3166-1 alpha-2 country code",
            hint="for example 'DE' or 'GB'",
            rule="code",
        )
    if placement.kind is not Kind.CREDENTIAL:
        return
    for index, tag in items_of(lookup(document.data, "languages")):
        if isinstance(tag, str) and not _valid_language(tag):
            yield document.problem(
                ("languages", index),
                f"'{tag}' is not a valid BCP 47 language tag",
                hint="for example 'en', 'de' or 'pt-BR'",
                rule="code",
            )
    yield from _translations_are_sound(document)
    places: list[tuple[tuple[str | int, ...], Any]] = [(("cost", "currency"), lookup(document.data, "cost", "currency"))]
    places += [
        (("cost", "extras", index, "currency"), lookup(extra, "currency"))
        for index, extra in items_of(lookup(document.data, "cost", "extras"))
    ]
    for path, currency in places:
        if isinstance(currency, str) and not known_currency(currency):
            yield document.problem(path, f"'{currency}' is not an ISO 4217 currency code", hint="for example 'EUR' or 'USD'", rule="code")


def known_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency code (pycountry's table)."""
    return _known_code("currency", code)


def _translations_are_sound(document: Document) -> Iterator[Problem]:
    """Each translation is keyed by a valid BCP 47 tag; one into the listing's own (first)
    language repeats its name and summary, which warns."""
    translations = lookup(document.data, "translations")
    if not isinstance(translations, dict):
        return
    primary = next((tag for _index, tag in items_of(lookup(document.data, "languages")) if isinstance(tag, str)), None)
    for tag in translations:
        if not isinstance(tag, str):
            continue
        if not _valid_language(tag):
            # filed under `translations`, where the schema reports a key that is not even shaped
            # like a tag, so that such a key is reported once
            yield replace(
                document.problem(
                    ("translations", tag),
                    f"'{tag}' is not a valid BCP 47 language tag",
                    hint="for example 'en', 'de' or 'pt-BR'",
                    rule="code",
                    of_key=True,
                ),
                field="translations",
            )
        elif primary is not None and _same_language(tag, primary):
            yield document.problem(
                ("translations", tag),
                f"'{tag}' is the listing's own language ({primary}, the first of languages): a translation into it"
                " repeats the name and summary",
                hint="translate into another language, or delete this entry",
                rule="code",
                severity=Severity.WARNING,
                of_key=True,
            )


def _same_language(tag: str, primary: str) -> bool:
    """`en` and `EN`, or a bare `pt` against `pt-BR`: the same language as far as a reader goes."""
    tag, primary = tag.lower(), primary.lower()
    return tag == primary or ("-" not in tag and tag == primary.partition("-")[0])


@cache
def _valid_language(tag: str) -> bool:
    """langcodes' verdict, remembered: a catalog uses a few tags many thousand times."""
    return bool(langcodes.tag_is_valid(tag))


@cache
def _known_code(table: str, code: str) -> bool:
    """Whether pycountry knows a country (alpha-2) or currency (alpha-3) code; remembered likewise."""
    if table == "country":
        return pycountry.countries.get(alpha_2=code) is not None
    return pycountry.currencies.get(alpha_3=code) is not None
