"""Where catalog files live, and what kind of document each path holds.

The folder layout is part of the contract (DATA-MODEL.md, "Where files live"): a file's
place says whether it is a provider, a credential, a pathway or a taxonomy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path, PurePath

from credcat.check.problem import Severity


class Kind(StrEnum):
    """The document kinds, named as their schema files are."""

    PROVIDER = "provider"
    CREDENTIAL = "credential"
    PATHWAY = "pathway"
    RECOGNITION = "recognition"
    TAXONOMY = "taxonomy"
    EXCHANGE_RATES = "exchange-rates"


TAXONOMY_FILES = ("industries", "subjects", "occupations")
LOGO_SUFFIXES = (".svg", ".png")
EXCHANGE_RATES_FILE = "exchange-rates.yml"

# Ids that are pages of the site: `index`, and the names of the site's top-level folders and
# files (DATA-MODEL.md, "Reserved ids and text hygiene"). A provider `index` would replace the
# providers page, a credential or pathway `index` the provider's folder page. The schemas carry
# the same list (tests/check/test_reserved.py keeps them equal and checks it against a built site).
RESERVED_IDS = frozenset({
    "404", "about", "api", "assets", "catalog", "changes", "compare", "contributing", "credentials", "embed", "feed", "index",
    "industries", "levels", "occupations", "pagefind", "pathways", "providers", "qualifications", "reference",
    "schema", "search", "sitemap", "subjects", "types", "use-on-your-site",
})


def reserved_id_message(identifier: str) -> str:
    """What a provider reads when an id is reserved, from the schema check or the rule alike."""
    return f"'{identifier}' is reserved: it is a page of the site; choose another id"


@dataclass(frozen=True)
class Placement:
    """What a path inside the catalog is: its kind, provider folder and file stem."""

    kind: Kind
    provider: str
    stem: str

    @property
    def ref(self) -> str:
        """Global reference `<provider>/<id>` for credentials, pathways and recognitions."""
        return f"{self.provider}/{self.stem}"


def place(relative: PurePath) -> Placement | None:
    """Classify a path relative to the catalog root; None when it is in no known place."""
    parts = relative.parts
    if relative.suffix != ".yml":
        return None
    if len(parts) == 2 and parts[0] == "taxonomy" and relative.stem in TAXONOMY_FILES:
        return Placement(Kind.TAXONOMY, "", relative.stem)
    if len(parts) == 1 and relative.name == EXCHANGE_RATES_FILE:
        return Placement(Kind.EXCHANGE_RATES, "", relative.stem)
    if len(parts) == 3 and parts[0] == "providers" and parts[2] == "provider.yml":
        return Placement(Kind.PROVIDER, parts[1], parts[1])
    if len(parts) == 4 and parts[0] == "providers" and parts[2] == "credentials":
        return Placement(Kind.CREDENTIAL, parts[1], relative.stem)
    if len(parts) == 4 and parts[0] == "providers" and parts[2] == "pathways":
        return Placement(Kind.PATHWAY, parts[1], relative.stem)
    if len(parts) == 4 and parts[0] == "providers" and parts[2] == "recognitions":
        return Placement(Kind.RECOGNITION, parts[1], relative.stem)
    return None


def schema_name(placement: Placement) -> str:
    """The schema a file is checked against, `schema/<name>.schema.json`: its kind's, except
    occupations.yml, whose ISCO-08 entries are keyed by code rather than by id (DATA-MODEL.md)."""
    if placement.kind is Kind.TAXONOMY and placement.stem == "occupations":
        return "occupations"
    return placement.kind.value


SCHEMA_NAMES = tuple(kind.value for kind in Kind) + ("occupations",)
"""Every schema a catalog file is checked against."""


def is_provider_asset(relative: Path) -> bool:
    """Logos may sit beside provider.yml; nothing else that is not YAML belongs in the catalog."""
    parts = relative.parts
    return len(parts) == 3 and parts[0] == "providers" and relative.suffix in LOGO_SUFFIXES


_UNHIDE = "delete it, or rename it without the leading dot"


class Refused(Enum):
    """An entry of the catalog folder that is not read, and why: (message, hint, severity).

    A symbolic link could publish another provider's listing, or any file on the machine, under
    this provider's name: it is refused and neither read nor followed. Hidden files are not part
    of the catalog, which a provider should hear of; `.gitkeep`, git's way to keep an empty
    folder, is passed over silently.
    """

    LINK = (
        "a symbolic link is not allowed in the catalog; it was neither read nor followed",
        "replace the link with the file or folder it points to",
        Severity.ERROR,
    )
    HIDDEN_FILE = (
        "a hidden file is not part of the catalog: it is not checked or published", _UNHIDE, Severity.WARNING
    )
    HIDDEN_FOLDER = (
        "a hidden folder is not part of the catalog: nothing in it is checked or published", _UNHIDE, Severity.WARNING
    )
    NOT_A_FILE = ("not a regular file (a pipe, socket or device); it was not read", "delete it", Severity.ERROR)

    def __init__(self, message: str, hint: str, severity: Severity) -> None:
        self.message = message
        self.hint = hint
        self.severity = severity


GIT_PLACEHOLDER = ".gitkeep"


@dataclass(frozen=True)
class CatalogScan:
    """Every entry below the catalog root: the regular files to read, and the entries refused."""

    files: list[Path]
    refused: list[tuple[Path, Refused]]


def scan_catalog(root: Path) -> CatalogScan:
    """Every regular file below the catalog root, sorted, and every entry that is refused.

    Entries are judged by what they are (os.scandir's lstat-like view): a link's target is
    never looked at, read or followed.
    """
    files: list[str] = []
    refused: list[tuple[str, Refused]] = []
    folders = [str(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    refused.append((entry.path, Refused.LINK))
                elif entry.name.startswith("."):
                    if not (entry.name == GIT_PLACEHOLDER and entry.is_file(follow_symlinks=False)):
                        refused.append((entry.path, Refused.HIDDEN_FOLDER if entry.is_dir(follow_symlinks=False) else Refused.HIDDEN_FILE))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(entry.path)
                else:
                    refused.append((entry.path, Refused.NOT_A_FILE))
    return CatalogScan([Path(path) for path in sorted(files)], [(Path(path), why) for path, why in sorted(refused)])


CATALOG_FOLDER = "catalog"
ROOT_MARKERS = ("mkdocs.yml", ".git")


def find_catalog(start: Path) -> Path | None:
    """The catalog folder for a command run in `start`: `start/catalog`, else the catalog of the
    repository root above (the folder holding catalog/ and mkdocs.yml or .git), else None."""
    if (start / CATALOG_FOLDER).is_dir():
        return start / CATALOG_FOLDER
    for folder in start.resolve().parents:
        if (folder / CATALOG_FOLDER).is_dir() and any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder / CATALOG_FOLDER
        if (folder / ".git").exists():
            return None
    return None
