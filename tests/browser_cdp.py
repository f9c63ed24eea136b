"""One headless Chromium tab driven over the DevTools protocol (a WebSocket, with websocket-client, which
Selenium brings): open a page, wait for its load event, and read what went wrong on it. Faster than
WebDriver for hundreds of pages (one round trip per page) and it sees every console message, uncaught
exception and network event, not only what the browser log keeps."""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
import urllib.request
from pathlib import Path


class Tab:
    def __init__(self, ws):
        self.ws = ws
        self.last_id = 0
        self.events: list[dict] = []
        self.held: list[dict] = []
        self.let_through = 0

    def _post(self, method: str, **params) -> int:
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        return self.last_id

    def send(self, method: str, **params) -> dict:
        sent = self._post(method, **params)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == sent:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    def _event(self, msg: dict) -> None:
        """Keep an event; a document asked for is let through while this page is loading, held after."""
        if "id" in msg:  # the answer to a command posted without waiting
            return
        self.events.append(msg)
        if msg.get("method") == "Fetch.requestPaused":
            if self.let_through:
                self.let_through -= 1
                self._post("Fetch.continueRequest", requestId=msg["params"]["requestId"])
            else:
                self.held.append(msg["params"])

    def _wait(self, done, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: not loaded in {timeout} s")
            self._event(json.loads(self.ws.recv()))

    def open(self, url: str, forwards: bool = False, timeout: float = 30) -> list[dict]:
        """Navigate to ``url`` and wait for its load event; the protocol events seen on the way. A page that
        ``forwards`` (a meta refresh) is held: its request for the next page is refused once it is made,
        so that nothing of it is still under way when the next page is opened."""
        self.events, self.held, self.let_through = [], [], 1
        loader = self.send("Page.navigate", url=url).get("loaderId")
        self._wait(lambda: any(e.get("method") == "Page.lifecycleEvent" and e["params"]["name"] == "load"
                               and e["params"].get("loaderId") == loader for e in self.events), url, timeout)
        if forwards:
            self._wait(lambda: bool(self.held), url, timeout)
            held = self.held.pop(0)
            self.send("Fetch.failRequest", requestId=held["requestId"], errorReason="Aborted")
            self.events = [e for e in self.events if e.get("params", {}).get("requestId") != held.get("networkId")]
        return self.events


def _port(profile: Path, proc: subprocess.Popen, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    path = profile / "DevToolsActivePort"
    while not (path.is_file() and path.read_text().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("Chromium did not open its DevTools port")
        time.sleep(0.05)
    return int(path.read_text().split()[0])


@contextlib.contextmanager
def chromium_tab(chromium: Path, flags: list[str], profile: Path):
    """A Chromium of its own (``profile`` its user data folder) and the one tab it opens, with the Page,
    Runtime, Log and Network events on."""
    import websocket

    proc = subprocess.Popen([str(chromium), *flags, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ws = None
    try:
        port = _port(profile, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as fh:
            page = next(t for t in json.load(fh) if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        tab = Tab(ws)
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            tab.send(method)
        tab.send("Page.setLifecycleEventsEnabled", enabled=True)
        tab.send("Fetch.enable", patterns=[{"resourceType": "Document", "requestStage": "Request"}])
        yield tab
    finally:
        if ws is not None:
            ws.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _console(e: dict) -> str | None:
    method, p = e.get("method"), e.get("params", {})
    if method == "Runtime.exceptionThrown":
        d = p["exceptionDetails"]
        return f"uncaught: {d.get('exception', {}).get('description') or d.get('text')} ({d.get('url', '')})"
    if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
        words = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
        return f"console.{p['type']}: {words}"
    if method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
        entry = p["entry"]
        return f"{entry['level']} ({entry.get('source', '')}): {entry['text']} {entry.get('url', '')}".strip()
    return None


def problems(events: list[dict], base: str) -> list[str]:
    """What went wrong on a page: console errors and warnings, uncaught exceptions, Content-Security-Policy
    violations and other browser errors; a request for a file under ``base`` that failed or came back with
    an error status; a request that left the machine."""
    urls: dict[str, str] = {}
    out = []
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Network.requestWillBeSent":
            url = urls[p["requestId"]] = p["request"]["url"]
            if url.startswith(("http:", "https:")) and not url.startswith(base):
                out.append(f"request off the machine: {url}")
        elif method == "Network.responseReceived" and p["response"]["status"] >= 400:
            out.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            reason = p.get("blockedReason") or p.get("errorText", "")
            out.append(f"failed ({reason}): {urls.get(p['requestId'], p['requestId'])}")
        elif _console(e):
            out.append(_console(e)[:300])
    return out
