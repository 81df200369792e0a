"""`credcat init DIR`: a new catalog repository that builds with the installed credcat alone.

It writes the site configuration, the taxonomies and an empty providers/ folder, the guide
pages the nav names, MAINTAINERS.yml with its CODEOWNERS, a requirements file pinning this
credcat, and the pull-request and deploy workflows, so another organisation starts its own
catalog with `credcat init` and `make serve`. The files come from `starter/` and from the
package data the site itself uses (taxonomies, schemas, docs).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from string import Template

from credcat.errors import CredcatError
from credcat.maintain import owners
from credcat.maintain.revisions import WorkingTree
from credcat.resources import DOCS_DIR, SCHEMA_DIR, STARTER_DIR, TAXONOMY_DIR

DEFAULT_NAME = "Credential catalog"
# The published address of credcat's own catalog, which its guide pages use in examples.
UPSTREAM_SITE_URL = "https://credcat.github.io/credcat/"
PLACEHOLDER_SITE_URL = "https://catalog.example.org/"
COPIED_DOCS = ("api.md", "contributing.md", "use-on-your-site.md")
WORKFLOWS = ("validate.yml", "deploy.yml")


class InitError(CredcatError):
    """The folder cannot take a new catalog repository, or an option is invalid."""


@dataclass(frozen=True)
class Settings:
    """What the new repository is called and where it will live."""

    name: str = DEFAULT_NAME
    site_url: str | None = None
    repo_url: str | None = None
    maintainers: tuple[str, ...] = ()


def init_repository(folder: Path, settings: Settings) -> list[Path]:
    """Write a new catalog repository into `folder` (new or empty); the files written, sorted."""
    _check(folder, settings)
    folder.mkdir(parents=True, exist_ok=True)
    credcat_version = version("credcat")
    site_url = _site_url(settings) or PLACEHOLDER_SITE_URL
    values = {
        "name": settings.name,
        "version": credcat_version,
        "addresses": _addresses(settings),
        "maintainers": "".join(f"\n  - {name}" for name in settings.maintainers) or " []",
    }
    _write_template("mkdocs.yml", folder / "mkdocs.yml", {**values, "name": json.dumps(settings.name)})
    for name in ("README.md", "requirements.txt", "MAINTAINERS.yml"):
        _write_template(name, folder / name, values)
    _write_template("docs/index.md", folder / "docs" / "index.md", values)
    shutil.copyfile(STARTER_DIR / "Makefile", folder / "Makefile")
    shutil.copyfile(STARTER_DIR / "gitignore", folder / ".gitignore")
    for page in COPIED_DOCS:
        text = (DOCS_DIR / page).read_text(encoding="utf-8").replace(UPSTREAM_SITE_URL, site_url)
        (folder / "docs" / page).write_text(text, encoding="utf-8")
    (folder / "catalog" / "taxonomy").mkdir(parents=True)
    for taxonomy in sorted(TAXONOMY_DIR.glob("*.yml")):
        shutil.copyfile(taxonomy, folder / "catalog" / "taxonomy" / taxonomy.name)
    (folder / "catalog" / "providers").mkdir()
    (folder / "catalog" / "providers" / ".gitkeep").touch()
    (folder / "schema").mkdir()
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, folder / "schema" / schema.name)
    (folder / ".github" / "workflows").mkdir(parents=True)
    for workflow in WORKFLOWS:
        shutil.copyfile(STARTER_DIR / "workflows" / workflow, folder / ".github" / "workflows" / workflow)
    codeowners = owners.generate_codeowners(WorkingTree(folder), "catalog")
    (folder / owners.CODEOWNERS_FILE).write_text(codeowners, encoding="utf-8")
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _check(folder: Path, settings: Settings) -> None:
    """Refuse a folder with anything in it, and options that would write a broken file."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file; give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitError(f"{folder} is not empty; give a new or empty folder")
    for option, url in (("--site-url", settings.site_url), ("--repo-url", settings.repo_url)):
        if url is not None and not url.startswith("https://"):
            raise InitError(f"{option} must be an https address, not {url}")
    for name in settings.maintainers:
        if not owners.USERNAME.match(name):
            raise InitError(f"not a GitHub username: {name}")
    if not settings.name.strip():
        raise InitError("--name must not be empty")


def _addresses(settings: Settings) -> str:
    """The mkdocs.yml lines that say where the site and its repository live."""
    lines = []
    if site_url := _site_url(settings):
        lines.append(f"site_url: {json.dumps(site_url)}")
    else:
        lines.append("# site_url: https://<owner>.github.io/<repository>/  (set it before publishing)")
    if settings.repo_url:
        repo_url = settings.repo_url.rstrip("/")
        lines += [f"repo_url: {json.dumps(repo_url)}", f"repo_name: {json.dumps(repo_url.split('/', 3)[-1])}",
                  "edit_uri: edit/main/docs/"]
    return "\n".join(lines)


def _site_url(settings: Settings) -> str | None:
    """The site's address with the one trailing slash MkDocs and the feeds expect."""
    return settings.site_url.rstrip("/") + "/" if settings.site_url else None


def _write_template(name: str, target: Path, values: dict[str, str]) -> None:
    """A starter file with its `$placeholders` filled in."""
    text = Template((STARTER_DIR / name).read_text(encoding="utf-8")).substitute(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
