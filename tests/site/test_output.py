"""A build writes into a fresh folder beside its target and swaps it in only when it passed: a
failed, killed or starved build leaves the previous site as it was, its child processes die
with it, and a read-only or full disk is one line, never a traceback."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from credcat.cli import main
from credcat.site import side_build
from support import REPO

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 24, 1, 2, 3
BUILD = ["build", "--catalog", str(REPO / "catalog"), "--config", str(REPO / "mkdocs.yml")]
# credcat's command line in a process of its own, with Pagefind replaced when $FAKE_PAGEFIND names a program.
RUN_CREDCAT = """import os, sys
from pathlib import Path
import pagefind_bin
if os.environ.get("FAKE_PAGEFIND"):
    pagefind_bin.get_executable = lambda: Path(os.environ["FAKE_PAGEFIND"])
from credcat.cli import main
sys.exit(main(sys.argv[1:]))
"""


def credcat(*arguments: str, environment: dict[str, str] | None = None,
            before: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", RUN_CREDCAT, *arguments], env={**os.environ, **(environment or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=before)


def previous_site(site: Path) -> None:
    """What stands for the last good site: a page and a file no build writes."""
    site.mkdir(parents=True)
    (site / "index.html").write_text("the last good site", encoding="utf-8")


def left_as_it_was(site: Path) -> bool:
    return [path.name for path in site.iterdir()] == ["index.html"] and (site / "index.html").read_text() == "the last good site"


def no_work_folders(parent: Path) -> bool:
    return not [path.name for path in parent.iterdir() if path.name.startswith(".site.")]


@pytest.mark.slow
def test_a_build_replaces_the_site_only_when_it_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    previous_site(site)

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(side_build, "stabilize", full_disk)  # the side build fails after MkDocs wrote its pages
        assert main([*BUILD, "--site-dir", str(site)]) == 1
    assert "writing the site: [Errno 28] No space left on device" in capsys.readouterr().err
    assert left_as_it_was(site) and no_work_folders(tmp_path)

    assert main([*BUILD, "--site-dir", str(site)]) == 0
    assert (site / "credentials" / "northbridge-university" / "python-for-data-analysis" / "index.html").is_file()
    assert "the last good site" not in (site / "index.html").read_text(encoding="utf-8")
    assert no_work_folders(tmp_path)
    assert oct(site.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def test_a_site_folder_behind_a_link_is_replaced_where_the_link_points(tmp_path: Path) -> None:
    """site -> /var/www/catalog: the new site goes where the link points, and the link stays."""
    from credcat.site.output import fresh_output

    served = tmp_path / "www" / "catalog"
    previous_site(served)
    (tmp_path / "site").symlink_to(served)
    with fresh_output(tmp_path / "site") as folder:
        (folder / "index.html").write_text("the new site", encoding="utf-8")
    assert (tmp_path / "site").is_symlink() and (tmp_path / "site" / "index.html").read_text() == "the new site"
    assert sorted(path.name for path in (tmp_path / "www").iterdir()) == ["catalog"]


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    found: set[int] = set()
    waiting = [pid]
    while waiting:
        for task in Path(f"/proc/{waiting.pop()}/task").glob("*"):
            try:
                children = {int(child) for child in (task / "children").read_text().split()}
            except OSError:
                continue
            waiting.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_the_previous_site_and_no_process_behind(tmp_path: Path, signal_number: int) -> None:
    site = tmp_path / "site"
    previous_site(site)
    started = tmp_path / "pagefind-started"
    fake = tmp_path / "fake-pagefind"
    fake.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 600\n", encoding="utf-8")  # a Pagefind that stalls
    fake.chmod(0o755)
    build = credcat(*BUILD, "--site-dir", str(site), environment={"FAKE_PAGEFIND": str(fake)})
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
    assert started.exists(), build.communicate()
    children = descendants(build.pid)
    assert int(started.read_text()) in children and len(children) >= 2  # the side build and Pagefind
    build.send_signal(signal_number)
    build.communicate()
    deadline = time.monotonic() + 10
    while any(alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [child for child in children if alive(child)] == []
    assert left_as_it_was(site)
    assert not no_work_folders(tmp_path)  # the killed build's folder, which the next build removes
    assert main([*BUILD, "--site-dir", str(site)]) == 0
    assert no_work_folders(tmp_path) and not left_as_it_was(site)


def without_override() -> None:
    """Root writes anywhere: drop its capabilities to override permissions (from the bounding
    set, so that they are gone once Python is executed), so that a read-only folder is read-only."""
    if os.geteuid() == 0:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
            if prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                os._exit(99)


def test_a_read_only_output_folder_is_one_line(tmp_path: Path) -> None:
    output = tmp_path / "public"
    previous_site(output / "site")
    for folder in (output / "site", output):
        folder.chmod(0o555)
    try:
        build = credcat(*BUILD, "--site-dir", str(output / "site"), before=without_override)
        stdout, stderr = build.communicate(timeout=120)
    finally:
        for folder in (output, output / "site"):
            folder.chmod(0o755)
    assert (build.returncode, stdout) == (1, "")
    assert stderr == (f"credcat: error: cannot write the site to {output / 'site'}: Permission denied; "
                      "the previous site is left as it was\n")
    assert left_as_it_was(output / "site")


def file_size_limit() -> None:
    """Writes past 20 kB fail (EFBIG) as they would on a full disk, instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.slow
def test_a_full_output_folder_fails_without_a_traceback(tmp_path: Path) -> None:
    site = tmp_path / "site"
    previous_site(site)
    build = credcat(*BUILD, "--site-dir", str(site), before=file_size_limit)
    _stdout, stderr = build.communicate(timeout=300)
    assert build.returncode == 1
    assert "Traceback" not in stderr
    assert "File too large" in stderr
    assert stderr.splitlines()[-1].startswith("credcat: error: ")
    assert left_as_it_was(site) and no_work_folders(tmp_path)
