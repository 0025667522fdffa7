"""pytest settings shared by every test of the suite.

A skipped test is a failure here: a browser tour that Odoo skips because
Chromium is missing must not pass unnoticed.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped tests count as failures in this suite: {reason}"
