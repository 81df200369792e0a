"""The files credcat ships beside its code: schemas, theme, taxonomies, docs, a starter repository.

They are package data, read through importlib.resources, so an installed wheel builds a site
with nothing else; in a checkout most are links to the repository's top-level folders
(`maintain/starter/` is the template of `credcat init`; its workflows are links to ours).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(name: str) -> Path:
    """A shipped folder on disk (wheels install unzipped, so it is a real path)."""
    return Path(str(files("credcat").joinpath(name)))


SCHEMA_DIR = _folder("schema")
FEED_SCHEMA_DIR = SCHEMA_DIR / "feeds"
THEME_DIR = _folder("theme")
TAXONOMY_DIR = _folder("taxonomy")
DOCS_DIR = _folder("docs")
STARTER_DIR = _folder("maintain/starter")
