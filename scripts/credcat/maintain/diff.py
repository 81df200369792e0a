"""Change summaries: what a pull request does to the catalog, as Markdown for reviewers.

Two git revisions are read into memory (only the files whose blobs differ are parsed) and
compared listing by listing: added, changed (field, old value, new value), retired, removed,
and the pathways that name any of them; a recognition that is removed is withdrawn. Removing a listing that others still reference is
an error. A provider or listing the change adds or edits whose name passes for another's is
listed under "Lookalike names" (the warnings of credcat validate's lookalike rule).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from credcat.check.layout import Kind, place
from credcat.check.load import Document, LoadError, display_path, parse
from credcat.check.problem import Problem, Severity, format_field_path
from credcat.check.report import markdown_code
from credcat.check.rules.lookalikes import RULE as LOOKALIKE_RULE
from credcat.check.rules.lookalikes import NamedEntry, lookalikes
from credcat.check.rules.references import credential_references
from credcat.maintain.revisions import Revision, WorkingTree, merge_base, run_git, uncommitted_changes

VALUE_WIDTH = 80
FieldChange = tuple[str, Any, Any]
_MISSING = object()


@dataclass
class Entry:
    """One provider, credential or pathway that the change touches."""

    kind: Kind
    key: str
    name: str
    before: Any = None
    after: Any = None
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class ChangeSummary:
    """Everything that differs between two revisions of the catalog."""

    base: str
    head: str
    added: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    retired: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    withdrawn: list[Entry] = field(default_factory=list)
    """Recognitions removed: their recognizer no longer confirms the claim."""
    unreadable: list[str] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    pathways_affected: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    pathway_names: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lookalikes: list[Problem] = field(default_factory=list)
    """Warnings at the names of added or changed providers and listings that pass for another's."""

    @property
    def is_empty(self) -> bool:
        return not (
            self.added or self.changed or self.retired or self.removed or self.withdrawn or self.unreadable or self.other_files
        )


WORKING_TREE = "the working tree"


def summarize_changes(
    root: Path, base: str, head: str = "HEAD", catalog: str = "catalog", *, worktree: bool = False
) -> ChangeSummary:
    """Compare the catalog at the point `head` branched from `base` with the catalog at `head`,
    or, with `worktree`, with the files on disk (uncommitted and untracked work included)."""
    head_revision = Revision(root, head)
    before = Revision(root, merge_base(root, Revision(root, base).commit, head_revision.commit))
    after: Revision | WorkingTree = head_revision
    if worktree:
        after = WorkingTree(root)
        differing = uncommitted_changes(root, before.commit, catalog)
        old_texts, new_texts = before.read_many(differing), after.read_many(differing)
        present = {path for path in differing if after.exists(path)}
    else:
        old_blobs, new_blobs = before.blobs(catalog), head_revision.blobs(catalog)
        differing = sorted(
            path for path in old_blobs.keys() | new_blobs.keys() if old_blobs.get(path) != new_blobs.get(path)
        )
        old_texts = before.read_many(path for path in differing if path in old_blobs)
        new_texts = after.read_many(path for path in differing if path in new_blobs)
        present = set(new_blobs)

    summary = ChangeSummary(before.commit, WORKING_TREE if worktree else head_revision.commit)
    removed_refs: list[str] = []
    touched_credentials: dict[str, str] = {}
    for path in differing:
        placement = place(PurePosixPath(path).relative_to(catalog))
        if placement is None or placement.kind in (Kind.TAXONOMY, Kind.EXCHANGE_RATES):
            summary.other_files.append(path)
            continue
        key = placement.provider if placement.kind is Kind.PROVIDER else placement.ref
        old, new = _data(old_texts.get(path)), _data(new_texts.get(path))
        unread = path in present and path not in new_texts
        if (path in old_texts and old is None) or (path in new_texts and new is None) or unread:
            summary.unreadable.append(path)
            continue
        entry = Entry(placement.kind, key, _name(new if new is not None else old, key), old, new)
        if old is None:
            summary.added.append(entry)
            verdict = "added"
        elif new is None and placement.kind is Kind.RECOGNITION:
            summary.withdrawn.append(entry)
            verdict = "withdrawn"
        elif new is None:
            summary.removed.append(entry)
            verdict = "removed"
            if placement.kind is Kind.CREDENTIAL:
                removed_refs.append(key)
        else:
            entry.fields = list(field_changes(old, new))
            retired = (
                placement.kind is Kind.CREDENTIAL and new.get("status") == "retired" and old.get("status") != "retired"
            )
            (summary.retired if retired else summary.changed).append(entry)
            verdict = "retired" if retired else "changed"
        if placement.kind is Kind.CREDENTIAL:
            touched_credentials[key] = verdict
    _find_affected_pathways(summary, after, catalog, touched_credentials, new_texts)
    summary.problems = _references_to_removed(root, after, catalog, removed_refs)
    summary.lookalikes = _lookalike_names(root, after, catalog, summary)
    return summary


