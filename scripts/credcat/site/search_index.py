"""The search index: Pagefind's service, fed one search record per listing, and what it indexed.

Pagefind runs as a service (`pagefind --service`, the protocol its Node and Python APIs
speak: base64 JSON messages ending in ","). Each record (`search-record.html`: the parts
of a listing page marked `data-pagefind-body`, without the theme) is sent as soon as it is
rendered, so Pagefind parses on the other core while pages are still being written, and no
record touches the disk. Filter files list values in hash-map order, which changes from run
to run (Pagefind issue #638), so `stabilize` sorts them and renames what refers to them.
`wait` returns the URL of every fragment Pagefind handed back, so the post-build check can
prove that every listing has its search record. Pagefind is the longest single task of a
build, so it runs at a higher priority than the Python processes where the system allows.
It dies with the process that started it, and a Pagefind that stalls (takes no input, or
says nothing while asked for the index, for `INDEX_TIMEOUT` seconds) is stopped: the build
fails with one line instead of waiting forever.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import subprocess
import threading
import time
import zlib
from io import BufferedReader
from pathlib import Path
from typing import Any

import cbor2
import pagefind_bin

from credcat.catalog.documents import JsonObject
from credcat.errors import CredcatError
from credcat.files import write_file
from credcat.site.children import die_with_parent

FRAGMENT_MAGIC = b"pagefind_dcd"
FRAGMENT_HEAD_BYTES = 2048
URL_FIRST = b'{"url":'
GZIP_WBITS = 31
PRIORITY_LEAD = 5
# Seconds Pagefind may take no input, or say nothing once asked for the index (building a
# shard's index says nothing until it is done: a 25,000-listing shard takes well under a minute).
INDEX_TIMEOUT = 300.0


class SearchIndexError(CredcatError):
    """Pagefind refused a record or failed to write; its own words say why."""


class SearchIndex:
    """One Pagefind index being built in a `pagefind --service` process."""

    def __init__(self, timeout: float | None = None) -> None:
        self._process = subprocess.Popen([str(pagefind_bin.get_executable()), "--service"], preexec_fn=die_with_parent,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _run_first(self._process.pid)
        self._timeout = INDEX_TIMEOUT if timeout is None else timeout
        self._heard = time.monotonic()  # when Pagefind last said anything, or was asked for the index
        self._sending_since: float | None = None  # when a write to Pagefind's input started that has not ended
        self._stalled = False
        self._ended = threading.Event()
        self._sent = 0
        self._urls: list[str] = []
        self._errors: list[str] = []
        self._written = threading.Event()
        self._bundle: Path | None = None
        self._files_request = -1
        self._reader = threading.Thread(target=self._read_replies, args=(self._process.stdout,), daemon=True)
        self._reader.start()
        threading.Thread(target=self._watch, daemon=True).start()
        self._send({"type": "NewIndex", "config": None})  # the first index of a service is number 0

    def add(self, url: str, html: str) -> None:
        """Queue a record: `url` is the page it stands for, `html` is what Pagefind reads."""
        self._send({"type": "AddFile", "index_id": 0, "url": url, "file_contents": html})

    def write(self, bundle: Path) -> None:
        """Ask for the index to be built and written to `bundle`; `wait` for it to be done.

        Pagefind builds it and hands back every file (GetFiles), which this process writes:
        Pagefind 1.5's own WriteFiles answers before its last writes are flushed, and the
        service exits as soon as its input closes, which left files empty now and then."""
        self._bundle = bundle
        # Its id is known before it is sent: the reply may come before _send returns.
        self._files_request = self._sent
        self._heard = time.monotonic()
        self._send({"type": "GetFiles", "index_id": 0}, flush=True)

    def done(self) -> bool:
        """Whether the index has been written (or the service failed): `wait` will not block long."""
        return self._written.is_set()

    def wait(self) -> list[str]:
        """Wait until the index is written and the service has ended; returns the URL of each record it holds."""
        self._written.wait()
        self._stop()
        if self._errors:
            raise SearchIndexError(self._failure("pagefind: " + "\n".join(self._errors[:10])))
        return self._urls

    def kill(self) -> None:
        self._process.kill()
        self._process.wait()
        self._reader.join()
        self._ended.set()
        self._close_pipes()

    def _watch(self) -> None:
        """Stop a Pagefind that takes no input for `timeout` seconds, or says nothing for as long
        once asked for the index: its reader then ends, and whoever waits hears that it stalled."""
        while not self._ended.wait(min(1.0, self._timeout / 4)):
            now = time.monotonic()
            sending = self._sending_since is not None and now - self._sending_since > self._timeout
            asked = self._files_request >= 0 and not self._written.is_set() and now - self._heard > self._timeout
            if sending or asked:
                self._stalled = True
                self._process.kill()
                return

    def _failure(self, message: str) -> str:
        """The error to raise: one line when Pagefind was stopped for stalling."""
        if self._stalled:
            return f"pagefind stalled: it read or answered nothing for {self._timeout:g} s, so the search index was not written"
        return message

    def _close_pipes(self) -> None:
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            if pipe is not None:
                try:
                    pipe.close()
                except BrokenPipeError:
                    pass

    def _send(self, payload: JsonObject, flush: bool = False) -> None:
        """Send a message (its id is the number sent before it)."""
        message = {"message_id": self._sent, "payload": payload}
        self._sent += 1
        assert self._process.stdin is not None
        self._sending_since = time.monotonic()
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            if flush:
                self._process.stdin.flush()
            self._sending_since = None
        except BrokenPipeError:
            self._written.wait()
            self.kill()  # it has closed its input: whatever it is doing, stop it
            raise SearchIndexError(self._failure("pagefind stopped: " + "\n".join(self._errors))) from None

    def _read_replies(self, replies: BufferedReader | None) -> None:
        """Pagefind's replies, read in large chunks (a pipe made with the default buffering)."""
        assert replies is not None
        buffer = bytearray()
        while chunk := replies.read1(1 << 20):
            self._heard = time.monotonic()
            buffer += chunk
            if b"," not in chunk:
                continue  # the index's files come as one message of many megabytes
            messages = buffer.split(b",")
            buffer = messages.pop()
            messages.reverse()
            while messages:  # each freed before the next is read: that message peaks memory
                self._reply(json.loads(base64.b64decode(messages.pop())))
        if not self._written.is_set():
            self._errors.append("the service ended before the index was written")
            self._written.set()

    def _reply(self, reply: dict[str, Any]) -> None:
        payload = reply["payload"]
        if payload["type"] == "Error":
            self._errors.append(payload["message"])
            if reply.get("message_id") == self._files_request:
                self._written.set()
        elif payload["type"] == "GetFiles":
            try:
                self._write_files(payload["files"])
            except OSError as error:
                self._errors.append(f"writing the index: {error}")
            self._written.set()

    def _write_files(self, files: list[dict[str, str]]) -> None:
        assert self._bundle is not None
        made: set[str] = set()
        for file in files:
            content = base64.b64decode(file["content"])
            write_file(f"{self._bundle}/{file['path']}", content, made)
            if file["path"].endswith(".pf_fragment"):
                self._urls.append(fragment_url(content))

    def _stop(self) -> None:
        """Closing stdin ends the service; its stderr holds anything it printed."""
        assert self._process.stdin is not None and self._process.stderr is not None
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        printed = self._process.stderr.read().decode(errors="replace")
        self._process.wait()
        self._reader.join()
        self._ended.set()
        self._close_pipes()
        if self._process.returncode != 0:
            self._errors.append(f"exit code {self._process.returncode}: {printed}")


