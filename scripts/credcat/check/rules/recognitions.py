"""Recognitions (DATA-MODEL.md, "Recognitions"): a recognition names what it confirms and
that resolves, its `as` has the fields it needs, it has not expired; a claim that names its
recognizer names a provider of the catalog; a recognition of a retired listing is a warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from credcat.check.layout import Kind, Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity, did_you_mean
from credcat.check.rules.context import ListingFacts, Locate, RecognitionFacts, RuleContext
from credcat.check.tree import items_of, lookup

# What each `as` needs beside it, and what the field holds, for the message.
NEEDS = {
    "credit": (("credential", "the listing recognised, as <provider>/<id>"), ("towards", "the name of what it counts toward")),
    "exemption": (("credential", "the listing recognised, as <provider>/<id>"), ("towards", "the name of what it counts toward")),
    "admission": (("credential", "the listing recognised, as <provider>/<id>"), ("towards", "the name of what it admits to")),
    "endorsement": (("credential", "the listing or pathway endorsed, as <provider>/<id>"), ("towards", "the name of what it is endorsed for")),
    "accreditation": (("provider", "the id of the provider accredited"),),
}


def recognition_is_complete(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A recognition's `as` comes with the fields it needs: credential and towards, or provider."""
    kind = lookup(document.data, "as")
    if placement.kind is not Kind.RECOGNITION or not isinstance(kind, str) or kind not in NEEDS:
        return
    for name, meaning in NEEDS[kind]:
        if lookup(document.data, name) is None:
            article = "an" if kind[0] in "aeiou" else "a"
            yield document.problem(
                ("as",), f"{article} {kind} recognition needs '{name}', {meaning}", hint=f"add {name}: to the file", rule="recognition"
            )


def recognition_references_resolve(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """What a recognition names exists: its credential (a listing or a pathway) and its provider."""
    if placement.kind is not Kind.RECOGNITION:
        return
    target = lookup(document.data, "credential")
    if isinstance(target, str) and target not in context.credential_refs and target not in context.pathway_refs:
        yield document.problem(
            ("credential",),
            f"'{target}' is not a credential or pathway in the catalog",
            hint=did_you_mean(target, context.credential_refs | context.pathway_refs),
            rule="reference",
        )
    provider = lookup(document.data, "provider")
    if isinstance(provider, str) and provider not in context.providers_with_file:
        yield _not_a_provider(document, ("provider",), provider, context)


def recognition_is_current(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A recognition past its `valid_until` no longer confirms anything (a warning)."""
    until = lookup(document.data, "valid_until")
    if placement.kind is not Kind.RECOGNITION or not isinstance(until, str):
        return
    try:
        ended = date.fromisoformat(until)
    except ValueError:
        return
    if ended < context.today:
        yield document.problem(
            ("valid_until",),
            f"the recognition ended on {until}: the claim it confirmed shows as claimed by the provider",
            hint="renew it with a later valid_until, or delete the file",
            severity=Severity.WARNING,
            rule="recognition",
        )


def recognizers_exist(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A claim that names its recognizer (awarded_by, provider) names a provider of the catalog."""
    named: list[tuple[tuple[str | int, ...], object]] = []
    if placement.kind is Kind.CREDENTIAL:
        for index, item in items_of(lookup(document.data, "stackability", "counts_toward")):
            named.append((("stackability", "counts_toward", index, "awarded_by"), lookup(item, "awarded_by")))
    elif placement.kind is Kind.PATHWAY:
        for index, item in items_of(lookup(document.data, "recognized_by")):
            named.append((("recognized_by", index, "provider"), lookup(item, "provider")))
    elif placement.kind is Kind.PROVIDER:
        for index, item in items_of(lookup(document.data, "accreditations")):
            named.append((("accreditations", index, "provider"), lookup(item, "provider")))
    for path, provider in named:
        if isinstance(provider, str) and provider not in context.providers_with_file:
            yield _not_a_provider(document, path, provider, context)


def _not_a_provider(document: Document, path: tuple[str | int, ...], provider: str, context: RuleContext) -> Problem:
    hint = did_you_mean(provider, context.providers_with_file) or "name the provider by its folder name under providers/"
    return document.problem(path, f"'{provider}' is not a provider in the catalog", hint=hint, rule="reference")


def recognitions_of_retired_listings(facts: list[ListingFacts], recognitions: list[RecognitionFacts], locate: Locate) -> Iterator[Problem]:
    """A recognition of a retired listing is a warning: learners can no longer earn what it confirms."""
    retired = {listing.ref for listing in facts if listing.status == "retired"}
    for recognition in recognitions:
        if recognition.credential in retired:
            yield locate(recognition.display_path).problem(
                ("credential",),
                f"'{recognition.credential}' is retired",
                hint="delete the recognition, or keep it while learners who earned the listing may still claim it",
                severity=Severity.WARNING,
                rule="reference",
            )
