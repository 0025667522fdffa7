"""`make faults`: a bounded stream of public complaint posts (GET for the CSRF token, then POST), each
from its own client address in X-Forwarded-For (the server runs with proxy_mode), while PostgreSQL is
restarted under it. Writes the answers to a JSON file: the status counts, the complaint numbers of the
2xx answers, how many error answers showed a Python traceback to the client, and each answer's time and
status (to see what clients got during the restart and when the server answered again).

Usage: python scripts/faults_posts.py --url http://127.0.0.1:8312 --posts 300 --threads 4 --seconds 180
       --progress FILE --result FILE --tag RUN
"""

import argparse
import collections
import concurrent.futures
import itertools
import json
import os
import re
import threading
import time

import requests

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
COMPLAINT_NUMBER = re.compile(r"<strong>([^<]+)</strong>")
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|psycopg2|File \"/")
MAX_POSTS = 5000
MAX_SECONDS = 900


def client_address(number):
    number += 1
    return f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


class Stream:
    def __init__(self, url, posts, deadline, progress, tag):
        self.url, self.posts, self.deadline, self.progress, self.tag = url, posts, deadline, progress, tag
        self.numbers = itertools.count()
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.accepted = []
        self.tracebacks = 0
        self.sent = 0
        self.timeline = []

    def record(self, status, text=None, number=None):
        with self.lock:
            self.statuses[status] += 1
            code = status if isinstance(status, int) else int(status.split()[-1]) if status[-1:].isdigit() else 0
            if text and code >= 400 and TRACEBACK.search(text):
                self.tracebacks += 1
            if number:
                self.accepted.append(number)
            self.timeline.append((round(time.time(), 3), str(status)))
            self.sent += 1
            # written aside and renamed: the shell reading it never sees an empty file
            with open(f"{self.progress}.tmp", "w", encoding="utf-8") as progress:
                progress.write(str(self.sent))
            os.replace(f"{self.progress}.tmp", self.progress)

    def post_one(self, number):
        headers = {"X-Forwarded-For": client_address(number), "X-Forwarded-Host": "127.0.0.1"}
        session = requests.Session()
        try:
            page = session.get(f"{self.url}/complaint/new", headers=headers, timeout=30)
            token = CSRF.search(page.text or "")
            if not token:
                self.record(f"GET {page.status_code}", page.text)
                return
            answer = session.post(
                f"{self.url}/complaint/new",
                headers=headers,
                timeout=30,
                data={
                    "csrf_token": token.group(1),
                    "name": f"Restart Complainant {number}",
                    "email": f"restart{number}@example.com",
                    "phone": "",
                    "demand": "Pay my claim now",
                    "facts": f"Post {number} during the database restart ({self.tag}).",
                },
            )
        except requests.RequestException as error:
            self.record(f"connection error ({type(error).__name__})")
            return
        found = COMPLAINT_NUMBER.search(answer.text or "") if 200 <= answer.status_code < 300 else None
        self.record(answer.status_code, answer.text, found.group(1).strip() if found else None)

    def worker(self):
        while time.monotonic() < self.deadline:
            with self.lock:
                number = next(self.numbers)
            if number >= self.posts:
                return
            self.post_one(number)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--progress", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--tag", required=True, help="written into each post's facts, to count this run's complaints")
    args = parser.parse_args()
    if not 1 <= args.posts <= MAX_POSTS or not 1 <= args.seconds <= MAX_SECONDS or not 1 <= args.threads <= 16:
        raise SystemExit(f"--posts 1..{MAX_POSTS}, --seconds 1..{MAX_SECONDS}, --threads 1..16")
    stream = Stream(args.url, args.posts, time.monotonic() + args.seconds, args.progress, args.tag)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for future in [pool.submit(stream.worker) for _index in range(args.threads)]:
            future.result()
    with open(args.result, "w", encoding="utf-8") as result:
        json.dump(
            {
                "sent": stream.sent,
                "seconds": round(time.monotonic() - started, 1),
                "statuses": {str(status): count for status, count in stream.statuses.items()},
                "accepted_numbers": stream.accepted,
                "tracebacks_shown": stream.tracebacks,
                "timeline": stream.timeline,
            },
            result,
        )


if __name__ == "__main__":
    main()
