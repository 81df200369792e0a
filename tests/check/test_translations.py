"""A listing's `translations`: keys are BCP 47 tags, each holds a name or a summary within the
same limits, a translation into the listing's own language warns, and translated text obeys the
text rules like any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from credcat.check.report import render_text
from credcat.check.validate import validate_catalog
from support import TODAY

LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def problems_with(catalog: Path, translations: str) -> list[str]:
    listing = catalog / "providers/acme-academy/credentials/spreadsheet-basics.yml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("dates:\n", translations + "dates:\n"), encoding="utf-8")
    report = validate_catalog(catalog, today=TODAY)
    return render_text(report.problems, report.files_checked).splitlines()[:-1]


def test_names_and_summaries_in_other_languages_validate(base_catalog: Path) -> None:
    assert problems_with(Path("catalog"), (
        "translations:\n  fr:\n    name: Les bases du tableur\n    summary: Créer et vérifier des tableurs avec formules.\n"
        "  pt-BR:\n    name: Planilhas básicas\n"
    )) == []


@pytest.mark.parametrize(
    ("translations", "expected"),
    [
        pytest.param("translations:\n  english:\n    name: Basics\n",
                     "32:3: error: translations: 'english' is not a BCP 47 language tag", id="not-a-tag"),
        pytest.param("translations:\n  qq:\n    name: Basics\n",
                     "32:3: error: translations: 'qq' is not a valid BCP 47 language tag (for example 'en', 'de' or 'pt-BR')",
                     id="shaped-like-a-tag-but-unknown"),
        pytest.param("translations:\n  fr: {}\n", "32:7: error: translations.fr: {} should be non-empty", id="neither-name-nor-summary"),
        pytest.param("translations:\n  fr:\n    nom: Bases\n", "33:5: error: translations.fr.nom: unknown field 'nom'", id="unknown-field"),
        pytest.param("translations:\n  fr:\n    summary: court\n",
                     "33:14: error: translations.fr.summary: text is too short: 5 characters, at least 10", id="short-summary"),
        pytest.param(
            "translations:\n  EN:\n    name: Spreadsheet basics again\n",
            "32:3: warning: translations.EN: 'EN' is the listing's own language (en, the first of languages): a translation"
            " into it repeats the name and summary (translate into another language, or delete this entry)",
            id="own-language-warns",
        ),
    ],
)
def test_a_bad_translation_is_reported_at_its_line(base_catalog: Path, translations: str, expected: str) -> None:
    assert problems_with(Path("catalog"), translations) == [f"{LISTING}:{expected}"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(r'"Bases \u202E du tableur"', "a bidirectional control character is not allowed (U+202E RIGHT-TO-LEFT"
                     " OVERRIDE; remove it, or the escape that writes it)", id="bidi-override"),
        pytest.param(r'"Bases \e[31m du tableur"', "a control character is not allowed (U+001B ESCAPE; remove it, or the"
                     " escape that writes it)", id="terminal-escape"),
    ],
)
def test_hostile_characters_in_a_translated_name_are_errors(base_catalog: Path, name: str, expected: str) -> None:
    assert problems_with(Path("catalog"), f"translations:\n  fr:\n    name: {name}\n") == [
        f"{LISTING}:33:11: error: translations.fr.name: {expected}"
    ]
