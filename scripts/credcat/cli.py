"""The `credcat` command: argument parsing and exit codes, nothing else.

Each subcommand hands its options to the module that owns the work. Exit codes: 0 clean
(warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from credcat import __version__
from credcat.check import subset, terms
from credcat.check.characters import escape
from credcat.check.layout import CATALOG_FOLDER, Kind, find_catalog
from credcat.check.load import display_path, load_catalog, load_file, plan_catalog
from credcat.check.report import REPORTERS, render_step_summary
from credcat.check.validate import validate_catalog
from credcat.errors import CredcatError
from credcat.maintain import diff, init, links, owners, rates, scaffold
from credcat.maintain.revisions import GitError, Revision, Tree, WorkingTree, changed_files
from credcat.resources import SCHEMA_DIR

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CATALOG_HELP = "catalog folder (default: ./catalog, else the catalog of the repository around the current folder)"
PROGRESS_THRESHOLD = 300


class UsageError(CredcatError):
    """Options that cannot work together or name things that are not there."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, one subparser per subcommand."""
    parser = argparse.ArgumentParser(prog="credcat", description="Check, build and maintain the credcat catalog.")
    parser.add_argument("--version", action="version", version=f"credcat {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check catalog files against the contract")
    validate.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="report format")
    validate.add_argument("--strict", action="store_true", help="warnings fail too (exit 1), as in CI")
    validate.add_argument("--schema-dir", type=Path, default=SCHEMA_DIR,
                          help="the JSON Schemas to check against (default: the ones beside this credcat)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="report only on these files or folders")
    validate.set_defaults(handler=run_validate)

    new = commands.add_parser("new", help="start a provider, credential, pathway or recognition file that validates")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    new_provider = kinds.add_parser("provider", help="write providers/<id>/provider.yml")
    new_credential = kinds.add_parser("credential", help="write providers/<provider>/credentials/<id>.yml")
    new_credential.add_argument("--provider", help="the provider's id (its folder name)")
    new_credential.add_argument("--from", dest="source", metavar="EXISTING", help="copy <provider>/<credential> or a file")
    new_pathway = kinds.add_parser("pathway", help="write providers/<provider>/pathways/<id>.yml")
    new_pathway.add_argument("--provider", help="the provider's id (its folder name)")
    new_pathway.add_argument("--credential", action="append", metavar="REF",
                             help="a step's credential, <provider>/<credential> (repeat for more steps, in order)")
    new_pathway.add_argument("--leads-to", metavar="NAME", help="the qualification that completing the pathway leads to")
    new_pathway.add_argument("--leads-to-type", choices=scaffold.LEADS_TO_TYPES, help="its kind (default certificate)")
    new_recognition = kinds.add_parser("recognition", help="write providers/<your provider>/recognitions/<id>.yml: a claim you confirm")
    new_recognition.add_argument("--provider", help="your provider's id: the recognizer, in whose folder the file goes")
    new_recognition.add_argument("--as", dest="recognition_as", choices=scaffold.RECOGNITION_KINDS, help="what you grant (default credit)")
    new_recognition.add_argument("--credential", metavar="REF", help="the listing or pathway you recognise, <provider>/<id>")
    new_recognition.add_argument("--towards", metavar="NAME", help="what it counts toward: the name of your degree or qualification")
    new_recognition.add_argument("--credits", help="the credits you grant toward it")
    new_recognition.add_argument("--accredits", metavar="PROVIDER", help="with --as accreditation: the provider you accredit")
    new_recognition.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    new_recognition.add_argument("--id", help="the new file's id; asked for on a terminal, required elsewhere")
    new_recognition.set_defaults(handler=run_new)
    for kind in (new_provider, new_credential, new_pathway):
        kind.add_argument("--catalog", type=Path, help=CATALOG_HELP)
        kind.add_argument("--id", help="the new file's id; asked for on a terminal, required elsewhere")
        kind.add_argument("--name", help="the name learners see")
        kind.set_defaults(handler=run_new)
    for kind in (new_provider, new_credential):
        kind.add_argument("--url", help="https address of the home page (provider) or enrolment page (credential)")
    new_provider.add_argument("--country", help="ISO 3166-1 alpha-2 code, such as DE")
    new_provider.add_argument("--email", help="contact email address")
    new_provider.add_argument("--maintainer", action="append", help="a GitHub username (repeat for more)")

    taxonomy = commands.add_parser("taxonomy", help="look up subjects and industries")
    taxonomy_commands = taxonomy.add_subparsers(dest="action", required=True, metavar="ACTION")
    taxonomy_search = taxonomy_commands.add_parser("search", help="the ids whose names, descriptions or codes match WORDS")
    taxonomy_search.add_argument("words", nargs="+", metavar="WORDS", help="words or an official code (NAICS, ISCED-F)")
    taxonomy_search.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    taxonomy_search.set_defaults(handler=run_taxonomy_search)

    exchange = commands.add_parser("rates", help="keep catalog/exchange-rates.yml (catalog maintainers)")
    exchange_commands = exchange.add_subparsers(dest="action", required=True, metavar="ACTION")
    refresh = exchange_commands.add_parser("refresh", help="write exchange-rates.yml from the ECB's reference rates")
    refresh.add_argument("--from", dest="source", default=rates.ECB_DAILY_URL, metavar="FILE_OR_URL",
                         help=f"an ECB eurofxref XML file or https address (default: {rates.ECB_DAILY_URL})")
    refresh.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    refresh.set_defaults(handler=run_rates_refresh)

    start = commands.add_parser("init", help="start a new catalog repository in an empty folder")
    start.add_argument("folder", type=Path, metavar="DIR", help="where to write it: a new or empty folder")
    start.add_argument("--name", default=init.DEFAULT_NAME, help=f"the site's name (default: {init.DEFAULT_NAME})")
    start.add_argument("--site-url", help="where the site will be published, such as https://OWNER.github.io/REPOSITORY/")
    start.add_argument("--repo-url", help="the repository's address, such as https://github.com/OWNER/REPOSITORY")
    start.add_argument("--maintainer", action="append", default=[], help="a catalog maintainer's GitHub username (repeat for more)")
    start.set_defaults(handler=run_init)

    owner_check = commands.add_parser("owners", help="check that an author may change the changed files; make CODEOWNERS")
    owner_check.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    owner_check.add_argument("--author", help="GitHub username of the change's author")
    owner_check.add_argument("--changed", nargs="+", type=Path, metavar="FILE", help="the changed files")
    owner_check.add_argument("--base", metavar="REF",
                             help="the target's current head (e.g. origin/main): the changed files are the commits since "
                                  "the merge base with REF, and rights are read from REF itself")
    owner_check.add_argument("--format", choices=sorted(REPORTERS), default="text", help="report format")
    owner_check.add_argument("--codeowners", action="store_true", help=f"print {owners.CODEOWNERS_FILE} as generated")
    owner_check.add_argument("--write", action="store_true", help="with --codeowners: write the file")
    owner_check.add_argument("--check", action="store_true", help="with --codeowners: fail if the file is not up to date")
    owner_check.set_defaults(handler=run_owners)

    changes = commands.add_parser("diff", help="summarize catalog changes between two git revisions, in Markdown")
    changes.add_argument("base", metavar="BASE", help="the revision the change started from (e.g. origin/main)")
    changes.add_argument("head", metavar="HEAD", nargs="?", help="the changed revision (default HEAD)")
    changes.add_argument("--worktree", action="store_true",
                         help="compare with the files on disk instead of HEAD: uncommitted and untracked work included")
    changes.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    changes.set_defaults(handler=run_diff)

    link_check = commands.add_parser("check-links", help="report broken links and stale listings")
    link_check.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    link_check.add_argument("--format", choices=sorted([*REPORTERS, "markdown"]), default="text", help="report format")
    defaults = links.CheckSettings()
    link_check.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per request")
    link_check.add_argument("--retries", type=int, default=defaults.retries, help="retries after 429 or 5xx")
    link_check.add_argument("--max-retry-after", type=float, default=defaults.max_retry_after,
                            help="longest Retry-After to wait for, in seconds")
    link_check.add_argument("--max-redirects", type=int, default=defaults.max_redirects, help="redirects to follow")
    link_check.add_argument("--per-host", type=int, default=defaults.per_host, help="requests at once to one host")
    link_check.add_argument("--workers", type=int, default=defaults.workers, help="requests at once in all")
    link_check.add_argument("--json-output", type=Path, metavar="FILE", help="also write the report as JSON to FILE")
    link_check.add_argument("paths", nargs="*", metavar="PATH", help="check only these files or folders")
    link_check.set_defaults(handler=run_check_links)

    site = commands.add_parser("build", help="build the catalog site (pages, search index, feeds)")
    site.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    site.add_argument("--site-dir", type=Path, help="output folder (default: site, beside the catalog folder)")
    site.add_argument("--config", type=Path, help="MkDocs configuration (default: mkdocs.yml, beside the catalog folder)")
    site.add_argument("--strict", action="store_true", help="fail on any MkDocs warning")
    site.set_defaults(handler=run_build)

    preview = commands.add_parser("serve", help="build the site and serve it, rebuilding when a file changes")
    preview.add_argument("--catalog", type=Path, help=CATALOG_HELP)
    preview.add_argument("--config", type=Path, help="MkDocs configuration (default: mkdocs.yml, beside the catalog folder)")
    preview.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on")
    preview.add_argument("--provider", action="append", default=[], metavar="ID",
                         help="serve only this provider's folder and what its files name (other providers' listings, "
                              "recognizers, recognitions of its listings): ready in seconds in a large catalog "
                              "(repeat for more providers)")
    preview.add_argument("--poll", action="store_true",
                         help="watch the catalog folder by polling it, as MkDocs watches the docs, instead of the system's file "
                              "events: for a file system that sends none (some network and container mounts); slow in a large catalog")
    preview.set_defaults(handler=run_serve)
    return parser


def run_validate(options: argparse.Namespace) -> int:
    """Validate the whole catalog, report on the requested paths."""
    catalog = _catalog(options)
    wanted = [_reported_path(typed, catalog) for typed in options.paths]
    show_progress = sys.stderr.isatty()
    if not (options.schema_dir / "credential.schema.json").is_file():
        raise UsageError(f"no credcat schemas in {options.schema_dir}")
    report = validate_catalog(
        catalog,
        schema_dir=options.schema_dir,
        progress=_progress_bar if show_progress else None,
        jobs=len(os.sched_getaffinity(0)),
        keep_documents=False,
    )
    if show_progress and report.files_checked > PROGRESS_THRESHOLD:
        sys.stderr.write("\r\033[K")
    problems = report.problems
    if wanted:
        problems = [problem for problem in problems if any(_within(problem.path, prefix) for prefix in wanted)]
    sys.stdout.write(REPORTERS[options.format](problems, report.files_checked))
    if options.format == "github" and (summary := os.environ.get("GITHUB_STEP_SUMMARY")):
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(render_step_summary(problems, report.files_checked))
    if options.strict and problems and not any(problem.is_error for problem in problems):
        sys.stderr.write("credcat: --strict: warnings fail the check, as they fail CI\n")
    return EXIT_PROBLEMS if any(problem.is_error or options.strict for problem in problems) else EXIT_OK


def run_new(options: argparse.Namespace) -> int:
    """Write a new provider, credential, pathway or recognition file; prompt for what is missing only on a terminal."""
    catalog = _catalog(options)
    prompt = _ask_on_terminal if sys.stdin.isatty() else None
    try:
        if options.kind == "provider":
            path = scaffold.new_provider(catalog, provider_id=options.id, name=options.name, url=options.url,
                                         country=options.country, email=options.email,
                                         maintainers=options.maintainer, prompt=prompt)
        elif options.kind == "credential":
            path = scaffold.new_credential(catalog, provider_id=options.provider, credential_id=options.id,
                                           source=options.source, name=options.name, url=options.url, prompt=prompt)
        elif options.kind == "recognition":
            path = scaffold.new_recognition(catalog, provider_id=options.provider, recognition_id=options.id,
                                            kind=options.recognition_as, credential=options.credential, accredits=options.accredits,
                                            towards=options.towards, credits=options.credits, prompt=prompt)
        else:
            path = scaffold.new_pathway(catalog, provider_id=options.provider, pathway_id=options.id, name=options.name,
                                        credentials=options.credential, leads_to=options.leads_to,
                                        leads_to_type=options.leads_to_type, prompt=prompt)
    except scaffold.OptionError as error:
        raise UsageError(str(error)) from None
    except scaffold.ScaffoldError as error:
        sys.stderr.write(f"credcat: error: {error}\n")
        return EXIT_PROBLEMS
    sys.stdout.write(
        f"wrote {display_path(path)}\nnext: check each value marked TODO and delete its mark, then run credcat validate --strict\n"
    )
    return EXIT_OK


def _ask_on_terminal(question: str, default: str, check: scaffold.Check) -> str:
    while True:
        try:
            answer = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
        except EOFError:
            raise UsageError(f"no answer for: {question}") from None
        if (error := check(answer)) is None:
            return answer
        sys.stderr.write(f"  {error}\n")


def run_taxonomy_search(options: argparse.Namespace) -> int:
    """Print the taxonomy terms that match the words, best first, each with its id, name and code."""
    catalog = _catalog(options)
    words = " ".join(options.words)
    planned = {file.placement.stem: file for file in plan_catalog(catalog)[0] if file.placement.kind is Kind.TAXONOMY}
    present = [vocabulary for vocabulary in terms.SCHEMES if vocabulary in planned]
    found_any = False
    for vocabulary in present:
        document = load_file(planned[vocabulary].path)[0]
        found = terms.search(terms.terms_of(vocabulary, document.data), words) if document is not None else []
        if found:
            found_any = True
            lines = [vocabulary] + [f"  {term.id}  {term.name} ({term.code_label})" for term in found]
            sys.stdout.write("".join(escape(line) + "\n" for line in lines))
    if not found_any:
        named = [terms.NOUNS[vocabulary] for vocabulary in present]
        nouns = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named) or "taxonomy term"
        sys.stderr.write(escape(f"credcat: no {nouns} matches '{words}'") + "\n")
        return EXIT_PROBLEMS
    return EXIT_OK


