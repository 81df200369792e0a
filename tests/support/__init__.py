"""What the tests share besides pytest fixtures: the repository's paths, catalogs to test on,
feed schemas, the hostile catalog, git repositories and the browser.

conftest.py files turn these into fixtures; test modules import them as `support.<module>`.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
EXAMPLES = TESTS / "examples"
STANDARDS = TESTS / "standards"
