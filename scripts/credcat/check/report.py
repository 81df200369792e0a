"""Reporters: problems -> text for people, GitHub annotations for pull requests, JSON for tools.

Reporters only format; they never decide what is a problem. Everything they print that
came from input (file names, fields, messages that quote values) has its control characters
escaped (`characters.escape`); JSON escapes them by itself. In Markdown it also sits in code
spans, so a value or a web server's answer cannot become a link, an image, HTML or a mention.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict

from credcat.check.characters import escape
from credcat.check.problem import Problem


def summary_line(problems: Sequence[Problem], files_checked: int) -> str:
    """One line with the counts, e.g. `2 errors, 1 warning in 2 files (41 files checked)`."""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{files_checked} files checked, no problems"
    files = len({problem.path for problem in problems})
    return (
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"
        f" ({files_checked} files checked)"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render_text(problems: Sequence[Problem], files_checked: int) -> str:
    """`path:line:col: error: field: message (hint)`, one a line, then the summary."""
    lines = []
    for problem in problems:
        field = f"{problem.field}: " if problem.field else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(
            escape(f"{problem.path}:{problem.line}:{problem.column}: {problem.severity}: {field}{problem.message}{hint}")
        )
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    """A workflow command's message: controls written out, then `%` escaped as GitHub reads it."""
    return escape(text).replace("%", "%25")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: Sequence[Problem], files_checked: int) -> str:
    """GitHub Actions workflow commands, which become annotations on the pull request's files."""
    lines = []
    for problem in problems:
        title = f"credcat {problem.rule}" + (f": {problem.field}" if problem.field else "")
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(
            f"::{problem.severity} file={_escape_property(problem.path)},line={problem.line},col={problem.column},"
            f"title={_escape_property(title)}::{_escape_data(problem.message + hint)}"
        )
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n"


def render_json(problems: Sequence[Problem], files_checked: int) -> str:
    """One JSON array of problem objects."""
    return json.dumps([asdict(problem) for problem in problems], indent=2, ensure_ascii=False) + "\n"


def render_step_summary(problems: Sequence[Problem], files_checked: int, title: str = "credcat validate") -> str:
    """A Markdown summary for `$GITHUB_STEP_SUMMARY` (or an issue): counts, then a table of problems."""
    lines = [f"## {title}", "", summary_line(problems, files_checked), ""]
    if problems:
        by_rule = Counter(problem.rule for problem in problems)
        lines += ["| rule | count |", "|---|---|"] + [f"| {rule} | {count} |" for rule, count in sorted(by_rule.items())]
        lines += ["", "| file | line | field | problem |", "|---|---|---|---|"]
        for problem in problems:
            message = f"{problem.severity}: " + _code_cell(problem.message + (f" ({problem.hint})" if problem.hint else ""))
            lines.append(f"| {_code_cell(problem.path)} | {problem.line} | {_code_cell(problem.field)} | {message} |")
    return "\n".join(lines) + "\n"


def _code_cell(text: str) -> str:
    """Text from input or from a web server in a table cell: escaped, in a code span (empty stays empty)."""
    return markdown_code(escape(text)) if text else ""


def markdown_code(text: str) -> str:
    """`text` as one Markdown code span, safe in a table cell: no link, image, HTML, mention or cell break."""
    longest_run = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest_run + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}".replace("|", "\\|")


Reporter = Callable[[Sequence[Problem], int], str]

REPORTERS: dict[str, Reporter] = {"text": render_text, "github": render_github, "json": render_json}
