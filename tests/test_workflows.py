"""The GitHub workflows (ours and those `credcat init` writes) and the pre-commit hook: linted clean,
schema-valid, pinned, least privilege."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from credcat.cli import main
from support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
TOOLS = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_the_provider_workflows_exist() -> None:
    assert {"deploy.yml", "links.yml", "validate.yml"} <= {path.name for path in WORKFLOWS}


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(TOOLS / "zizmor"), "--offline", "--no-progress", str(REPO / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_githubs_schema(workflow: Path) -> None:
    result = subprocess.run(
        [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_credcat_init_writes_lint_clean_too(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "started")]) == 0
    workflows = tmp_path / "started" / ".github" / "workflows"
    linted = subprocess.run([str(TOOLS / "zizmor"), "--offline", "--no-progress", str(workflows)], capture_output=True, text=True, check=False)
    assert linted.returncode == 0 and "No findings to report" in linted.stdout, linted.stdout + linted.stderr
    checked = subprocess.run(
        [str(TOOLS / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, sorted(workflows.glob("*.yml")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    uses = [line.split("uses:", 1)[1].strip() for line in workflow.read_text().splitlines() if "uses:" in line]
    assert uses
    assert [entry for entry in uses if not PINNED.match(entry)] == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_checkouts_keep_no_credentials(workflow: Path) -> None:
    for job in load(workflow)["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_run_with_a_read_only_token() -> None:
    workflow = load(REPO / ".github" / "workflows" / "validate.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_write_tokens_are_only_in_jobs_that_run_no_repository_code() -> None:
    for name in ("deploy.yml", "links.yml"):
        workflow = load(REPO / ".github" / "workflows" / name)
        assert workflow["permissions"] == {}
        for job in workflow["jobs"].values():
            writes = [scope for scope, level in job["permissions"].items() if level == "write"]
            if writes:
                steps = job["steps"]
                assert not any(step.get("uses", "").startswith("actions/checkout@") for step in steps), name
                assert not any("credcat" in step.get("run", "") or "make " in step.get("run", "") for step in steps)


def test_pre_commit_hook_runs_the_validator_on_catalog_files(tmp_path: Path) -> None:
    [hook] = load(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "credcat-validate"
    assert (hook["entry"], hook["language"], hook["files"], hook["pass_filenames"]) == (
        "credcat validate --strict --schema-dir schema",
        "python",
        "^catalog/",
        "true",
    )
    listing = "catalog/providers/northbridge-university/credentials/python-for-data-analysis.yml"
    assert re.search(hook["files"], listing)
    # pre-commit installs credcat as a package, away from this repository's schema/ folder
    # (the package carries a copy; the hook checks against the schemas being committed):
    # run a copy of the package from elsewhere, as the hook's entry and pre-commit's file list.
    shutil.copytree(REPO / "scripts" / "credcat", tmp_path / "credcat")
    command = [sys.executable, "-c", "import sys; from credcat.cli import main; sys.exit(main(sys.argv[1:]))"]
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [*command, *hook["entry"].split()[1:], listing],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    packaged = subprocess.run(
        [*command, "validate", listing], cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )
    assert packaged.returncode == 0 and packaged.stdout.endswith(" files checked, no problems\n"), "packaged schemas"


def test_one_verdict_everywhere_warnings_fail_ci_the_hook_and_make_validate() -> None:
    """What CI rejects, the pre-commit hook and `make validate` reject: all validate with --strict, and CI builds with it."""
    steps = load(REPO / ".github" / "workflows" / "validate.yml")["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "../tool/.venv/bin/credcat validate --strict --format github" in runs
    assert "../tool/.venv/bin/credcat build --strict --config ../tool/mkdocs.yml --catalog catalog --site-dir ../site" in runs
    [hook] = load(REPO / ".pre-commit-hooks.yaml")
    assert hook["entry"].startswith("credcat validate --strict ")
    for makefile in (REPO / "Makefile", REPO / "scripts" / "credcat" / "maintain" / "starter" / "Makefile"):
        recipe = re.search(r"^validate:.*\n\t(.*)$", makefile.read_text(encoding="utf-8"), re.MULTILINE)
        assert recipe is not None and recipe.group(1) == "$(CREDCAT) validate --strict", makefile


VALIDATE_STEPS = load(REPO / ".github" / "workflows" / "validate.yml")["jobs"]["validate"]["steps"]


def test_the_site_is_built_from_the_whole_history() -> None:
    """A shallow clone would leave the listing history out of the published site."""
    steps = load(REPO / ".github/workflows/deploy.yml")["jobs"]["build"]["steps"]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert [step["with"].get("fetch-depth") for step in checkouts] == ["0"]


def test_pull_requests_are_judged_by_the_base_revisions_tool_never_their_own() -> None:
    """The pull request is checked out in pull-request/, the base revision in tool/; credcat is
    installed from tool/ and every step that runs it runs that copy, in the pull request's folder."""
    checkouts = {step["with"]["path"]: step["with"] for step in VALIDATE_STEPS if step.get("uses", "").startswith("actions/checkout@")}
    assert set(checkouts) == {"pull-request", "tool"}
    assert checkouts["tool"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert "ref" not in checkouts["pull-request"] and checkouts["pull-request"]["fetch-depth"] == "0"
    runs = [step for step in VALIDATE_STEPS if "run" in step]
    assert [step["run"] for step in runs if "make" in step["run"]] == ["make -C tool install"]
    tool_steps = [step for step in runs if "credcat" in step["run"]]
    assert len(tool_steps) == 5
    for step in tool_steps:
        assert step["working-directory"] == "pull-request", step["name"]
        assert re.findall(r"(?:\S*/)?credcat\b", step["run"]) == ["../tool/.venv/bin/credcat"], step["run"]
    [build] = [step["run"] for step in tool_steps if " build " in step["run"]]
    assert "--config ../tool/mkdocs.yml" in build  # the base's site configuration and theme, never the pull request's


def test_the_validate_steps_run_as_written_on_a_pull_request(tmp_path: Path) -> None:
    """Validate, owners, CODEOWNERS and the summary, run as GitHub runs them: the pull request's
    checkout in pull-request/ judged by the credcat in tool/.venv (here, this one)."""
    from credcat.maintain.owners import generate_codeowners
    from credcat.maintain.revisions import WorkingTree
    from support.git import commit, git, new_repository, write

    workspace = tmp_path / "workspace"
    (workspace / "pull-request").mkdir(parents=True)
    pull_request = new_repository(workspace / "pull-request")
    shutil.copytree(REPO / "catalog", pull_request / "catalog")
    shutil.copy(REPO / "MAINTAINERS.yml", pull_request / "MAINTAINERS.yml")
    write(pull_request, ".github/CODEOWNERS", generate_codeowners(WorkingTree(pull_request)))
    commit(pull_request, "catalog")
    base = git(pull_request, "rev-parse", "HEAD")
    git(pull_request, "checkout", "-q", "-b", "change")
    listing = "catalog/providers/northbridge-university/credentials/python-for-data-analysis.yml"
    text = (pull_request / listing).read_text(encoding="utf-8")
    write(pull_request, listing, text.replace("\nname: ", "\nname: Renamed ", 1))
    write(pull_request, "scripts/credcat/maintain/owners.py", "def check_changes(*arguments): return []\n")
    commit(pull_request, "rename, and let everyone in")
    (workspace / "tool" / ".venv" / "bin").mkdir(parents=True)
    (workspace / "tool" / ".venv" / "bin" / "credcat").symlink_to(TOOLS / "credcat")
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "AUTHOR": "someone-new", "BASE_SHA": base, "GITHUB_STEP_SUMMARY": str(summary)}
    outcomes = {}
    for step in VALIDATE_STEPS:
        if "credcat" in step.get("run", "") and " build " not in step["run"]:
            result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace / step["working-directory"],
                                    env=environment, capture_output=True, text=True, check=False)
            outcomes[step["name"]] = (result.returncode, result.stdout)
    validated, owned, codeowners, summarized = outcomes.values()
    assert validated[0] == 0, validated
    assert owned[0] == 1
    assert "::error file=scripts/credcat/maintain/owners.py,line=1" in owned[1]
    assert "part of the tool that checks pull requests" in owned[1]
    assert codeowners[0] == 0, codeowners
    assert summarized[0] == 0 and "Renamed" in summary.read_text(encoding="utf-8")


