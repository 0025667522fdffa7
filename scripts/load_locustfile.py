"""`make load`: the users of a media storm, for locust (headless, run by scripts/load.sh).

* Complainants post the public complaint form (GET for the CSRF token and session, then POST), each post
  from its own client address in X-Forwarded-For (the servers run with proxy_mode, so the per-address
  rate limit is exercised but is not the bottleneck), until LOAD_POSTS posts were sent in all.
* Portal users log in and browse /my/claims and /my/complaints, with Odoo's own /my/home as reference.

The users are spread over the servers of LOAD_HOSTS (one per user, round robin). At the end the
accepted complaint numbers and the status counts per route are written to LOAD_RESULT (JSON), which
scripts/load_report.py compares with the database.
"""

import collections
import itertools
import json
import os
import re

from locust import HttpUser, constant, events, task
from locust.exception import StopUser

HOSTS = os.environ["LOAD_HOSTS"].split(",")
POSTS = int(os.environ.get("LOAD_POSTS", "1000"))
COMPLAINANTS = int(os.environ.get("LOAD_COMPLAINANTS", "20"))
PORTAL_USERS = int(os.environ.get("LOAD_PORTAL_USERS", "20"))
PASSWORD = os.environ["LOAD_PASSWORD"]
RESULT = os.environ["LOAD_RESULT"]

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
COMPLAINT_NUMBER = re.compile(r"<strong>([^<]+)</strong>")

_hosts = itertools.cycle(HOSTS)
_posts = itertools.count()
_portal_logins = itertools.count(1)
accepted_numbers = []
statuses = collections.defaultdict(collections.Counter)


def _client_address(number):
    """A distinct private address per post: 10.0.0.1, 10.0.0.2, ..."""
    number += 1
    return f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


class Complainant(HttpUser):
    fixed_count = COMPLAINANTS
    wait_time = constant(0)

    def on_start(self):
        self.client.base_url = next(_hosts)

    @task
    def post_complaint(self):
        number = next(_posts)
        if number >= POSTS:
            raise StopUser()
        headers = {"X-Forwarded-For": _client_address(number), "X-Forwarded-Host": "127.0.0.1"}
        # a new visitor each time: a fresh session and CSRF token
        self.client.cookies.clear()
        with self.client.get("/complaint/new", headers=headers, name="GET /complaint/new", catch_response=True) as page:
            statuses["GET /complaint/new"][page.status_code] += 1
            token = CSRF.search(page.text or "")
            if not token:
                page.failure("no CSRF token in the form")
                return
        form = {
            "csrf_token": token.group(1),
            "name": f"Storm Complainant {number}",
            "email": f"storm{number}@example.com",
            "phone": "",
            "demand": "Pay my claim now",
            "facts": f"Post {number} of the media storm: the claim has been open for weeks.",
        }
        with self.client.post(
            "/complaint/new", data=form, headers=headers, name="POST /complaint/new", catch_response=True
        ) as answer:
            statuses["POST /complaint/new"][answer.status_code] += 1
            if 200 <= answer.status_code < 300:
                found = COMPLAINT_NUMBER.search(answer.text or "")
                if found:
                    accepted_numbers.append(found.group(1).strip())
                else:
                    answer.failure("2xx without a complaint number")


class PortalUser(HttpUser):
    fixed_count = PORTAL_USERS
    wait_time = constant(0.5)

    def on_start(self):
        self.client.base_url = next(_hosts)
        login = f"load-portal-{next(_portal_logins):03d}"
        page = self.client.get("/web/login", name="GET /web/login")
        token = CSRF.search(page.text or "")
        answer = self.client.post(
            "/web/login",
            data={"csrf_token": token.group(1) if token else "", "login": login, "password": PASSWORD},
            name="POST /web/login",
        )
        statuses["POST /web/login"][answer.status_code] += 1

    def _get(self, path):
        with self.client.get(path, name=path, catch_response=True) as page:
            statuses[path][page.status_code] += 1
            if "/web/login" in page.url:
                page.failure("not logged in")

    @task(2)
    def my_claims(self):
        self._get("/my/claims")

    @task(2)
    def my_complaints(self):
        self._get("/my/complaints")

    @task(2)
    def my_home(self):
        self._get("/my/home")


@events.quitting.add_listener
def _write_result(environment, **kwargs):
    with open(RESULT, "w", encoding="utf-8") as result:
        json.dump(
            {
                "accepted_numbers": accepted_numbers,
                "statuses": {route: dict(counter) for route, counter in statuses.items()},
            },
            result,
        )
