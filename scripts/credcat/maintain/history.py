"""Read each listing's history for learners from git, in one pass over the catalog.

One `git log` lists every commit that added or changed a listing file (following the first
parent, so a merged pull request counts once, on the day it landed); one `git cat-file
--batch` reads the two versions of each of a listing's newest changes (EDITS_READ); a file
that never changed is never parsed.
Fields are compared as `credcat diff` compares them, and only learners' fields are kept
(catalog/history.py). Without history (no git, not a repository, a shallow clone) the result
says why and holds nothing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

from credcat.catalog.history import EDITS_READ, LATEST_COUNT, LEARNER_FIELDS, FieldChange, History, ListingChange
from credcat.catalog.labels import label, number_text
from credcat.check.load import LoadError, parse
from credcat.maintain.diff import field_changes
from credcat.maintain.revisions import GitError, read_objects, run_git

LISTING_FILES = ":(glob)providers/*/credentials/*.yml"
RECOGNITION_FILES = ":(glob)providers/*/recognitions/*.yml"
_LISTING_PATH = re.compile(r"^providers/([^/]+)/credentials/([^/]+)\.yml$")
_RECOGNITION_PATH = re.compile(r"^providers/([^/]+)/recognitions/[^/]+\.yml$")
_NO_BLOB = "0" * 40
# Fields whose values are enum values with a label (catalog/labels.py vocabularies).
_LABELLED = {"status": "status", "cost.model": "cost_model", "level.audience": "audience", "quality_assurance.type": "quality_assurance"}
VALUE_WIDTH = 120
SHALLOW = "the repository is a shallow clone, so its history is cut short (fetch it whole: actions/checkout with fetch-depth: 0)"


def ever_committed(catalog_root: Path, refs: Collection[str]) -> bool:
    """Whether the repository's history holds a listing file of any of `refs` (whose history
    `read_history` would then read): False for new files, and without git or history."""
    if not refs:
        return False
    paths = [f"providers/{ref.replace('/', '/credentials/', 1)}.yml" for ref in sorted(refs)]
    try:
        return bool(run_git(catalog_root, "log", "-1", "--format=%H", "--", *paths).strip())
    except (FileNotFoundError, GitError):
        return False


def read_history(catalog_root: Path, refs: Collection[str]) -> History:
    """The history of the listings `refs` from the repository that holds `catalog_root`."""
    try:
        if run_git(catalog_root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            return History(missing=SHALLOW)
        log = run_git(
            catalog_root, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw", "--no-abbrev",
            "-z", "--relative", "--format=%x01%H %cs", "--diff-filter=AMD", "--", LISTING_FILES, RECOGNITION_FILES,
        )
    except FileNotFoundError:
        return History(missing="git is not installed")
    except GitError as error:
        return History(missing=f"the catalog's history cannot be read ({error})")
    commits, entries = _entries(log, refs)
    blobs = read_objects(catalog_root, [blob for entry in entries if entry[2] != "listed" for blob in entry[3:5] if blob != _NO_BLOB])
    documents: dict[str, dict[str, Any] | None] = {}
    by_ref: dict[str, list[ListingChange]] = defaultdict(list)
    latest: list[ListingChange] = []
    for commit, date, kind, old, new, ref in entries:
        if kind == "listed":
            change = ListingChange(ref, date, commit, "listed")
        elif kind == "recognition":
            found = _recognition_change(_document(documents, blobs, old), _document(documents, blobs, new), ref, refs)
            if found is None:
                continue
            ref, field = found
            change = ListingChange(ref, date, commit, "changed", (field,))
        else:
            fields = _learner_changes(_document(documents, blobs, old), _document(documents, blobs, new))
            if not fields:
                continue
            change = ListingChange(ref, date, commit, "changed", fields)
        by_ref[ref].append(change)
        latest.append(change)
    return History({ref: tuple(changes) for ref, changes in by_ref.items()}, tuple(latest[:LATEST_COUNT]), commits=commits)


Entry = tuple[str, str, Literal["listed", "changed", "recognition"], str, str, str]


def _entries(log: bytes, refs: Collection[str]) -> tuple[int, list[Entry]]:
    """(commit, date, kind, old blob, new blob, ref) for each listing file each commit added, and
    for its EDITS_READ newest changes, and (kind `recognition`, the recognizer's id for ref)
    for each recognition file added, changed or removed; newest commit first and by ref
    within one; how many commits there were."""
    entries: list[Entry] = []
    edits: dict[str, int] = defaultdict(int)
    chunks = log.decode("utf-8", errors="replace").split("\x01")[1:]
    for chunk in chunks:
        header, _, raw = chunk.partition("\0")
        commit, _, date = header.partition(" ")
        fields = raw.lstrip("\n").split("\0")
        found: list[Entry] = []
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.split()
            if len(parts) == 5 and (recognizer := _RECOGNITION_PATH.match(path)):
                found.append((commit, date, "recognition", parts[2], parts[3], recognizer[1]))
                continue
            matched = _LISTING_PATH.match(path)
            if len(parts) != 5 or parts[4] == "D" or not matched or f"{matched[1]}/{matched[2]}" not in refs:
                continue
            ref = f"{matched[1]}/{matched[2]}"
            kind: Literal["listed", "changed"] = "listed" if parts[4] == "A" else "changed"
            if kind == "changed":
                edits[ref] += 1
                if edits[ref] > EDITS_READ:
                    continue
            found.append((commit, date, kind, parts[2], parts[3], ref))
        entries += sorted(found, key=lambda entry: entry[5])
    return len(chunks), entries


def _document(documents: dict[str, dict[str, Any] | None], blobs: dict[str, str], blob: str) -> dict[str, Any] | None:
    """One version of a listing as data, parsed once; None when it cannot be read."""
    if blob not in documents:
        try:
            data = parse(blobs[blob]) if blob in blobs else None
        except LoadError:
            data = None
        documents[blob] = data if isinstance(data, dict) else None
    return documents[blob]


def _recognition_change(
    before: dict[str, Any] | None, after: dict[str, Any] | None, recognizer: str, refs: Collection[str]
) -> tuple[str, FieldChange] | None:
    """A recognizer confirming, changing or withdrawing a listing's recognition, as a change to
    that listing; None when the file names no listing of the catalog or nothing shown changed."""
    named = [data.get("credential") for data in (after, before) if data is not None]
    ref = next((value for value in named if isinstance(value, str) and value in refs), None)
    if ref is None:
        return None
    texts = [_recognition_text(data) if data is not None and data.get("credential") == ref else "" for data in (before, after)]
    if texts[0] == texts[1]:
        return None
    return ref, FieldChange(f"recognitions.{recognizer}", f"Recognition confirmed by {recognizer}", texts[0], texts[1])


def _recognition_text(data: dict[str, Any]) -> str:
    """What a recognition confirms, in words: `credit toward MSc Data Science, 5 credits, valid until 2028-08-31`."""
    parts = [" ".join(str(part) for part in (data.get("as"), "toward", data.get("towards")) if part is not None)]
    if isinstance(data.get("credits"), (int, float)) and not isinstance(data.get("credits"), bool):
        parts.append(f"{number_text(data['credits'])} credits")
    if data.get("valid_until") is not None:
        parts.append(f"valid until {data['valid_until']}")
    return _text("", ", ".join(parts))


def _learner_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[FieldChange, ...]:
    """The learners' fields that differ between two versions, in LEARNER_FIELDS order; none when either is unreadable."""
    if before is None or after is None:
        return ()
    changes = []
    for top, name in LEARNER_FIELDS.items():
        old_value, new_value = before.get(top), after.get(top)
        if isinstance(old_value, dict) or isinstance(new_value, dict):  # a group added or dropped: compare its fields
            old_value, new_value = old_value or {}, new_value or {}
        for path, old, new in field_changes(old_value, new_value, (top,)):
            rest = path.removeprefix(top).lstrip(".").replace("_", " ")
            change = FieldChange(path, f"{name} ({rest})" if rest else name, _text(path, old), _text(path, new))
            if change.before != change.after:  # a change learners cannot see (a field they are not shown) is left out
                changes.append(change)
    return tuple(changes)


def _item_name(item: dict[str, Any]) -> str:
    """A list item as text: its name (or credential, body, kind) with its amount or credits."""
    name = next((item[key] for key in ("name", "credential", "body", "kind") if isinstance(item.get(key), str)), "")
    number = next((item[key] for key in ("amount", "credits") if isinstance(item.get(key), (int, float))), None)
    if not name or number is None or isinstance(number, bool):
        return str(name)
    return f"{name} ({number_text(number)}{' credits' if 'credits' in item else ''})"


def _text(path: str, value: Any) -> str:
    """A value as a learner reads it: enum labels, plain numbers, lists joined; "" when absent."""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, str):
        text = label(_LABELLED[path], value) if path in _LABELLED else value
    elif isinstance(value, (int, float)):
        text = number_text(value)
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        text = ", ".join(value)
    elif isinstance(value, list) and all(isinstance(item, dict) and _item_name(item) for item in value):
        text = "; ".join(_item_name(item) for item in value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = ""  # absent on this side
    text = " ".join(text.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"
