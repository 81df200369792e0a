"""Listing history from git (maintain/history.py), on repositories made for each test: what
changed for learners, dated by commits, read in one pass; none, saying why, without history."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from credcat.catalog.history import EDITS_READ, FieldChange, History
from credcat.maintain import history as history_module
from credcat.maintain.history import SHALLOW, read_history
from support.catalogs import copy_base_catalog
from support.git import commit, git, new_repository

REF = "acme-academy/spreadsheet-basics"
LISTING = "catalog/providers/acme-academy/credentials/spreadsheet-basics.yml"


def edit_listing(repo: Path, change: dict[str, object], path: str = LISTING) -> None:
    """Rewrite the listing with `change` merged into its top-level fields."""
    data = yaml.safe_load((repo / path).read_text(encoding="utf-8"))
    data.update(change)
    (repo / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A catalog listed on 2026-01-10, its cost and status changed on 2026-03-01, only its
    description on 2026-04-01, and a second listing added on 2026-05-01."""
    (tmp_path / "repo").mkdir()
    repo = new_repository(tmp_path / "repo")
    copy_base_catalog(repo / "catalog")
    commit(repo, "list", day="2026-01-10")
    edit_listing(repo, {"cost": {"model": "paid", "amount": 49, "currency": "EUR"}, "status": "suspended"})
    commit(repo, "price", day="2026-03-01")
    edit_listing(repo, {"description": "Reworded, nothing a learner weighs changed.\n"})
    commit(repo, "words", day="2026-04-01")
    shutil.copyfile(repo / LISTING, repo / LISTING.replace("spreadsheet-basics", "spreadsheet-charts"))
    edit_listing(repo, {"id": "spreadsheet-charts"}, LISTING.replace("spreadsheet-basics", "spreadsheet-charts"))
    commit(repo, "second", day="2026-05-01")
    return repo


REFS = (REF, "acme-academy/spreadsheet-charts")


def test_changes_for_learners_are_dated_by_their_commits_newest_first(repo: Path) -> None:
    history = read_history(repo / "catalog", REFS)
    assert history.available and history.missing == ""
    changes = history.by_ref[REF]
    assert [(change.date, change.kind) for change in changes] == [("2026-03-01", "changed"), ("2026-01-10", "listed")]
    assert changes[0].commit == git(repo, "rev-list", "-1", "HEAD~2")
    assert changes[0].fields == (
        FieldChange("status", "Status", "Active", "Suspended"),
        FieldChange("cost.model", "Cost (model)", "Free", "Paid"),
        FieldChange("cost.amount", "Cost (amount)", "", "49"),
        FieldChange("cost.currency", "Cost (currency)", "", "EUR"),
    )
    assert [(change.ref, change.date) for change in history.latest] == [
        ("acme-academy/spreadsheet-charts", "2026-05-01"), (REF, "2026-03-01"), (REF, "2026-01-10"),
    ]
    assert history.summary() == "listing history: 4 commits, 1 changes for learners in 2 listings"


