"""What the tests need beyond Python, when it is missing: one line that says what to install,
from pytest and from make, instead of a traceback per test or a wall of apt-get output."""

from __future__ import annotations

import os
import subprocess
import sys

from support import REPO

MISSING = "/nonexistent/chromium"
# make run by `make test` passes its level and flags down; this make starts afresh.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def test_pytest_without_a_browser_stops_with_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/site/test_browser.py"],
        cwd=REPO,
        env={**os.environ, "CREDCAT_CHROMIUM": MISSING},
        capture_output=True,
        text=True,
        check=False,
    )
    said = [line for line in result.stdout.splitlines() if MISSING in line]
    assert result.returncode == 4 and len(said) == 1, result.stdout + result.stderr
    assert "apt-get install chromium" in said[0] and "-m 'not browser'" in said[0]


def test_make_without_a_browser_says_what_to_install_in_one_line() -> None:
    result = subprocess.run(["make", "-s", "--no-print-directory", "browser-deps", f"CHROMIUM={MISSING}"],
                            cwd=REPO, env=ENVIRONMENT, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and result.stdout == ""
    [said, status] = result.stderr.splitlines()
    assert said.startswith(f"make: no Chromium at {MISSING} for the browser tests: install Debian's chromium") and status.startswith("make: ***")
    assert "make test CHROMIUM=/path/to/chromium" in said and "make test-quick" in said


def test_make_without_npm_says_what_to_install_in_one_line() -> None:
    # Any executable stands in for the browser; without npm on the PATH the next step stops.
    result = subprocess.run(["/usr/bin/make", "-s", "--no-print-directory", "browser-deps", f"CHROMIUM={sys.executable}", "AXE=/nonexistent/axe.js"],
                            cwd=REPO, env={**ENVIRONMENT, "PATH": "/nonexistent"}, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and result.stdout == ""
    [said, status] = result.stderr.splitlines()
    assert said == "make: the browser and editor tests need Node.js and npm (Debian: apt-get install nodejs npm), or run make test-quick"
    assert status.startswith("make: ***")
