"""Where catalog files live, and what kind of document each path holds.

The folder layout is part of the contract (DATA-MODEL.md, "Where files live"): a file's
place says whether it is a provider, a credential, a pathway or a taxonomy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath


class Kind(StrEnum):
    """The document kinds, named as their schema files are."""

    PROVIDER = "provider"
    CREDENTIAL = "credential"
    PATHWAY = "pathway"
    TAXONOMY = "taxonomy"


TAXONOMY_FILES = ("industries", "subjects")
LOGO_SUFFIXES = (".svg", ".png")


@dataclass(frozen=True)
class Placement:
    """What a path inside the catalog is: its kind, provider folder and file stem."""

    kind: Kind
    provider: str
    stem: str

    @property
    def ref(self) -> str:
        """Global reference `<provider>/<id>` for credentials and pathways."""
        return f"{self.provider}/{self.stem}"


def place(relative: PurePath) -> Placement | None:
    """Classify a path relative to the catalog root; None when it is in no known place."""
    parts = relative.parts
    if relative.suffix != ".yml":
        return None
    if len(parts) == 2 and parts[0] == "taxonomy" and relative.stem in TAXONOMY_FILES:
        return Placement(Kind.TAXONOMY, "", relative.stem)
    if len(parts) == 3 and parts[0] == "providers" and parts[2] == "provider.yml":
        return Placement(Kind.PROVIDER, parts[1], parts[1])
    if len(parts) == 4 and parts[0] == "providers" and parts[2] == "credentials":
        return Placement(Kind.CREDENTIAL, parts[1], relative.stem)
    if len(parts) == 4 and parts[0] == "providers" and parts[2] == "pathways":
        return Placement(Kind.PATHWAY, parts[1], relative.stem)
    return None


def is_provider_asset(relative: Path) -> bool:
    """Logos may sit beside provider.yml; nothing else that is not YAML belongs in the catalog."""
    parts = relative.parts
    return len(parts) == 3 and parts[0] == "providers" and relative.suffix in LOGO_SUFFIXES


def catalog_files(root: Path) -> list[Path]:
    """Every file below the catalog root, sorted, hidden files and folders left out."""
    found: list[str] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(os.path.join(folder, name) for name in files if not name.startswith("."))
    return [Path(path) for path in sorted(found)]


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
