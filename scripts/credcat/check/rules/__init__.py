"""The rules a file's schema cannot express.

Document rules look at one file with what the catalog knows of the rest (`RuleContext`: the
taxonomy ids, the files that exist, today); catalog rules look across listings through small
`ListingFacts`. They also run on files that fail their schema (one run shows every problem),
so they read fields through `tree.lookup` and `tree.items_of`, never assuming a type. Both
kinds are plain functions, a module per concern, listed here in `DOCUMENT_RULES` and
`CATALOG_RULES`, each testable alone; neither needs every document in memory, so validation
can share the work between processes.
"""

from __future__ import annotations

from credcat.check.rules.context import CatalogRule, DocumentRule, RecognitionRule
from credcat.check.rules.costs import costs_are_complete, currencies_have_rates, exchange_rates_are_sound
from credcat.check.rules.dates import dates_are_sane
from credcat.check.rules.hygiene import text_is_clean
from credcat.check.rules.identity import ids_are_not_reserved, ids_match_paths, names_unique_per_provider, provider_logo_exists, providers_have_provider_file
from credcat.check.rules.indentation import list_items_line_up
from credcat.check.rules.placeholders import no_placeholders
from credcat.check.rules.recognitions import (
    recognition_is_complete,
    recognition_is_current,
    recognition_references_resolve,
    recognitions_of_retired_listings,
    recognizers_exist,
)
from credcat.check.rules.references import choose_within_step, no_prerequisite_cycles, references_resolve
from credcat.check.rules.text import markdown_is_restricted
from credcat.check.rules.vocabulary import codes_are_valid, taxonomy_is_sound, terms_exist

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    ids_match_paths,
    ids_are_not_reserved,
    providers_have_provider_file,
    provider_logo_exists,
    taxonomy_is_sound,
    terms_exist,
    references_resolve,
    codes_are_valid,
    dates_are_sane,
    costs_are_complete,
    currencies_have_rates,
    exchange_rates_are_sound,
    choose_within_step,
    recognition_is_complete,
    recognition_references_resolve,
    recognition_is_current,
    recognizers_exist,
    markdown_is_restricted,
    no_placeholders,
    text_is_clean,
    list_items_line_up,
)

CATALOG_RULES: tuple[CatalogRule, ...] = (no_prerequisite_cycles, names_unique_per_provider)

RECOGNITION_RULES: tuple[RecognitionRule, ...] = (recognitions_of_retired_listings,)
