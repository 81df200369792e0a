"""credcat init: a new catalog repository that validates, names only pages it has, pins this
credcat and our workflows, and an empty folder only (the wheel test builds its site)."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from credcat.cli import main
from credcat.resources import SCHEMA_DIR, TAXONOMY_DIR
from support import REPO

WRITTEN = {
    ".github/CODEOWNERS",
    ".github/workflows/deploy.yml",
    ".github/workflows/validate.yml",
    ".gitignore",
    "MAINTAINERS.yml",
    "Makefile",
    "README.md",
    "catalog/providers/.gitkeep",
    "catalog/taxonomy/industries.yml",
    "catalog/taxonomy/occupations.yml",
    "catalog/taxonomy/subjects.yml",
    "docs/api.md",
    "docs/contributing.md",
    "docs/index.md",
    "docs/use-on-your-site.md",
    "mkdocs.yml",
    "requirements.txt",
    "schema/credential.schema.json",
    "schema/exchange-rates.schema.json",
    "schema/occupations.schema.json",
    "schema/pathway.schema.json",
    "schema/provider.schema.json",
    "schema/recognition.schema.json",
    "schema/taxonomy.schema.json",
}


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """`credcat init` with every option, run in a fresh working directory."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "skills", "--name", "Acme: skills", "--site-url", "https://acme.github.io/skills",
                 "--repo-url", "https://github.com/acme/skills", "--maintainer", "octocat", "--maintainer", "hubot"]) == 0
    assert capsys.readouterr().out == "wrote 24 files in skills\nnext: cd skills && make install serve\n"
    return tmp_path / "skills"


def nav_pages(nav: list) -> list[str]:
    """The Markdown files a MkDocs nav names, in order."""
    pages = []
    for entry in nav:
        for value in entry.values():
            pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_init_writes_a_repository_whose_catalog_validates(started: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert {path.relative_to(started).as_posix() for path in started.rglob("*") if path.is_file()} == WRITTEN
    assert main(["validate", "--catalog", str(started / "catalog")]) == 0
    assert capsys.readouterr().out == "3 files checked, no problems\n"
    for taxonomy in TAXONOMY_DIR.glob("*.yml"):
        assert (started / "catalog" / "taxonomy" / taxonomy.name).read_bytes() == taxonomy.read_bytes()
    for schema in SCHEMA_DIR.glob("*.schema.json"):
        assert (started / "schema" / schema.name).read_bytes() == schema.read_bytes()


def test_the_site_configuration_names_the_site_and_the_pages_of_ours(started: Path) -> None:
    config = yaml.safe_load((started / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["site_name"], config["site_url"], config["repo_url"], config["repo_name"]) == (
        "Acme: skills", "https://acme.github.io/skills/", "https://github.com/acme/skills", "acme/skills")
    assert config["plugins"] == ["credcat"] and "custom_dir" not in config["theme"]
    assert config["nav"] == ours["nav"]
    written = [page for page in nav_pages(config["nav"]) if (started / "docs" / page).is_file()]
    assert written == [page for page in nav_pages(ours["nav"]) if (REPO / "docs" / page).is_file()]


def test_the_guide_pages_point_at_the_new_site(started: Path) -> None:
    embedding = (started / "docs" / "use-on-your-site.md").read_text(encoding="utf-8")
    assert "https://acme.github.io/skills/embed.js" in embedding
    assert "credcat.github.io" not in "".join(page.read_text(encoding="utf-8") for page in (started / "docs").glob("*.md"))
    assert (started / "docs" / "index.md").read_text(encoding="utf-8").count("# Acme: skills\n") == 1


def test_init_pins_this_credcat_and_our_workflows(started: Path) -> None:
    assert f"\ncredcat=={version('credcat')}\n" in (started / "requirements.txt").read_text(encoding="utf-8")
    for workflow in ("validate.yml", "deploy.yml"):
        assert (started / ".github" / "workflows" / workflow).read_bytes() == (REPO / ".github" / "workflows" / workflow).read_bytes()


def test_owners_and_codeowners_agree_from_the_start(started: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert yaml.safe_load((started / "MAINTAINERS.yml").read_text(encoding="utf-8")) == {"maintainers": ["octocat", "hubot"]}
    assert main(["owners", "--catalog", str(started / "catalog"), "--codeowners", "--check"]) == 0
    assert "* @octocat @hubot\n" in (started / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_every_make_target_the_readme_names_exists(started: Path) -> None:
    makefile = (started / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))
    named = {target for line in re.findall(r"`make ([a-z -]+)`", (started / "README.md").read_text(encoding="utf-8"))
             for target in line.split()}
    assert named and named <= targets


def test_without_addresses_the_configuration_says_what_to_set(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "plain")]) == 0
    config_text = (tmp_path / "plain" / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(config_text)
    assert config["site_name"] == "Credential catalog" and "site_url" not in config and "repo_url" not in config
    assert "# site_url: https://<owner>.github.io/<repository>/" in config_text
    assert yaml.safe_load((tmp_path / "plain" / "MAINTAINERS.yml").read_text(encoding="utf-8")) == {"maintainers": []}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["taken"], "taken is not empty; give a new or empty folder"),
        (["taken/README.md"], "taken/README.md is a file; give a new or empty folder"),
        (["new", "--site-url", "http://acme.example/"], "--site-url must be an https address, not http://acme.example/"),
        (["new", "--maintainer", "not a username"], "not a GitHub username: not a username"),
    ],
)
def test_init_refuses_with_one_line_and_writes_nothing(
    arguments: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "README.md").write_text("ours\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_status:
        main(["init", *arguments])
    assert exit_status.value.code == 2
    assert capsys.readouterr().err == f"credcat: error: {message}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["taken"]
    assert [path.name for path in (tmp_path / "taken").iterdir()] == ["README.md"]
