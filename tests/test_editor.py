"""Editor support: the schema modeline gives completion and inline errors in a real YAML language server.

The test is an LSP client speaking JSON-RPC with Content-Length framing over the stdio of
`yaml-language-server` (installed into tests/editor/ by `make test`). Schema downloads are
switched off: the only schema the server sees is the local one the modeline names.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from support import REPO, TESTS

pytestmark = pytest.mark.editor
SERVER = TESTS / "editor" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
LISTINGS = REPO / "catalog" / "providers" / "northbridge-university" / "credentials"
MODELINE = "# yaml-language-server: $schema=../../../../schema/credential.schema.json\n"
SETTINGS = {
    "validate": True,
    "completion": True,
    "hover": True,
    "format": {"enable": False},
    "schemaStore": {"enable": False},
    "schemas": {},
}
TIMEOUT = 60.0


class LanguageClient:
    """Just enough of an LSP client: requests with ids, notifications, and replies to the server's requests."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (header := stream.readline()) not in (b"\r\n", b""):
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if header == b"" or length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        reply = self._wait_for(lambda message: message.get("id") == wanted and "method" not in message)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        self._wait_for(
            lambda message: (
                message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri
            )
        )
        return self.diagnostics[uri]

    def _wait_for(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the language server did not answer in time"
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            self._handle(message)
            if wanted(message):
                return message

    def _handle(self, message: dict[str, Any]) -> None:
        """Answer what the server asks of the client, and keep the diagnostics it publishes."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration" and "id" in message:
            sections = [item.get("section") for item in message["params"]["items"]]
            self._send(
                {"id": message["id"], "result": [SETTINGS if section == "yaml" else None for section in sections]}
            )
        elif method is not None and "id" in message:
            self._send({"id": message["id"], "result": None})

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.process.wait(timeout=10)
            finally:
                self.process.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageClient]:
    assert shutil.which("node") and SERVER.is_file(), "install the language server first: make editor-deps"
    client = LanguageClient(["node", str(SERVER), "--stdio"])
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": REPO.as_uri(),
                "workspaceFolders": [{"uri": REPO.as_uri(), "name": "credcat"}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                },
                "initializationOptions": {},
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})
        yield client
    finally:
        client.close()


def open_document(client: LanguageClient, name: str, text: str) -> str:
    """Open an unsaved listing beside the sample ones, so the modeline's relative path finds schema/."""
    uri = (LISTINGS / name).as_uri()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
    )
    return uri


def test_completion_at_the_top_level_offers_the_contracts_field_names(server: LanguageClient) -> None:
    text = MODELINE + "id: new-listing\n\n"
    uri = open_document(server, "new-listing.yml", text)
    result = server.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    required = json.loads((REPO / "schema" / "credential.schema.json").read_text())["required"]
    assert {"credential_type", "learning_outcomes", "quality_assurance", "stackability"} <= labels
    assert set(required) - {"id"} <= labels, "every required field but the one already written is offered"
    assert "id" not in labels


def test_a_wrong_enum_value_gets_a_diagnostic_on_its_line(server: LanguageClient) -> None:
    text = MODELINE + "id: wrong-mode\ndelivery: {mode: onlin, pacing: cohort}\n"
    uri = open_document(server, "wrong-mode.yml", text)
    diagnostics = server.wait_for_diagnostics(uri)
    on_delivery = [item for item in diagnostics if item["range"]["start"]["line"] == 2]
    assert on_delivery, diagnostics
    [problem] = on_delivery
    assert problem["range"]["start"]["character"] == text.splitlines()[2].index("onlin")
    assert "online" in problem["message"] and "blended" in problem["message"]


def test_a_valid_listing_gets_no_diagnostics(server: LanguageClient) -> None:
    sample = (LISTINGS / "python-for-data-analysis.yml").read_text(encoding="utf-8")
    uri = open_document(
        server,
        "python-for-data-analysis-copy.yml",
        sample.replace("id: python-for-data-analysis", "id: python-for-data-analysis-copy"),
    )
    assert server.wait_for_diagnostics(uri) == []
