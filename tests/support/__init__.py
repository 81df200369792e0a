"""What the tests share besides pytest fixtures: the repository's paths and the date the
checks run on; catalogs, feed schemas, git repositories and the browser live in the modules.

conftest.py files turn these into fixtures; test modules import them as `support.<module>`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
EXAMPLES = TESTS / "examples"
STANDARDS = TESTS / "standards"

# The day the tests check on: after every last_verified date of the sample catalog and the
# examples (tests/examples/invalid/verified-in-future.yml names it in its expected message).
TODAY = date(2026, 11, 28)
