"""Log in to a running Odoo and save a PNG of a page, for the README.

Usage: .venv/bin/python scripts/screenshot.py URL_PATH OUT.png [--login admin --password admin --lang zh_CN]

Drives Debian's headless Chromium over the DevTools protocol with
websocket-client (no extra browser download).
"""

import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


def devtools_page(port, deadline=20):
    end = time.time() + deadline
    while time.time() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as answer:
                pages = [page for page in json.load(answer) if page["type"] == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("Chromium did not open its DevTools port")


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)

    def wait_for(self, selector, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            found = self.evaluate(f"!!document.querySelector({json.dumps(selector)})")
            if found.get("result", {}).get("value"):
                return
            time.sleep(0.3)
        raise SystemExit(f"{selector} did not appear")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--base", default="http://localhost:8069")
    parser.add_argument("--db", default="insurance")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--lang", default=None, help="switch the user to this language first (en_US, zh_CN)")
    parser.add_argument("--wait", default=".o_action_manager .o_view_controller", help="CSS selector to wait for")
    parser.add_argument("--size", default="1366,768")
    args = parser.parse_args()

    port = 9333
    profile = tempfile.mkdtemp(prefix="odoo-shot-")
    browser = subprocess.Popen(
        [
            shutil.which("chromium") or "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}",
            f"--window-size={args.size}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = Page(devtools_page(port))
        page.call("Page.enable")
        page.call("Page.navigate", url=f"{args.base}/web/login")
        page.wait_for("input[name=login]")
        page.evaluate(
            f"""(async () => {{
                const r = await fetch('/web/session/authenticate', {{method: 'POST',
                    headers: {{'Content-Type': 'application/json'}},
                    body: JSON.stringify({{jsonrpc: '2.0', params: {{db: {json.dumps(args.db)},
                        login: {json.dumps(args.login)}, password: {json.dumps(args.password)}}}}})}});
                return r.status; }})()"""
        )
        if args.lang:
            page.evaluate(
                f"""fetch('/web/dataset/call_kw', {{method: 'POST', headers: {{'Content-Type': 'application/json'}},
                    body: JSON.stringify({{jsonrpc: '2.0', params: {{model: 'res.users', method: 'write',
                    args: [[2], {{lang: {json.dumps(args.lang)}}}], kwargs: {{}}}}}})}}).then(r => r.status)"""
            )
        page.call("Page.navigate", url=f"{args.base}{args.path}")
        page.wait_for(args.wait)
        time.sleep(1.5)
        shot = page.call("Page.captureScreenshot", format="png")
        with open(args.out, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        print(f"saved {args.out}")
    finally:
        browser.terminate()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
