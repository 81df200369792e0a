"""The part of a catalog that `credcat serve --provider ID` reads: those providers' folders and
everything they need to validate and to build as they would in the whole catalog.

That is the named providers' folders, the taxonomy and the exchange rates; then, again and
again until nothing is added, every file an included file names (a credential or pathway by
its `<provider>/<id>`, a provider by its id, in any field: prerequisites, counts_toward,
pathway steps, leads_to, awarded_by, recognized_by, accreditations, a recognition's credential
or provider) with the provider.yml of its folder, and every recognition, in any folder, that
names an included listing or provider, so that confirmed claims still show as confirmed.

Files are matched by value rather than by field: any text value equal to an existing reference
or provider id counts, so a reference field added to the contract later is followed too; a
value that only looks like one (a keyword equal to a provider id) adds a file more, never one
less. Only the included files are read; the rest of the catalog is only listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from credcat.check.characters import escape
from credcat.check.layout import CatalogScan, Kind, scan_catalog
from credcat.check.load import MAX_FILE_BYTES, CatalogFile, load_file, plan_catalog
from credcat.check.problem import did_you_mean
from credcat.check.tree import walk
from credcat.errors import CredcatError

PROVIDERS_FOLDER = "providers"
_WALKED = (Kind.PROVIDER, Kind.CREDENTIAL, Kind.PATHWAY, Kind.RECOGNITION)  # taxonomy terms name nothing


class UnknownProvider(CredcatError):
    """A provider id given to --provider that is no provider folder of the catalog."""


@dataclass(frozen=True)
class Listing:
    """The whole catalog folder as listed, not read: its entries, and its files classified."""

    scan: CatalogScan
    planned: tuple[CatalogFile, ...]


@dataclass(frozen=True)
class Subset:
    """The files a build reads for some providers, and what exists in the whole catalog, which
    references are checked against (so that a typo gets the same hint as in a full check)."""

    providers: tuple[str, ...]
    """The providers asked for, in the order given."""
    referenced: tuple[str, ...]
    """The other providers some of whose files are included, sorted."""
    files: frozenset[PurePath]
    """The included files, relative to the catalog folder."""
    scan: CatalogScan
    """The entries of the catalog folder that a check of the subset plans: the included files, and
    every entry of the asked-for folders and outside providers/ (where a misplaced file or a link
    is the asker's business)."""
    credential_refs: frozenset[str]
    pathway_refs: frozenset[str]
    providers_with_file: frozenset[str]
    listing: Listing = field(repr=False)
    """The whole folder as listed, which a later choice from the same files may reuse."""

    @property
    def borrowed(self) -> frozenset[PurePath]:
        """The included files outside the asked-for folders: what a save elsewhere can change."""
        return frozenset(path for path in self.files if path.parts[0] == PROVIDERS_FOLDER and path.parts[1] not in self.providers)

    def summary(self) -> str:
        """Which providers are served, for the serve log."""
        named = " and ".join([", ".join(self.providers[:-1]), self.providers[-1]] if len(self.providers) > 1 else self.providers)
        more = len(self.referenced)
        verb = "references" if len(self.providers) == 1 else "reference"
        extra = "no other provider" if more == 0 else f"{more} more provider{'' if more == 1 else 's'}"
        return f"serving {named} and what {'it' if len(self.providers) == 1 else 'they'} {verb}: {extra}"


def choose_subset(root: Path, providers: Sequence[str], listing: Listing | None = None) -> Subset:
    """The subset of the catalog below `root` for `providers`; UnknownProvider for an id that is
    not a provider folder (one line, with a near id when there is one). With `listing`, that of
    an earlier subset when no file came or went since (a save while serving), the folder is not
    listed again: at 10,000 listings that is most of the time a choice takes."""
    named = tuple(dict.fromkeys(providers))
    folders = provider_folders(root)
    for provider in named:
        check_provider(provider, folders)
    if listing is None:
        scan = scan_catalog(root)
        listing = Listing(scan, tuple(plan_catalog(root, scan)[0]))
    return _Closure(root, listing, named).subset()


def check_provider(provider: str, folders: Sequence[str]) -> None:
    """Raise UnknownProvider unless `provider` is one of the provider folders (hostile text is
    only compared, never joined to a path)."""
    if provider in folders:
        return
    hint = did_you_mean(provider, folders)
    if not hint and folders:
        hint = f"a provider id is its folder name under {PROVIDERS_FOLDER}/, such as '{folders[0]}'"
    elif not hint:
        hint = f"the catalog has no provider folders under {PROVIDERS_FOLDER}/"
    raise UnknownProvider(escape(f"--provider '{provider}': no such provider in the catalog; {hint}"))


def provider_folders(root: Path) -> list[str]:
    """The provider folders below `root`, sorted: what --provider may name. Listed, not walked,
    and judged as the catalog scan judges them (no link, no hidden folder)."""
    try:
        with os.scandir(root / PROVIDERS_FOLDER) as entries:
            return sorted(entry.name for entry in entries
                          if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."))
    except OSError:
        return []


class _Closure:
    """The included files, grown from the asked-for folders until every reference is in."""

    def __init__(self, root: Path, listing: Listing, named: tuple[str, ...]) -> None:
        self.root = root
        self.listing = listing
        self.planned = listing.planned
        self.named = named
        self.named_files: dict[str, list[CatalogFile]] = {}
        self.provider_file: dict[str, CatalogFile] = {}
        self.recognitions: list[CatalogFile] = []
        for file in self.planned:
            placement = file.placement
            match placement.kind:
                case Kind.PROVIDER:
                    self.provider_file[placement.provider] = file
                    self.named_files.setdefault(placement.provider, []).append(file)
                case Kind.CREDENTIAL | Kind.PATHWAY:
                    self.named_files.setdefault(placement.ref, []).append(file)
                case Kind.RECOGNITION:
                    self.recognitions.append(file)
        self.chosen: dict[Path, CatalogFile] = {}
        self.names: set[str] = set()  # the references and provider ids of the included files
        self.queue: list[CatalogFile] = []
        self.texts: dict[Path, str] = {}

    def subset(self) -> Subset:
        """The subset: the asked-for folders, and what they name until nothing more is added."""
        for file in self.planned:
            if file.placement.provider in self.named or file.placement.kind in (Kind.TAXONOMY, Kind.EXCHANGE_RATES):
                self._include(file)
        while True:
            while self.queue:
                self._follow(self.queue.pop())
            providers = {name.partition("/")[0] for name in self.names}
            found = [file for file in self.recognitions if file.path not in self.chosen and self._names_included(file, providers)]
            if not found:
                break
            for file in found:
                self._include(file)
        refs = {kind: frozenset(file.placement.ref for file in self.planned if file.placement.kind is kind)
                for kind in (Kind.CREDENTIAL, Kind.PATHWAY)}
        whole = self.listing.scan
        everyone = f"{self.root / PROVIDERS_FOLDER}{os.sep}"
        asked = tuple(f"{everyone}{provider}{os.sep}" for provider in self.named)

        def kept(path: Path) -> bool:  # on the text of paths: this runs for every file of the catalog
            text = str(path)
            return not text.startswith(everyone) or text.startswith(asked) or path in self.chosen

        return Subset(
            providers=self.named,
            referenced=tuple(sorted({file.placement.provider for file in self.chosen.values()} - {"", *self.named})),
            files=frozenset(path.relative_to(self.root) for path in self.chosen),
            scan=CatalogScan([path for path in whole.files if kept(path)], [entry for entry in whole.refused if kept(entry[0])]),
            listing=self.listing,
            credential_refs=refs[Kind.CREDENTIAL],
            pathway_refs=refs[Kind.PATHWAY],
            providers_with_file=frozenset(self.provider_file),
        )

    def _include(self, file: CatalogFile) -> None:
        if file.path in self.chosen:
            return
        self.chosen[file.path] = file
        self.queue.append(file)
        placement = file.placement
        if placement.kind is Kind.PROVIDER:
            self.names.add(placement.provider)
        elif placement.kind in (Kind.CREDENTIAL, Kind.PATHWAY):
            self.names.add(placement.ref)
        if placement.provider in self.provider_file:
            self._include(self.provider_file[placement.provider])

    def _follow(self, file: CatalogFile) -> None:
        """Include every file that `file` names."""
        if file.placement.kind not in _WALKED:
            return
        for value in self._strings(file):
            for target in self.named_files.get(value, ()):
                self._include(target)

    def _names_included(self, recognition: CatalogFile, providers: set[str]) -> bool:
        """Whether a recognition names an included listing, pathway or provider. Its text is read
        once; it is parsed only when it mentions one of `providers`, those of the included names
        (every reference starts with one), or holds a backslash (a double-quoted escape can spell one)."""
        text = self.texts.get(recognition.path)
        if text is None:
            try:
                with recognition.path.open("rb") as handle:
                    text = handle.read(MAX_FILE_BYTES + 1).decode("utf-8", errors="replace")
            except OSError:
                text = ""
            self.texts[recognition.path] = text
        if "\\" not in text and not any(provider in text for provider in providers):
            return False
        return any(value in self.names for value in self._strings(recognition))

    def _strings(self, file: CatalogFile) -> Iterable[str]:
        """Every text value of a file; nothing when it does not load (validation says why)."""
        document, _problems = load_file(file.path, file.shown)
        if document is None:
            return ()
        return [value for _path, value in walk(document.data) if isinstance(value, str)]
