"""Test helpers shared by the addons of the suite."""

import contextlib
import json
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


@contextlib.contextmanager
def registry_lock_released():
    """Odoo's own runner (``odoo-bin --test-enable``) runs the tests while its main thread holds
    ``Registry._lock`` (``ThreadedServer.run``). A thread that looks its registry up, as a request in a
    real transaction (``registry_test_mode = False``) or a race test's transaction that opens its first
    environment in its thread does, would wait for the end of the tests. The lock is released for the
    block and taken back after; under pytest-odoo nobody holds it and this does nothing."""
    lock = Registry._lock
    is_owned = getattr(lock, "_is_owned", None)  # the registry test mode's DummyRLock has none
    if is_owned is None or not is_owned():
        yield
        return
    state = lock._release_save()
    try:
        yield
    finally:
        lock._acquire_restore(state)


class CommittedTransactionsMixin:
    """Race tests: a committed fixture and real concurrent transactions.

    Other transactions see only what is committed, so a race test commits its own small fixture,
    built by ``_committed_fixture(cr)`` (which returns the ids it made) and removed by
    ``_drop_fixture(cr, ids)`` whatever the test's outcome. Its steps run in the cursors of
    ``transactions()``, each a transaction of its own, rolled back and closed at the end. Nothing
    waits for a fixed time: ``wait_until_blocked`` watches ``pg_blocking_pids``.

        with self.committed_fixture() as (setup_cr, ids), self.transactions(2) as (first_cr, second_cr):
            ...
    """

    FIXTURE_CONTEXT = {
        "tracking_disable": True,
        "mail_create_nosubscribe": True,
        "mail_create_nolog": True,
        "lang": "en_US",
    }

    def superuser_env(self, cr, **context):
        return api.Environment(cr, SUPERUSER_ID, dict(self.FIXTURE_CONTEXT, **context))

    def _committed_fixture(self, cr):
        raise NotImplementedError

    def _drop_fixture(self, cr, ids):
        raise NotImplementedError

    @contextlib.contextmanager
    def committed_fixture(self):
        """``(setup cursor, fixture ids)``: the fixture is committed, then dropped and committed again."""
        with self.env.registry.cursor() as setup_cr:
            ids = self._committed_fixture(setup_cr)
            setup_cr.commit()  # pylint: disable=invalid-commit
            try:
                yield setup_cr, ids
            finally:
                setup_cr.rollback()
                self._drop_fixture(setup_cr, ids)
                setup_cr.commit()  # pylint: disable=invalid-commit

    @contextlib.contextmanager
    def transactions(self, count=2):
        """``count`` new cursors, each its own transaction, rolled back and closed at the end."""
        cursors = [self.env.registry.cursor() for _index in range(count)]
        try:
            with registry_lock_released():
                yield cursors
        finally:
            for cr in cursors:
                cr.rollback()
                cr.close()

    @staticmethod
    def backend_pid(cr):
        """The server process of ``cr``; asking it also starts the transaction's snapshot."""
        cr.execute("SELECT pg_backend_pid()")
        return cr.fetchone()[0]

    @staticmethod
    def start_thread(function):
        """Run ``function`` in a thread; returns the thread and its outcome, ``{"error": exception or None}``
        once it has ended."""
        outcome = {}

        def run():
            try:
                function()
                outcome["error"] = None
            except Exception as error:  # noqa: BLE001  # pylint: disable=broad-except
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    @staticmethod
    def wait_until_blocked(watch_cr, blocker_pid, waiter_pid, thread, timeout=60):
        """Whether the transaction of ``waiter_pid`` (run by ``thread``) is seen waiting for a lock of
        ``blocker_pid`` within ``timeout`` seconds, watched from ``watch_cr``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and thread.is_alive():
            watch_cr.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [blocker_pid, waiter_pid])
            if watch_cr.fetchone()[0]:
                return True
            time.sleep(0.01)
        return False


class JsonRpcMixin:
    """HTTP tests: a method of ``rpc_model`` called over JSON-RPC as any client calls it, by the user the
    test authenticated."""

    rpc_model = None

    def call_kw(self, method, args, context=None):
        """The JSON-RPC call a client sends; returns the decoded answer (``result`` or ``error``)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": self.rpc_model,
                "method": method,
                "args": args,
                "kwargs": {"context": dict({"lang": "en_US"}, **(context or {}))},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.status_code, 200)
        return response.json()
