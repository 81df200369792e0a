"""Placeholders that must not reach the catalog (warnings, which --strict and CI refuse): text
and TODO marks that `credcat new` writes, addresses at the domains reserved for examples, and
the scaffold's stand-in GitHub username. One warning per field, the most specific one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from credcat.check.layout import Placement
from credcat.check.load import Document
from credcat.check.problem import Problem, Severity
from credcat.check.rules.context import RuleContext
from credcat.check.tree import JsonPath, walk

PLACEHOLDER_PREFIX = "Replace this with"
"""How every placeholder text of `credcat new` starts."""
TODO_MARK = "# TODO: replace this placeholder"
"""The line `credcat new` writes above each value it chose for the provider."""
PLACEHOLDER_USERNAME = "your-github-username"
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
"""RFC 2606: reserved for examples, never anyone's address."""

_EMAIL = re.compile(r"[^@\s]+@([^@\s]+)")
_SIGNS = (PLACEHOLDER_PREFIX, TODO_MARK, PLACEHOLDER_USERNAME, "xample.")


def no_placeholders(document: Document, placement: Placement, context: RuleContext) -> Iterator[Problem]:
    """Every value still a placeholder: scaffold text, an example address, the stand-in username,
    or a value credcat new marked TODO (until its mark is deleted)."""
    text = document.text
    if not any(sign in text for sign in _SIGNS):
        return
    found: dict[JsonPath, tuple[str, str]] = {}
    for path, value in walk(document.data):
        if isinstance(value, str) and (reason := _placeholder(value)) is not None:
            found[path] = reason
    marked = [key for key in _marked_todo(document) if not any(path[:1] == (key,) for path in found)] if TODO_MARK in text else []
    for path, (message, hint) in found.items():
        yield document.problem(path, message, hint=hint, severity=Severity.WARNING, rule="placeholder")
    for key in marked:
        yield document.problem(
            (key,),
            "marked TODO by credcat new",
            hint="check the value, change it if needed, then delete the '# TODO' line above it",
            severity=Severity.WARNING,
            rule="placeholder",
            of_key=True,
        )


def _placeholder(value: str) -> tuple[str, str] | None:
    """Why one text value is a placeholder, as (message, hint); None when it is not one."""
    if value.startswith(PLACEHOLDER_PREFIX):
        return "placeholder text from credcat new is still here", "write the real text"
    if value == PLACEHOLDER_USERNAME:
        return f"'{value}' is a placeholder", "give the GitHub usernames of the people who may change this folder"
    if value.startswith(("http://", "https://")) and _is_example_domain(_host(value)):
        return (
            f"'{value}' is a placeholder address",
            "give the real address: example.org, example.com and example.net are reserved for examples",
        )
    if (email := _EMAIL.fullmatch(value)) is not None and _is_example_domain(email.group(1)):
        return f"'{value}' is a placeholder address", "give an address people can write to"
    return None


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _is_example_domain(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)


def _marked_todo(document: Document) -> Iterator[str]:
    """The top-level fields with credcat new's TODO line right above them."""
    if not isinstance(document.data, dict):
        return
    lines = document.text.splitlines()
    for key in document.data:
        line, _column = document.position((key,), of_key=True)
        if line >= 2 and lines[line - 2].strip() == TODO_MARK:
            yield key
