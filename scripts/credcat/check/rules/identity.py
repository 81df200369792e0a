"""Ids, names and files: an id equals its path and is not a page of the site, a provider has
its provider.yml and logo, and a provider's listings have distinct names."""

from __future__ import annotations

from collections.abc import Iterator

from credcat.check.layout import RESERVED_IDS, Kind, Placement, reserved_id_message
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity
from credcat.check.rules.context import ListingFacts, Locate, RuleContext
from credcat.check.tree import lookup


def ids_match_paths(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A credential's or pathway's id equals its file stem; a provider's id equals its folder."""
    identifier = lookup(document.data, "id")
    if placement.kind is Kind.TAXONOMY or not isinstance(identifier, str) or identifier == placement.stem:
        return
    where = "folder" if placement.kind is Kind.PROVIDER else "file"
    shown = placement.stem if placement.kind is Kind.PROVIDER else f"{placement.stem}.yml"
    yield document.problem(
        ("id",),
        f"'{identifier}' does not match the {where} name '{shown}'",
        hint=f"set id: {placement.stem}, or rename the {where}",
        rule="id",
    )


def ids_are_not_reserved(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """No id is a page of the site; the schemas say so too, this holds with any schemas (`--schema-dir`)."""
    identifier = lookup(document.data, "id")
    if placement.kind is not Kind.TAXONOMY and isinstance(identifier, str) and identifier in RESERVED_IDS:
        yield document.problem(("id",), reserved_id_message(identifier), rule="id")


def providers_have_provider_file(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every listing's folder has a provider.yml."""
    if placement.kind in (Kind.CREDENTIAL, Kind.PATHWAY, Kind.RECOGNITION) and placement.provider not in context.providers_with_file:
        yield document.problem(
            (),
            f"provider folder '{placement.provider}' has no provider.yml",
            hint=f"add providers/{placement.provider}/provider.yml, e.g. with: credcat new provider --id {placement.provider}",
            rule="provider",
        )


def provider_logo_exists(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """A provider's logo names a file that is in its folder."""
    logo = lookup(document.data, "logo") if placement.kind is Kind.PROVIDER else None
    if isinstance(logo, str) and not (document.path.parent / logo).is_file():
        yield document.problem(
            ("logo",), f"logo file '{logo}' is not in the provider folder", hint="add the file or remove the field"
        )


def names_unique_per_provider(facts: list[ListingFacts], locate: Locate) -> Iterator[Problem]:
    """Two listings of one provider with the same name confuse learners (a warning)."""
    first_of: dict[tuple[str, str], str] = {}
    for listing in sorted(facts, key=lambda listing: listing.ref):
        key = (listing.ref.split("/")[0], listing.name.strip().casefold())
        if key in first_of:
            yield locate(listing.display_path).problem(
                ("name",),
                f"another listing of this provider has the same name: {first_of[key]}",
                hint="give each listing a distinct name",
                severity=Severity.WARNING,
                rule="duplicate-name",
            )
        else:
            first_of[key] = listing.ref
