"""What `make bench` reports about a built site's files: the largest, the sitemaps, the bulk feeds."""

from __future__ import annotations

from pathlib import Path

from measure.bench import SiteResult, files_table, site_files


def test_the_bench_reads_the_files_that_grow_with_the_catalog(sample_site: Path) -> None:
    files = site_files(sample_site)
    every = [path for path in sample_site.rglob("*") if path.is_file()]
    largest = max(every, key=lambda path: path.stat().st_size)
    assert files.largest == (largest.stat().st_size, largest.relative_to(sample_site).as_posix())
    assert files.total_bytes == sum(path.stat().st_size for path in every)
    assert files.sitemaps == 1
    assert files.most_sitemap_urls == (sample_site / "sitemap.1.xml").read_text(encoding="utf-8").count("<loc>")
    assert files.credential_pages == 1
    assert files.bulk == {
        "api/v1/credentials.json and its pages": (sample_site / "api/v1/credentials.json").stat().st_size,
        "api/v1/credentials.ndjson": (sample_site / "api/v1/credentials.ndjson").stat().st_size,
        "catalog.csv": (sample_site / "catalog.csv").stat().st_size,
    }
    row = files_table([SiteResult(38, None, None, files=files)]).splitlines()[-1]
    assert row.startswith(f"| 38 | {files.largest[0] / 1024:.0f} KB (`{files.largest[1]}`) | 1 | ") and row.endswith("| PASS |")
