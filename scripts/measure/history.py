"""The cost of listing history at scale, for `make bench`: the synthetic catalog committed to a
throwaway git repository, a share of its listings changed in each of a few later commits, then
the time of one history read (credcat.maintain.history, best of three) and the size of the
files it feeds (api/v1/changes.json and the changes.json JSON Feed).
`PYTHONPATH=scripts python -m measure.history [--count 10000] [--share 0.1] [--commits 2]`
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from credcat.catalog.model import build_catalog
from credcat.check.validate import validate_catalog
from credcat.exports.changes import write_changes
from credcat.maintain.history import read_history
from measure.bench import BENCH_DIR, ensure_catalog

HOURS = re.compile(r"(\n  hours: )(\d+)")


def git(repo: Path, *arguments: str, day: str = "2026-01-01") -> None:
    """Run git in the throwaway repository, commits dated `day` so that runs repeat."""
    stamp = f"{day}T12:00:00+00:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, env=environment)


def make_repository(catalog: Path, repo: Path, share: float, commits: int) -> int:
    """The catalog in a new repository, then `commits` commits that each change the workload
    hours of `share` of the listings (a different slice each time); returns files changed."""
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    shutil.copytree(catalog, repo / "catalog")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "add", "-A")
    git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "-m", "catalog")
    files = sorted((repo / "catalog").glob("providers/*/credentials/*.yml"))
    step = max(1, round(1 / share))
    changed = 0
    for number in range(commits):
        for path in files[number::step]:
            text = path.read_text(encoding="utf-8")
            path.write_text(HOURS.sub(lambda found: found[1] + str(int(found[2]) + 1), text, count=1), encoding="utf-8")
            changed += 1
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "-am", f"change {number}",
            day=f"2026-0{2 + number % 8}-01")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--share", type=float, default=0.1, help="share of the listings each later commit changes")
    parser.add_argument("--commits", type=int, default=2)
    options = parser.parse_args(argv)
    repo = BENCH_DIR / "history" / f"{options.count}-seed{options.seed}"
    changed = make_repository(ensure_catalog(options.count, options.seed), repo, options.share, options.commits)
    catalog = build_catalog(validate_catalog(repo / "catalog"))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        history = read_history(repo / "catalog", catalog.credentials)
        times.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as folder:
        write_changes(history, catalog, Path(folder), "https://catalog.example/")
        api_bytes = (Path(folder) / "api/v1/changes.json").stat().st_size
        feed_bytes = (Path(folder) / "changes.json").stat().st_size
    print("| listings | commits | files changed | history read (best of 3) | summary | api/v1/changes.json | changes.json feed |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {options.count:,} | {options.commits + 1} | {changed:,} | {min(times):.2f} s | {history.summary()} | "
          f"{api_bytes / 1024:.1f} KB | {feed_bytes / 1024:.1f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