def _data(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        data = parse(text)
    except LoadError:
        return None
    return data if isinstance(data, dict) else None


def _name(data: dict[str, Any] | None, key: str) -> str:
    """A provider's, listing's or pathway's name; for a recognition, what it recognises."""
    name = data.get("name") if data is not None else None
    if isinstance(name, str):
        return name
    if data is not None and isinstance(data.get("as"), str):
        subject, towards = data.get("credential") or data.get("provider"), data.get("towards")
        return " ".join(str(part) for part in (data["as"], "of", subject, "toward" if towards else "", towards or "") if part)
    return key


def field_changes(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> Iterator[FieldChange]:
    """Changed fields as (field path, old value, new value); mappings are compared field by field."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            yield from field_changes(old.get(key, _MISSING), new.get(key, _MISSING), (*path, key))
    elif old != new:
        yield format_field_path(path), old, new


def _pathway_files(after: Revision | WorkingTree, catalog: str, needles: Iterable[str]) -> list[str]:
    """Pathway files at `after` that mention any of the references (a fast text search first)."""
    arguments = [argument for needle in needles for argument in ("-e", needle)]
    if not arguments:
        return []
    return _grep(after, arguments, f"{catalog}/providers/*/pathways/*.yml")


def _grep(tree: Revision | WorkingTree, arguments: list[str], pathspec: str) -> list[str]:
    """Files matching `pathspec` that contain any of the fixed strings: in a commit, or on disk (untracked too)."""
    where = [tree.commit] if isinstance(tree, Revision) else ["--untracked"]
    output = run_git(tree.root, "grep", "-l", "-z", "-F", *arguments, *where, "--", pathspec, allowed=(0, 1))
    prefix = f"{tree.commit}:" if isinstance(tree, Revision) else ""
    return sorted(name.decode("utf-8").removeprefix(prefix) for name in output.split(b"\0") if name)


def _find_affected_pathways(
    summary: ChangeSummary, after: Revision | WorkingTree, catalog: str, touched: dict[str, str], new_texts: dict[str, str]
) -> None:
    """Pathways at `after` whose steps name a credential that was added, changed, retired or removed."""
    paths = _pathway_files(after, catalog, touched)
    texts = after.read_many(path for path in paths if path not in new_texts)
    texts.update({path: new_texts[path] for path in paths if path in new_texts})
    for path in paths:
        data = _data(texts.get(path))
        placement = place(PurePosixPath(path).relative_to(catalog))
        if data is None or placement is None:
            continue
        named = []
        for _json_path, target in credential_references(data):
            if target in touched and (target, touched[target]) not in named:
                named.append((target, touched[target]))
        if named:
            summary.pathways_affected[placement.ref] = named
            summary.pathway_names[placement.ref] = _name(data, placement.ref)


def _references_to_removed(root: Path, after: Revision | WorkingTree, catalog: str, removed: list[str]) -> list[Problem]:
    """An error at every reference, in the new revision, to a credential that the change removes."""
    if not removed:
        return []
    arguments = [argument for ref in removed for argument in ("-e", ref)]
    candidates = _grep(after, arguments, f"{catalog}/providers/")
    texts = after.read_many(candidates)
    gone = set(removed)
    problems = []
    for path in candidates:
        text = texts.get(path)
        data = _data(text)
        if text is None or data is None:
            continue
        document = Document(root / path, display_path(root / path), data, text)
        for json_path, target in credential_references(data):
            if target in gone:
                problems.append(
                    document.problem(
                        json_path,
                        f"'{target}' is removed by this change but still referenced here",
                        hint="keep the listing and set status: retired, or remove this reference too",
                        rule="removal",
                    )
                )
    return sorted(problems)


def _lookalike_names(root: Path, after: Revision | WorkingTree, catalog: str, summary: ChangeSummary) -> list[Problem]:
    """The lookalike rule over every provider and listing name of the new revision, kept for
    the files that the change adds or edits."""
    touched = {entry.key for entry in summary.added + summary.changed + summary.retired if entry.kind in (Kind.PROVIDER, Kind.CREDENTIAL)}
    if not touched:
        return []
    texts = after.read_many(_named_files(root, after, catalog))
    entries, documents = [], {}
    for path, text in sorted(texts.items()):
        placement = place(PurePosixPath(path).relative_to(catalog))
        data = _data(text)
        if placement is None or data is None or not isinstance(data.get("name"), str):
            continue
        key = placement.provider if placement.kind is Kind.PROVIDER else placement.ref
        entries.append(NamedEntry(placement.kind, key, data["name"], path))
        documents[path] = Document(root / path, display_path(root / path), data, text)
    return sorted({
        documents[entry.display_path].problem((where,), message, hint=hint, severity=Severity.WARNING, rule=LOOKALIKE_RULE)
        for entry, where, message, hint in lookalikes(entries)
        if entry.key in touched
    })


def _named_files(root: Path, after: Revision | WorkingTree, catalog: str) -> list[str]:
    """Every provider.yml and credential file of the new revision, by repository path."""
    folder = f"{catalog}/providers"
    if isinstance(after, Revision):
        paths: Iterable[str] = after.blobs(folder)
    else:  # the files on disk; WorkingTree.read refuses any that a link leads to
        paths = (PurePosixPath(base, name).relative_to(root).as_posix()
                 for base, _folders, names in os.walk(root / folder) for name in names)
    named = []
    for path in paths:
        placement = place(PurePosixPath(path).relative_to(catalog))
        if placement is not None and placement.kind in (Kind.PROVIDER, Kind.CREDENTIAL):
            named.append(path)
    return sorted(named)


# --- Markdown ------------------------------------------------------------------------------


def render_markdown(summary: ChangeSummary) -> str:
    """The summary for a pull request's job summary: counts, then one section per kind of change."""
    head = summary.head if summary.head == WORKING_TREE else f"`{summary.head[:12]}`"
    lines = ["## Catalog changes", "", f"Comparing `{summary.base[:12]}` with {head}.", ""]
    if summary.is_empty:
        return "\n".join([*lines, "No catalog files changed."]) + "\n"
    lines += [_counts(summary), ""]
    lines += _entry_sections(summary)
    lines += _pathway_section(summary)
    lines += _other_files_section(summary)
    lines += _problem_section(summary)
    lines += _lookalike_section(summary)
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry_sections(summary: ChangeSummary) -> list[str]:
    """Added, retired and removed entries (with what changed, if anything), then changed ones."""
    lines: list[str] = []
    sections = (("Added", summary.added), ("Retired", summary.retired), ("Removed", summary.removed), ("Withdrawn", summary.withdrawn))
    for title, entries in sections:
        if entries:
            lines += [f"### {title}", ""]
            for entry in entries:
                lines.append(f"- {_label(entry)}")
                lines += ["", *_field_table(entry, indent="  "), ""] if entry.fields else []
            lines.append("")
    if summary.changed:
        lines += ["### Changed", ""]
        for entry in summary.changed:
            lines += [f"- {_label(entry)}", "", *_field_table(entry, indent="  "), ""]
    return lines


def _pathway_section(summary: ChangeSummary) -> list[str]:
    if not summary.pathways_affected:
        return []
    lines = ["### Pathways affected", ""]
    for ref, named in sorted(summary.pathways_affected.items()):
        members = ", ".join(f"`{target}` ({verdict})" for target, verdict in named)
        lines.append(f"- `{ref}` {_plain(summary.pathway_names[ref])}: {members}")
    return [*lines, ""]


def _other_files_section(summary: ChangeSummary) -> list[str]:
    if not (summary.unreadable or summary.other_files):
        return []
    lines = ["### Other files", ""]
    lines += [f"- `{path}` (could not be read; see credcat validate)" for path in summary.unreadable]
    lines += [f"- `{path}`" for path in summary.other_files]
    return [*lines, ""]


def _problem_section(summary: ChangeSummary) -> list[str]:
    if not summary.problems:
        return []
    return ["### Problems", "", *map(_problem_line, summary.problems), ""]


def _lookalike_section(summary: ChangeSummary) -> list[str]:
    if not summary.lookalikes:
        return []
    lines = ["### Lookalike names", "", "Learners could take these for another provider or listing:", ""]
    return [*lines, *map(_problem_line, summary.lookalikes), ""]


def _problem_line(problem: Problem) -> str:
    return (f"- {problem.path}:{problem.line}:{problem.column}: {problem.severity}: {problem.field}: "
            f"{_plain(problem.message)} ({_plain(problem.hint)})")


def _counts(summary: ChangeSummary) -> str:
    parts = []
    for noun, entries in (
        ("added", summary.added),
        ("changed", summary.changed),
        ("retired", summary.retired),
        ("removed", summary.removed),
        ("withdrawn", summary.withdrawn),
    ):
        if entries:
            parts.append(f"{len(entries)} {noun}")
    affected = len(summary.pathways_affected)
    if affected:
        parts.append(f"{affected} pathway{'s' if affected != 1 else ''} affected")
    return "; ".join(parts) + "." if parts else "Only files other than listings changed."


_KIND_LABEL = {Kind.PROVIDER: "provider", Kind.CREDENTIAL: "listing", Kind.PATHWAY: "pathway", Kind.RECOGNITION: "recognition"}


def _label(entry: Entry) -> str:
    return f"{_KIND_LABEL[entry.kind]} `{entry.key}` {_plain(entry.name)}"


def _field_table(entry: Entry, indent: str) -> list[str]:
    rows = [f"{indent}| field | before | after |", f"{indent}|---|---|---|"]
    for name, old, new in entry.fields:
        rows.append(f"{indent}| `{name}` | {_code(old)} | {_code(new)} |")
    return rows


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        text = ", ".join(str(item) for item in value)
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    text = " ".join(text.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def _code(value: Any) -> str:
    """A value as a Markdown code span inside a table cell (provider text never becomes markup)."""
    if value is _MISSING:
        return "(absent)"
    text = _show(value)
    if not text:
        return "(empty)"
    return markdown_code(text)


def _plain(text: str) -> str:
    """Provider text as literal Markdown: every character that could start markup is escaped."""
    flat = " ".join(text.split())
    return "".join(f"\\{character}" if character in "\\`*_[]<>#|~&@" else character for character in flat)
