"""`credcat serve` after a save that breaks the site: the last good site stays up, every page
shows what is wrong, and watching goes on; while the site is whole, a note at the bottom of
every page says what the preview does not show yet (search, after an update).

MkDocs' server waits for a successful rebuild before it answers anything ("the server will
appear stuck"). The plugin wraps its builder with `BuildErrors.build`, which never raises: a
failed rebuild keeps its messages (the lines of `credcat validate`, file:line:column: field:
message) and counts as a new version, so the browsers reload and every page gets a banner
(`BuildErrors.banner`) until a rebuild passes. The build writes into a folder beside the
one served (`output.swap_in` puts it in place when it passed), so a rebuild that fails after
MkDocs emptied its folder leaves the last good site whole. This module knows no MkDocs: the
plugin hands it the server's callables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from markupsafe import escape

from credcat.errors import CredcatError

log = logging.getLogger("mkdocs.plugins.credcat")
BANNER_ID = "credcat-serve-errors"
NOTES_ID = "credcat-serve-notes"
NOTES_STYLE = ("position:fixed;z-index:10000;bottom:0;left:0;right:0;margin:0;padding:.4rem 1rem;background:#fff8c5;"
               "color:#3b2300;border-top:1px solid #9a6700;font:13px/1.4 sans-serif")
BANNER_STYLE = ("position:fixed;z-index:10000;top:0;left:0;right:0;max-height:60vh;overflow:auto;margin:0;"
                "padding:.75rem 1rem;background:#8b0000;color:#fff;font:14px/1.45 monospace;white-space:pre-wrap")


class BuildErrors:
    """The errors of the last rebuild (none when it passed), shown on every page served;
    `reported` are the errors whose own words say what is wrong (credcat's, MkDocs' build errors)."""

    def __init__(self, reported: tuple[type[BaseException], ...]) -> None:
        self.lines: list[str] = []
        self.notes: list[str] = []
        self.reported: tuple[type[BaseException], ...] = (CredcatError, *reported)

    def build(self, builder: Callable[[], object]) -> Callable[[], None]:
        """`builder`, but a failure is remembered and logged instead of raised, so that the
        server goes on serving the last good site and watching for the fix."""

        def build_or_remember() -> None:
            try:
                builder()
            except Exception as error:  # any failure of a rebuild: shown on the pages, not raised
                self.lines = failure_lines(error, self.reported)
                log.error("the site was not rebuilt; the last good site is served, with these errors on every page, "
                          "until a save fixes them")
            else:
                self.lines = []

        return build_or_remember

    def banner(self, inject: Callable[[bytes, int], bytes]) -> Callable[[bytes, int], bytes]:
        """The server's HTML injection, plus the banner right after <body> while there are errors."""

        def inject_with_banner(content: bytes, epoch: int) -> bytes:
            page = inject(content, epoch)
            banner = self.banner_html() if self.lines else self.notes_html() if self.notes else ""
            if not banner:
                return page
            start = page.find(b"<body")
            at = page.find(b">", start) + 1 if start >= 0 else 0
            return page[:at] + banner.encode() + page[at:]

        return inject_with_banner

    def banner_html(self) -> str:
        """The errors as a fixed block on top of the page; every line escaped (it quotes provider text)."""
        text = "\n".join(["The catalog has errors: this is the last good site. Fix them and save; the page reloads.", "",
                          *self.lines])
        return f'<pre id="{BANNER_ID}" role="alert" style="{BANNER_STYLE}">{escape(text)}</pre>'


    def notes_html(self) -> str:
        """What the preview should say while the site is whole (search not yet updated, say), as a bar at the bottom."""
        return f'<p id="{NOTES_ID}" role="status" style="{NOTES_STYLE}">{escape(" ".join(self.notes))}</p>'


def failure_lines(error: BaseException, reported: tuple[type[BaseException], ...]) -> list[str]:
    """What a failed build said: the first `reported` error in its chain (MkDocs turns a
    plugin's error into a bare 'Aborted with a BuildError!'), one line each."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, reported):
            return str(cause).splitlines()
        cause = cause.__cause__ or cause.__context__
    return f"{type(error).__name__}: {error}".splitlines()