def run_link_step(tmp_path: Path, job: str, step_name: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One `run:` step of links.yml under bash -e (as GitHub runs it), in `tmp_path`, with the given environment."""
    [step] = [step for step in load(REPO / ".github" / "workflows" / "links.yml")["jobs"][job]["steps"] if step.get("name") == step_name]
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env={**os.environ, **environment},
                          capture_output=True, text=True, check=False)


def fake_command(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/bash\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


CHECK_JOB = ("check", "Check links and stale listings")
REPORT_JOB = ("report", "Open, update or close the issue")
WHOLE_REPORT = """printf '## Link check\\n\\n3 distinct addresses checked.\\n'
printf '[{"rule": "link"}, {"rule": "stale"}]' > link-report.json
exit 1"""


@pytest.mark.parametrize(
    "credcat",
    [
        "echo 'Traceback (most recent call last):' >&2; exit 1",
        "printf '[]' > link-report.json; exit 1",
        "printf '## Link check\\n' ; printf '[{\"rule\": \"li' > link-report.json; exit 1",
        "printf '## Link check\\n' ; printf '{}' > link-report.json; exit 0",
    ],
    ids=["crash", "no-markdown", "cut-json", "not-a-list"],
)
def test_the_link_check_fails_instead_of_publishing_an_empty_report(tmp_path: Path, credcat: str) -> None:
    fake_command(tmp_path / ".venv/bin/credcat", credcat)
    outputs, summary = tmp_path / "outputs", tmp_path / "summary"
    result = run_link_step(tmp_path, *CHECK_JOB, {"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert "::error::credcat check-links wrote no report (exit status " in result.stdout
    assert not outputs.exists() and not summary.exists()


def test_the_link_check_hands_on_a_whole_report(tmp_path: Path) -> None:
    fake_command(tmp_path / ".venv/bin/credcat", WHOLE_REPORT)
    outputs, summary = tmp_path / "outputs", tmp_path / "summary"
    result = run_link_step(tmp_path, *CHECK_JOB, {"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs.read_text() == "problems=2\n"
    assert summary.read_text().startswith("## Link check\n")


@pytest.mark.parametrize(("report", "problems"), [("", "2"), (None, "2"), ("## Link check\n", "")], ids=["empty", "missing", "no-count"])
def test_the_issue_is_left_alone_when_the_report_is_empty(tmp_path: Path, report: str | None, problems: str) -> None:
    calls = tmp_path / "gh-calls"
    fake_command(tmp_path / "bin" / "gh", f'echo "$*" >> {calls}; [ "$1 $2" = "issue list" ] && echo 7; true')
    if report is not None:
        (tmp_path / "link-report.md").write_text(report, encoding="utf-8")
    environment = {"PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "PROBLEMS": problems, "TITLE": "Weekly link check"}
    result = run_link_step(tmp_path, *REPORT_JOB, environment)
    assert result.returncode == 1
    assert "::error::the link report is empty or missing; the issue is left as it is" in result.stdout
    assert not calls.exists()


def test_the_issue_gets_a_whole_report(tmp_path: Path) -> None:
    calls = tmp_path / "gh-calls"
    fake_command(tmp_path / "bin" / "gh", f'echo "$*" >> {calls}; [ "$1 $2" = "issue list" ] && echo 7; true')
    (tmp_path / "link-report.md").write_text("## Link check\n", encoding="utf-8")
    environment = {"PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "PROBLEMS": "2", "TITLE": "Weekly link check"}
    result = run_link_step(tmp_path, *REPORT_JOB, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls.read_text().splitlines()[1:] == ["issue edit 7 --body-file link-report.md"]
