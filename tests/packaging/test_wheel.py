"""The wheel works alone: built from this checkout and installed into a fresh virtual
environment outside the repository, it starts a catalog repository with `credcat init`,
validates it and builds its site, with its package data and its dependencies only.

Offline: the wheel is installed with --no-deps, and a path line in the fresh environment
names this environment's site-packages for the dependencies. A path line runs none of the
.pth files there, so the checkout's editable credcat stays out of reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support import REPO

pytestmark = pytest.mark.slow
SAMPLE_PROVIDER = "northbridge-university"
# The quality body that accredits Northbridge and confirms its route: its claims name it, so it comes along.
SAMPLE_RECOGNIZER = "northern-quality-board"


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command to success; its output (both streams) is the failure message otherwise."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}{result.stderr}"
    return result.stdout


def build_wheel(tmp_path: Path) -> Path:
    """The wheel of a copy of the checkout: linked package data (theme/, schema/, ...) becomes
    files, and setuptools' build/ folder, which keeps files deleted since, stays out of the checkout."""
    source = tmp_path / "source"
    shutil.copytree(REPO / "scripts" / "credcat", source / "scripts" / "credcat", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(REPO / name, source / name)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", dist, source], cwd=tmp_path)
    [wheel] = dist.glob("credcat-*.whl")
    return wheel


def fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    """A virtual environment with the wheel installed and this environment's packages on its path."""
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel], cwd=tmp_path)
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp_path).strip())
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site_packages / "dependencies-of-the-test.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")
    return venv


def test_the_wheel_starts_validates_and_builds_a_catalog_repository(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    venv = fresh_environment(tmp_path, wheel)
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    work = tmp_path / "work"
    work.mkdir()

    where = run([venv / "bin" / "python", "-c", "import credcat, credcat.resources as r; print(credcat.__file__); print(r.THEME_DIR)"],
                cwd=work, env=environment).split()
    assert all(Path(path).is_relative_to(venv) for path in where), where

    credcat = venv / "bin" / "credcat"
    run([credcat, "init", "acme-catalog", "--name", "Acme skills", "--site-url", "https://acme.github.io/skills/",
         "--repo-url", "https://github.com/acme/skills", "--maintainer", "octocat"], cwd=work, env=environment)
    repository = work / "acme-catalog"
    version = wheel.name.split("-")[1]
    assert f"credcat=={version}\n" in (repository / "requirements.txt").read_text(encoding="utf-8")
    assert not (repository / "theme").exists()

    assert run([credcat, "validate"], cwd=repository, env=environment).endswith(" files checked, no problems\n")
    run([credcat, "build", "--strict", "--site-dir", "site"], cwd=repository, env=environment)
    site = repository / "site"
    assert "Acme skills" in (site / "index.html").read_text(encoding="utf-8")
    assert 'id="cc-search"' in (site / "search" / "index.html").read_text(encoding="utf-8")
    index = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    assert index["counts"]["credentials"] == 0

    # The same repository with listings in it: listing pages, search records and feeds.
    for provider in (SAMPLE_PROVIDER, SAMPLE_RECOGNIZER):
        shutil.copytree(REPO / "catalog" / "providers" / provider, repository / "catalog" / "providers" / provider)
    run([credcat, "build", "--strict", "--site-dir", "site"], cwd=repository, env=environment)
    listings = sorted((repository / "catalog" / "providers" / SAMPLE_PROVIDER / "credentials").glob("*.yml"))
    for listing in listings:
        assert (site / "credentials" / SAMPLE_PROVIDER / listing.stem / "index.html").is_file()
        assert (site / "api" / "v1" / "credentials" / SAMPLE_PROVIDER / f"{listing.stem}.json").is_file()
    assert json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))["counts"]["credentials"] == len(listings)
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "assets" / "catalog.css").is_file()
