"""Who may change what: a provider's maintainers own its folder, catalog maintainers the rest.

`check_changes` judges a set of changed files against the maintainers named in each
provider.yml and in MAINTAINERS.yml, read from the target's current state (never from the
change, so that a change cannot grant itself rights, nor from where its branch started, so that
rights removed since are gone); `generate_codeowners` writes the same rules as .github/CODEOWNERS.
The tool that judges pull requests (the code, schemas, workflows, build files) is the catalog
maintainers' alone: CI runs the target's copy of it, and a change to it says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from credcat.check.load import Document, LoadError, display_path, parse
from credcat.check.problem import Problem
from credcat.maintain.revisions import Tree

MAINTAINERS_FILE = "MAINTAINERS.yml"
CODEOWNERS_FILE = ".github/CODEOWNERS"
CODEOWNERS_COMMAND = "credcat owners --codeowners --write"
# What judges and builds a pull request: a change to any of it changes the verdict itself.
TOOL_PATHS = ("scripts/", "schema/", "theme/", ".github/", ".ci/", "Makefile", "pyproject.toml", "constraints.txt",
              "mkdocs.yml", ".pre-commit-hooks.yaml")
USERNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


def usernames(values: Any) -> list[str]:
    """The valid GitHub usernames in a YAML list, in order, each once (compared case-blind)."""
    if not isinstance(values, list):
        return []
    seen: set[str] = set()
    names = []
    for value in values:
        if isinstance(value, str) and USERNAME.match(value) and value.casefold() not in seen:
            seen.add(value.casefold())
            names.append(value)
    return names


def _mapping(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        data = parse(text)
    except LoadError:
        return {}
    return data if isinstance(data, dict) else {}


def catalog_maintainers(tree: Tree) -> list[str]:
    """The catalog maintainers listed in MAINTAINERS.yml (`maintainers:`)."""
    return usernames(_mapping(tree.read(MAINTAINERS_FILE)).get("maintainers"))


def provider_file(catalog: str, provider: str) -> str:
    """Where a provider's provider.yml is, relative to the repository root."""
    return f"{catalog}/providers/{provider}/provider.yml"


def provider_maintainers(tree: Tree, catalog: str, provider: str) -> list[str] | None:
    """The maintainers in a provider's provider.yml; None when the file is not there."""
    text = tree.read(provider_file(catalog, provider))
    return None if text is None else usernames(_mapping(text).get("maintainers"))


def provider_of(path: str, catalog: str) -> str | None:
    """The provider folder a repository path lies in, or None for paths outside catalog/providers/."""
    parts = path.split("/")
    prefix = catalog.split("/")
    if parts[: len(prefix)] == prefix and len(parts) > len(prefix) + 2 and parts[len(prefix)] == "providers":
        return parts[len(prefix) + 1]
    return None


def is_tool(path: str) -> bool:
    """Whether a repository path is part of the tool that checks and builds pull requests."""
    return any(path.startswith(prefix) if prefix.endswith("/") else path == prefix for prefix in TOOL_PATHS)


def _contains(names: Iterable[str], author: str) -> bool:
    return author.casefold() in {name.casefold() for name in names}


def _ask(names: Sequence[str]) -> str:
    return "ask " + ", ".join(f"@{name}" for name in names) + " to make or approve it" if names else ""


def check_changes(
    changed: Sequence[str],
    author: str,
    *,
    before: Tree,
    after: Tree,
    root: Path,
    catalog: str = "catalog",
) -> list[Problem]:
    """One problem for each changed file the author may not change; none when all are allowed.

    Rights come from `before` (the target's current head). A provider folder that did not
    exist before may be created by anyone whom its new provider.yml lists as a maintainer.
    .github/CODEOWNERS may change along with the maintainers when it is exactly what
    `credcat owners --codeowners` generates.
    """
    stewards = catalog_maintainers(before)
    if _contains(stewards, author):
        return []
    problems = []
    for path in sorted(set(changed)):
        shown = display_path(root / path)
        provider = provider_of(path, catalog)
        if provider is None:
            regenerated = path == CODEOWNERS_FILE and after.read(path) == generate_codeowners(after, catalog)
            if not regenerated:
                message = (
                    f"this file is part of the tool that checks pull requests: only catalog maintainers may change it, "
                    f"and {author} is not one"
                    if is_tool(path)
                    else f"only catalog maintainers may change files outside {catalog}/providers/, and {author} is not one"
                )
                problems.append(_ownership(shown, message, _ask(stewards)))
            continue
        owners = provider_maintainers(before, catalog, provider)
        if owners is None:
            problems.extend(_new_provider_problems(after, catalog, provider, author, root, shown))
        elif not _contains(owners, author):
            hint = _ask(owners) or f"its provider.yml lists no maintainers; {_ask(stewards)}"
            problems.append(_ownership(shown, f"{author} is not a maintainer of provider '{provider}'", hint))
    return sorted(set(problems))


def _ownership(shown: str, message: str, hint: str) -> Problem:
    return Problem(shown, 1, 1, "", message, hint, rule="ownership")


def _new_provider_problems(
    after: Tree, catalog: str, provider: str, author: str, root: Path, shown: str
) -> list[Problem]:
    """A new provider folder is fine when its provider.yml lists the author; `shown` is the changed file."""
    path = provider_file(catalog, provider)
    text = after.read(path)
    if text is None:
        hint = "add provider.yml and list yourself under maintainers (credcat new provider)"
        return [_ownership(shown, f"provider folder '{provider}' is new and has no provider.yml", hint)]
    data = _mapping(text)
    if _contains(usernames(data.get("maintainers")), author):
        return []
    document = Document(root / path, display_path(root / path), data, text)
    where = ("maintainers",) if "maintainers" in data else ()
    message = f"a new provider folder must list its author; {author} is not under maintainers"
    return [document.problem(where, message, hint=f"add {author} to maintainers", rule="ownership", of_key=True)]


def generate_codeowners(tree: Tree, catalog: str = "catalog") -> str:
    """.github/CODEOWNERS: catalog maintainers own everything, each provider folder adds its maintainers."""
    stewards = catalog_maintainers(tree)
    lines = [
        f"# Generated by `{CODEOWNERS_COMMAND}` from {MAINTAINERS_FILE} and the",
        f"# maintainers in {catalog}/providers/<provider>/provider.yml. Do not edit by hand.",
        "# The last matching line wins: a provider folder is owned by its maintainers and",
        "# by the catalog maintainers; everything else by the catalog maintainers.",
        "",
        _owners_line("*", stewards),
    ]
    for provider in tree.folders(f"{catalog}/providers"):
        owners = provider_maintainers(tree, catalog, provider) or []
        lines.append(_owners_line(f"/{catalog}/providers/{provider}/", usernames([*owners, *stewards])))
    return "\n".join(lines) + "\n"


def _owners_line(pattern: str, names: Sequence[str]) -> str:
    return " ".join([pattern, *(f"@{name}" for name in names)])
