"""The `credcat` command: argument parsing and exit codes, nothing else.

Each subcommand hands its options to the module that owns the work. Exit codes: 0 clean
(warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from credcat.load import display_path
from credcat.report import REPORTERS, render_step_summary
from credcat.validate import validate_catalog

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PROGRESS_THRESHOLD = 300


class UsageError(Exception):
    """Options that cannot work together or name things that are not there."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, one subparser per subcommand."""
    parser = argparse.ArgumentParser(prog="credcat", description="Check, build and maintain the credcat catalog.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check catalog files against the contract")
    validate.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="report format")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="report only on these files or folders")
    validate.set_defaults(handler=run_validate)
    return parser


def run_validate(options: argparse.Namespace) -> int:
    """Validate the whole catalog, report on the requested paths."""
    catalog = _existing_folder(options.catalog)
    show_progress = sys.stderr.isatty()
    report = validate_catalog(catalog, progress=_progress_bar if show_progress else None)
    if show_progress and report.files_checked > PROGRESS_THRESHOLD:
        sys.stderr.write("\r\033[K")
    problems = report.problems
    if options.paths:
        wanted = [display_path(path).rstrip("/") for path in options.paths]
        problems = [problem for problem in problems if any(_within(problem.path, prefix) for prefix in wanted)]
    sys.stdout.write(REPORTERS[options.format](problems, report.files_checked))
    if options.format == "github" and (summary := os.environ.get("GITHUB_STEP_SUMMARY")):
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(render_step_summary(problems, report.files_checked))
    return EXIT_PROBLEMS if any(problem.is_error for problem in problems) else EXIT_OK


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _existing_folder(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"catalog folder not found: {path}")
    return path


def _progress_bar(done: int, total: int) -> None:
    if total > PROGRESS_THRESHOLD and (done % 200 == 0 or done == total):
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rreading [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        return int(options.handler(options))
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"credcat: error: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