def test_history_is_read_in_one_pass_whatever_the_number_of_listings(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(30):
        copy = LISTING.replace("spreadsheet-basics", f"copy-{number}")
        shutil.copyfile(repo / LISTING, repo / copy)
        edit_listing(repo, {"id": f"copy-{number}"}, copy)
    commit(repo, "copies", day="2026-06-01")
    for number in range(30):
        edit_listing(repo, {"workload": {"hours": 20 + number}}, LISTING.replace("spreadsheet-basics", f"copy-{number}"))
    commit(repo, "hours", day="2026-07-01")
    calls: list[tuple[str, ...]] = []
    real = history_module.run_git

    def counted(root: Path, *arguments: str, **options: object) -> bytes:
        calls.append(arguments[:1])
        return real(root, *arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(history_module, "run_git", counted)
    monkeypatch.setattr("credcat.maintain.revisions.run_git", counted)
    refs = [*REFS, *(f"acme-academy/copy-{number}" for number in range(30))]
    history = read_history(repo / "catalog", refs)
    assert calls == [("rev-parse",), ("log",), ("cat-file",)]
    assert history.by_ref["acme-academy/copy-7"][0].fields == (FieldChange("workload.hours", "Workload (hours)", "12", "27"),)


def test_only_a_listings_newest_edits_are_read(repo: Path) -> None:
    for hours in range(13, 13 + EDITS_READ + 2):
        edit_listing(repo, {"workload": {"hours": hours}})
        commit(repo, f"hours {hours}", day="2026-06-01")
    changes = read_history(repo / "catalog", REFS).by_ref[REF]
    assert [change.fields[0].after for change in changes[:-1]] == [str(hours) for hours in range(12 + EDITS_READ + 2, 12 + 2, -1)]
    assert changes[-1].kind == "listed" and len(changes) == EDITS_READ + 1


def test_a_recognizer_confirming_changing_and_withdrawing_is_a_change_of_the_listing(repo: Path) -> None:
    recognition = "catalog/providers/north-uni/recognitions/spreadsheets-credit.yml"
    text = f"id: spreadsheets-credit\nas: credit\ncredential: {REF}\ntowards: BSc Business\ncredits: 5\n"
    (repo / recognition).parent.mkdir(parents=True)
    (repo / recognition).write_text(text, encoding="utf-8")
    commit(repo, "confirm", day="2026-10-01")
    (repo / recognition).write_text(text.replace("credits: 5", "credits: 10") + 'valid_until: "2028-08-31"\n', encoding="utf-8")
    commit(repo, "more credit", day="2026-10-02")
    (repo / recognition).unlink()
    commit(repo, "withdraw", day="2026-10-03")
    changes = read_history(repo / "catalog", REFS).by_ref[REF]
    label = "Recognition confirmed by north-uni"
    assert [(change.date, change.fields) for change in changes[:3]] == [
        ("2026-10-03", (FieldChange("recognitions.north-uni", label, "credit toward BSc Business, 10 credits, valid until 2028-08-31", ""),)),
        ("2026-10-02", (FieldChange("recognitions.north-uni", label, "credit toward BSc Business, 5 credits",
                                    "credit toward BSc Business, 10 credits, valid until 2028-08-31"),)),
        ("2026-10-01", (FieldChange("recognitions.north-uni", label, "", "credit toward BSc Business, 5 credits"),)),
    ]


def test_a_shallow_clone_has_no_history_and_says_so(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    history = read_history(shallow / "catalog", REFS)
    assert history == History(missing=SHALLOW)
    assert history.summary() == f"listing history left out: {SHALLOW}"
    assert "fetch-depth: 0" in SHALLOW


def test_a_folder_outside_git_has_no_history_and_says_so(tmp_path: Path) -> None:
    history = read_history(copy_base_catalog(tmp_path / "catalog"), REFS)
    assert not history.available and history.by_ref == {}
    assert history.summary().startswith("listing history left out: the catalog's history cannot be read (fatal: not a git repository")


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = new_repository(tmp_path / "repo")
    copy_base_catalog(repo / "catalog")
    assert not read_history(repo / "catalog", REFS).available


def test_an_unreadable_old_version_is_skipped_not_a_crash(repo: Path) -> None:
    (repo / LISTING).write_text("cost: [unclosed\n  &anchor *alias\n", encoding="utf-8")
    commit(repo, "broken", day="2026-08-01")
    edit_listing_text = (repo / "catalog/providers/acme-academy/credentials/spreadsheet-charts.yml").read_text(encoding="utf-8")
    (repo / LISTING).write_text(edit_listing_text.replace("spreadsheet-charts", "spreadsheet-basics"), encoding="utf-8")
    commit(repo, "fixed", day="2026-08-02")
    changes = read_history(repo / "catalog", REFS).by_ref[REF]
    assert [(change.date, change.kind) for change in changes] == [("2026-03-01", "changed"), ("2026-01-10", "listed")]


def test_provider_text_in_a_change_is_kept_as_text_and_cut(repo: Path) -> None:
    body = '</script><script>alert("qa")</script> ' + "x" * 200
    edit_listing(repo, {"quality_assurance": {"type": "accredited", "bodies": [{"name": body}]}})
    commit(repo, "qa", day="2026-09-01")
    [first] = read_history(repo / "catalog", REFS).by_ref[REF][:1]
    assert first.fields[0] == FieldChange("quality_assurance.type", "Quality assurance (type)", "Internal", "Accredited")
    assert first.fields[1].label == "Quality assurance (bodies)"
    assert first.fields[1].after.startswith('</script><script>alert("qa")</script> xxx') and first.fields[1].after.endswith("…")
    assert len(first.fields[1].after) == 120


def test_a_site_built_from_the_repository_shows_the_history(repo: Path, tmp_path: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from credcat.site.plugin import build_site
    from support import REPO

    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", catalog=repo / "catalog", site_dir=site)
    page = LexborHTMLParser((site / f"credentials/{REF}/index.html").read_text(encoding="utf-8"))
    items = [" ".join(item.text().split()) for item in page.css("#history li")]
    assert items == [
        "1 March 2026: Status: Active → Suspended; Cost (model): Free → Paid; Cost (amount): (none) → 49; "
        "Cost (currency): (none) → EUR",
        "10 January 2026: listed in the catalog",
    ]
    changes = json.loads((site / "api/v1/changes.json").read_text(encoding="utf-8"))
    assert changes["history"] == {"available": True, "missing": None}
    assert [(change["ref"], change["date"], change["kind"]) for change in changes["changes"]] == [
        ("acme-academy/spreadsheet-charts", "2026-05-01", "listed"), (REF, "2026-03-01", "changed"), (REF, "2026-01-10", "listed"),
    ]
    feed = json.loads((site / "changes.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["items"][1]["title"] == "Spreadsheet Basics: status, cost changed"
    assert feed["items"][1]["date_published"] == "2026-03-01T00:00:00Z"
    assert feed["items"][1]["content_text"].splitlines()[0] == "Status: Active → Suspended"


def test_a_site_built_without_history_leaves_the_section_out_and_says_why(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from credcat.site.plugin import build_site
    from support import REPO

    site = tmp_path / "site"
    with caplog.at_level("INFO"):
        build_site(REPO / "mkdocs.yml", catalog=copy_base_catalog(tmp_path / "catalog"), site_dir=site)
    assert any("listing history left out: the catalog's history cannot be read" in message for message in caplog.messages)
    assert 'id="history"' not in (site / f"credentials/{REF}/index.html").read_text(encoding="utf-8")
    changes = json.loads((site / "api/v1/changes.json").read_text(encoding="utf-8"))
    assert changes["count"] == 0 and changes["history"]["available"] is False
