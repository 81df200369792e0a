"""Reading a built site back from disk."""

from __future__ import annotations

from pathlib import Path

from credcat.site.search_index import fragment_url


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in a built site's search index, all shards, read back from disk."""
    return [fragment_url(fragment.read_bytes()) for fragment in sorted((site_dir / "pagefind").rglob("*.pf_fragment"))]
