"""pytest settings shared by every test of the suite.

A skipped test is a failure here: a browser tour that Odoo skips because
Chromium is missing must not pass unnoticed. The tests run in Odoo's test mode,
as under Odoo's own runner: no mail leaves the machine, none is attempted.
"""

import pytest

from odoo.modules import module


@pytest.fixture(scope="session", autouse=True)
def odoo_test_mode():
    """What odoo.tests.loader.run_suite sets: mail servers are not connected, mails not sent."""
    module.current_test = True
    yield
    module.current_test = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped tests count as failures in this suite: {reason}"