def _run_first(pid: int) -> None:
    """Pagefind is the longest single task of a build; when the system allows it, it runs
    ahead of the Python processes, which fill the other core around it."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, os.getpriority(os.PRIO_PROCESS, 0) - PRIORITY_LEAD)
    except OSError:
        pass  # raising a priority takes a privilege most users do not have: run as equals


def stabilize(bundle: Path) -> None:
    """Rewrite a Pagefind bundle's filter files with sorted values, then the metadata (filters
    and sorts in name order) and the entry file that name them."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        language_prefix = language["hash"].split("_")[0]
        filters = []
        for name, chunk in meta[3]:
            old = bundle / "filter" / f"{chunk}.pf_filter"
            filter_name, values = _read(old)
            new_chunk = _write_named(bundle / "filter", language_prefix, ".pf_filter", [filter_name, sorted(values)], 7)
            if new_chunk != chunk:
                old.unlink()
            filters.append([name, new_chunk])
        meta[3] = sorted(filters)
        meta[4] = sorted(meta[4])
        new_hash = _write_named(bundle, f"pagefind.{language_prefix}", ".pf_meta", meta, 10).removeprefix("pagefind.")
        if new_hash != language["hash"]:
            meta_path.unlink()
        language["hash"] = new_hash
    write_file(entry_path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def _read(path: Path) -> Any:
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_MAGIC))


def _write_named(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write a Pagefind chunk named after its content; returns the name without the suffix."""
    payload = FRAGMENT_MAGIC + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def fragment_url(fragment: bytes) -> str:
    """The URL of the page a Pagefind fragment file (gzipped, magic bytes, JSON) stands for.
    Pagefind writes the URL first, so mostly only the head is unzipped and read."""
    head = zlib.decompressobj(wbits=GZIP_WBITS).decompress(fragment, FRAGMENT_HEAD_BYTES).removeprefix(FRAGMENT_MAGIC)
    if head.startswith(URL_FIRST):
        try:
            url, _end = json.JSONDecoder().raw_decode(head[len(URL_FIRST):].decode(errors="ignore"))
            return str(url)
        except ValueError:
            pass  # a URL longer than the head
    return str(json.loads(gzip.decompress(fragment).removeprefix(FRAGMENT_MAGIC))["url"])