def run_rates_refresh(options: argparse.Namespace) -> int:
    """Write the catalog's exchange-rates.yml from the ECB's rates (or a copy of its file)."""
    catalog = _catalog(options)
    try:
        path, table = rates.refresh_rates(catalog, options.source)
    except rates.RatesError as error:
        sys.stderr.write(f"credcat: error: {error}\n")
        return EXIT_PROBLEMS
    sys.stdout.write(f"wrote {display_path(path)}: {len(table.rates)} rates of {table.date} ({table.source_name})\n")
    return EXIT_OK


def run_init(options: argparse.Namespace) -> int:
    """Write a new catalog repository into an empty folder."""
    settings = init.Settings(name=options.name, site_url=options.site_url, repo_url=options.repo_url,
                             maintainers=tuple(options.maintainer))
    try:
        written = init.init_repository(options.folder, settings)
    except init.InitError as error:
        raise UsageError(str(error)) from None
    folder = display_path(options.folder)
    sys.stdout.write(f"wrote {len(written)} files in {folder}\nnext: cd {folder} && make install serve\n")
    return EXIT_OK


def run_owners(options: argparse.Namespace) -> int:
    """Check the author against the maintainers of what changed, or generate .github/CODEOWNERS."""
    catalog = _catalog(options).resolve()
    root, name = catalog.parent, catalog.name
    if options.codeowners:
        return _codeowners(root, name, write=options.write, check=options.check)
    if not options.author or bool(options.changed) == bool(options.base):
        raise UsageError("give --author USER and either --changed FILE... or --base REF")
    before: Tree
    after: Tree
    try:
        if options.base:
            # Rights come from the target as it is now, not from where the branch started: a
            # maintainer removed on the target since then has no rights left to use.
            before = Revision(root, options.base)
            changed = changed_files(root, before.commit)
            after = Revision(root, "HEAD")
        else:
            changed = [_repository_path(path, root) for path in options.changed]
            before = after = WorkingTree(root)
    except GitError as error:
        raise UsageError(str(error)) from None
    problems = owners.check_changes(changed, options.author, before=before, after=after, root=root, catalog=name)
    sys.stdout.write(REPORTERS[options.format](problems, len(changed)))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _codeowners(root: Path, catalog: str, *, write: bool, check: bool) -> int:
    text = owners.generate_codeowners(WorkingTree(root), catalog)
    target = root / owners.CODEOWNERS_FILE
    if write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {display_path(target)}\n")
    elif check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{display_path(target)} is not up to date. Run `{owners.CODEOWNERS_COMMAND}`.\n")
            return EXIT_PROBLEMS
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _repository_path(path: Path, root: Path) -> str:
    absolute = (Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the repository at {display_path(root)}") from None


def run_diff(options: argparse.Namespace) -> int:
    """Print the Markdown change summary; fail when a removed listing is still referenced."""
    catalog = _catalog(options).resolve()
    if options.worktree and options.head is not None:
        raise UsageError("give either HEAD or --worktree, not both")
    try:
        summary = diff.summarize_changes(catalog.parent, options.base, options.head or "HEAD", catalog.name,
                                         worktree=options.worktree)
    except GitError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(diff.render_markdown(summary))
    if summary.problems:
        sys.stderr.write(REPORTERS["text"](summary.problems, len(summary.problems)))
        return EXIT_PROBLEMS
    return EXIT_OK


def run_check_links(options: argparse.Namespace) -> int:
    """Check every address in the catalog, or in the files and folders named, and report broken links and stale listings."""
    catalog = _catalog(options)
    chosen = _chooser([_reported_path(typed, catalog) for typed in options.paths])
    loaded, problems, files_checked = load_catalog(catalog)
    if chosen is not None:
        problems = [problem for problem in problems if chosen(problem.path)]
        files = {document.display_path for _kind, document in loaded.documents() if chosen(document.display_path)}
        files_checked = len(files | {problem.path for problem in problems})
    settings = links.CheckSettings(timeout=options.timeout, retries=options.retries,
                                   max_retry_after=options.max_retry_after, max_redirects=options.max_redirects,
                                   per_host=options.per_host, workers=options.workers)
    started = time.monotonic()
    found, links_checked = links.check_catalog_links(loaded, today=date.today(), settings=settings, chosen=chosen)
    problems = sorted(problems + found)
    sys.stderr.write(f"checked {links_checked} addresses in {time.monotonic() - started:.1f} s\n")
    if options.format == "markdown":
        sys.stdout.write(links.render_markdown(problems, files_checked, links_checked))
    else:
        sys.stdout.write(REPORTERS[options.format](problems, files_checked))
    if options.json_output is not None:
        options.json_output.write_text(REPORTERS["json"](problems, files_checked), encoding="utf-8")
    return EXIT_PROBLEMS if any(problem.is_error for problem in problems) else EXIT_OK


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _chooser(wanted: list[str]) -> links.Chosen | None:
    """Whether a file, by the path problems show, is one of `wanted` or inside one; None when all are."""
    if not wanted:
        return None
    return lambda path: any(_within(path, prefix) for prefix in wanted)


def run_build(options: argparse.Namespace) -> int:
    """Build the site into a fresh folder beside --site-dir, which replaces it only when the
    build and its checks pass; MkDocs logs progress and any problem."""
    from credcat.site.output import OutputError, fresh_output
    from credcat.site.plugin import SiteBuildFailed, build_site

    catalog = _catalog(options)
    root = _root_of(options, catalog)
    config = _existing_file(options.config or root / "mkdocs.yml")
    with _site_log() as warnings:
        try:
            with fresh_output(options.site_dir or root / "site") as site_dir:
                build_site(config, catalog=catalog, site_dir=site_dir, strict=options.strict)
        except OutputError as error:
            sys.stderr.write(f"credcat: error: {error}\n")
            return EXIT_PROBLEMS
        except SiteBuildFailed as error:
            sys.stderr.write(f"credcat: error: the build failed: {error}\n")
            if options.strict and warnings:
                sys.stderr.write("the warnings that failed it (--strict):\n" + "".join(f"  {escape(line)}\n" for line in warnings))
            return EXIT_PROBLEMS
    return EXIT_OK


def run_serve(options: argparse.Namespace) -> int:
    """Serve the site until interrupted: the whole catalog, or the part --provider asks for."""
    from credcat.site.plugin import SiteBuildFailed, serve_site

    catalog = _catalog(options)
    config = _existing_file(options.config or _root_of(options, catalog) / "mkdocs.yml")
    folders = subset.provider_folders(catalog)
    for provider in options.provider:
        try:
            subset.check_provider(provider, folders)
        except subset.UnknownProvider as error:
            raise UsageError(str(error)) from None
    _check_address_free(options.dev_addr)
    with _site_log():
        try:
            serve_site(config, catalog=catalog, dev_addr=options.dev_addr, providers=options.provider, poll=options.poll)
        except SiteBuildFailed as error:
            sys.stderr.write(f"credcat: error: the build failed: {error}\n")
            return EXIT_PROBLEMS
    return EXIT_OK


def _check_address_free(dev_addr: str) -> None:
    """Refuse, before any build, an address that cannot be served on (a port in use, say):
    MkDocs would otherwise build the whole site first and end in a traceback."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--dev-addr {dev_addr!r}: expected HOST:PORT, such as 127.0.0.1:8000")
    try:
        with socket.create_server((host.strip("[]"), int(port))):
            pass
    except OSError as error:
        reason = "the port is in use" if error.errno == errno.EADDRINUSE else error.strerror or str(error)
        raise UsageError(f"cannot serve on {dev_addr}: {reason} (choose another port: make serve PORT=8001, or --dev-addr)") from None


class _WarningLines(logging.Handler):
    """Remembers the text of every warning MkDocs logs: what fails a strict build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.lines.append(record.getMessage())


@contextmanager
def _site_log() -> Iterator[list[str]]:
    """MkDocs reports through logging: print its messages the way `mkdocs` does, and collect the
    warnings; the handlers go again afterwards."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    printer = logging.StreamHandler(sys.stderr)
    printer.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    collector = _WarningLines()
    site_log = logging.getLogger("mkdocs")
    site_log.addHandler(printer)
    site_log.addHandler(collector)
    site_log.setLevel(logging.INFO)
    try:
        yield collector.lines
    finally:
        site_log.removeHandler(printer)
        site_log.removeHandler(collector)


def _existing_file(path: Path) -> Path:
    if not path.is_file():
        raise UsageError(f"file not found: {path}")
    return path


def _existing_folder(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"catalog folder not found: {path}")
    return path


def _catalog(options: argparse.Namespace) -> Path:
    """--catalog as given, else ./catalog, else the catalog of the repository around the current folder."""
    if options.catalog is not None:
        return _existing_folder(options.catalog)
    found = find_catalog(Path.cwd())
    if found is None:
        raise UsageError(
            "no catalog folder here or above (a repository root holds catalog/ and mkdocs.yml or .git); give --catalog DIR"
        )
    return Path(CATALOG_FOLDER) if found == Path.cwd() / CATALOG_FOLDER else found


def _root_of(options: argparse.Namespace, catalog: Path) -> Path:
    """Where the site's configuration and output go by default: the current folder, unless the
    catalog was found in a repository above it."""
    return catalog.parent if options.catalog is None else Path()


def _reported_path(typed: str, catalog: Path) -> str:
    """A PATH argument as problems show it; a usage error when it does not exist or is outside the catalog."""
    path = Path(typed)
    if not path.exists():
        raise UsageError(f"no such file: {typed}")
    try:
        inside = Path(os.path.abspath(path)).relative_to(os.path.abspath(catalog))
    except ValueError:
        raise UsageError(f"{typed} is not in the catalog folder {display_path(catalog)}") from None
    shown = display_path(catalog)
    return shown if inside == Path() else f"{shown}/{inside.as_posix()}"


def _progress_bar(done: int, total: int) -> None:
    if total > PROGRESS_THRESHOLD and (done % 200 == 0 or done == total):
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rreading [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        return int(options.handler(options))
    except UsageError as error:
        parser.exit(EXIT_USAGE, f"credcat: error: {error}\n")
    except BrokenPipeError:
        # The reader stopped early (credcat ... | head): stop quietly, and keep Python's final
        # flush of stdout from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
