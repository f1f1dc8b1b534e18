"""A fake DeepL API on 127.0.0.1 for the real `deepl` client: /v2/translate, /v2/usage and the
v2 glossary endpoints, with faults to inject. Its 'translation' is deterministic: glossary terms
are replaced, ignored tags kept, and every text is prefixed with the target language, so tests
can tell what happened to each paragraph.

Unkind modes, as a real server can be: `fail` (an HTTP error status, optionally late), `slow`
(the right answer, late), and `mangle` (a well-formed HTTP answer whose XML is wrong: tags
dropped, a closing tag moved before its opening one, a placeholder duplicated or one added)."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_TAG = re.compile(r"(<[^>]+>)")
_PLACEHOLDER = re.compile(r'<(\w+) n="\d+"(?:/>|>.*?</\1>)')


def mangle(mode: str, text: str) -> str:
    """`text` (an answer with tags) made wrong as `mode` says."""
    if mode == "drop-tags":
        return _TAG.sub("", text)
    if mode == "move-tags":
        closing = re.search(r"</\w+>", text)
        assert closing, "move-tags needs an answer with a closing tag"
        return closing.group(0) + text[: closing.start()] + text[closing.end() :]
    if mode == "duplicate-placeholder":
        found = _PLACEHOLDER.search(text)
        assert found, "duplicate-placeholder needs an answer with a placeholder"
        return text[: found.end()] + " " + found.group(0) + text[found.end() :]
    if mode == "add-placeholder":
        return text + ' <c n="9"/>'
    raise ValueError(f"unknown mangle mode {mode!r}")


class FakeDeepL:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self.faults: list[dict] = []
        self.mangles: list[dict] = []
        self.delays: list[dict] = []
        self.glossaries: dict[str, dict] = {}
        self.character_count = 0
        self.character_limit = 500_000
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeDeepL:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path: str, status: int, *, times: int = 1, delay: float = 0.0) -> None:
        """The next `times` requests to `path` get `status` (after `delay` seconds)."""
        self.faults.append({"path": path, "status": status, "times": times, "delay": delay})

    def slow(self, path: str, delay: float, *, times: int = 1) -> None:
        """The next `times` requests to `path` are answered normally, after `delay` seconds."""
        self.delays.append({"path": path, "delay": delay, "times": times})

    def mangle(self, mode: str, *, times: int = 1) -> None:
        """The next `times` translated texts that carry tags come back mangled (see `mangle`)."""
        self.mangles.append({"mode": mode, "times": times})

    def _mangled(self, text: str) -> str:
        for entry in self.mangles:
            if entry["times"] > 0 and _TAG.search(text):
                entry["times"] -= 1
                return mangle(entry["mode"], text)
        return text

    def calls(self, path: str) -> list[dict]:
        return [body for method, p, body in self.requests if p == path]

    def translate(self, text: str, target: str, glossary: dict[str, str], ignore: set[str]) -> str:
        out, ignored = [], 0
        for piece in _TAG.split(text):
            if piece.startswith("<"):
                name = piece.strip("</>").split()[0] if piece.strip("</>") else ""
                if name in ignore and not piece.endswith("/>"):
                    ignored += -1 if piece.startswith("</") else 1
                out.append(piece)
            elif ignored:
                out.append(piece)
            else:
                for source, replacement in sorted(glossary.items(), key=lambda kv: -len(kv[0])):
                    if source != replacement:
                        piece = piece.replace(source, replacement)
                out.append(piece)
        return f"[{target}] " + "".join(out)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _body(self) -> dict:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    return json.loads(raw or "{}")
                return {k: v if len(v) > 1 or k == "text" else v[0] for k, v in parse_qs(raw).items()}

            def _send(self, status: int, payload: dict | None = None) -> None:
                data = json.dumps(payload or {}).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                # The client may have given up already (timeout tests): nothing to answer then.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def _handle(self, method: str) -> None:
                path = urlparse(self.path).path
                body = self._body() if method in ("POST", "PATCH") else {}
                fake.requests.append((method, path, body))
                for fault in fake.faults:
                    if fault["times"] > 0 and path.startswith(fault["path"]):
                        fault["times"] -= 1
                        time.sleep(fault["delay"])
                        return self._send(fault["status"], {"message": f"injected {fault['status']}"})
                for slow in fake.delays:
                    if slow["times"] > 0 and path.startswith(slow["path"]):
                        slow["times"] -= 1
                        time.sleep(slow["delay"])
                if self.headers.get("Authorization") != "DeepL-Auth-Key test-key":
                    return self._send(403, {"message": "Wrong key"})
                if path == "/v2/usage":
                    return self._send(
                        200,
                        {"character_count": fake.character_count, "character_limit": fake.character_limit},
                    )
                if path == "/v2/translate" and method == "POST":
                    return self._translate(body)
                if path == "/v2/glossaries" and method == "POST":
                    return self._create_glossary(body)
                match = re.fullmatch(r"/v2/glossaries/([\w-]+)", path)
                if match and method == "GET":
                    info = fake.glossaries.get(match.group(1))
                    return (
                        self._send(200, info["info"])
                        if info
                        else self._send(404, {"message": "Glossary not found"})
                    )
                return self._send(404, {"message": "no such endpoint in the fake"})

            def _translate(self, body: dict) -> None:
                texts = body["text"] if isinstance(body["text"], list) else [body["text"]]
                glossary = fake.glossaries.get(body.get("glossary_id") or "", {}).get("entries", {})
                ignore_tags = body.get("ignore_tags") or []
                ignore_tags = ignore_tags.split(",") if isinstance(ignore_tags, str) else ignore_tags
                ignore = set(ignore_tags) - {""}
                results = []
                for text in texts:
                    billed = len(_TAG.sub("", text))
                    fake.character_count += billed
                    results.append(
                        {
                            "detected_source_language": body.get("source_lang", "DE"),
                            "text": fake._mangled(
                                fake.translate(text, body["target_lang"], glossary, ignore)
                            ),
                            "billed_characters": billed,
                        }
                    )
                self._send(200, {"translations": results})

            def _create_glossary(self, body: dict) -> None:
                entries = dict(line.split("\t", 1) for line in body["entries"].splitlines() if line)
                glossary_id = str(uuid.uuid4())
                info = {
                    "glossary_id": glossary_id,
                    "name": body["name"],
                    "ready": True,
                    "source_lang": body["source_lang"].lower(),
                    "target_lang": body["target_lang"].lower(),
                    "creation_time": "2026-11-26T10:00:00.000Z",
                    "entry_count": len(entries),
                }
                fake.glossaries[glossary_id] = {"info": info, "entries": entries}
                self._send(201, info)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

        return Handler
