"""The two test runners of `make test-odoo`, compared test by test.

pytest-odoo writes a JUnit XML file, Odoo's own runner (``odoo-bin --test-enable``) a log; both are
reduced to test ids of Odoo's form (``<addon>.tests.<module>.<Class>.<method>``):

    python3 scripts/test_runners.py pytest JUNIT.xml            # prints "pytest: 601 passed"
    python3 scripts/test_runners.py compare JUNIT.xml ODOO.log  # prints both counts, the differences

``compare`` exits non-zero when Odoo's runner reports a failure, an error or a skipped test (a skip
is a failure in this suite, as under pytest), when it ran no test at all, or when the two runners did
not run the same tests: then the ids that only one of them ran are printed, per class.
Plain Python, no Odoo import.
"""

import collections
import re
import sys
import xml.etree.ElementTree as ET

# "2026-12-04 21:00:00,123 4242 INFO db odoo.addons.x.tests.test_y: Starting TestClass.test_z ..."
LOG_LINE = re.compile(
    r"^\S+ \S+ \d+ (?P<level>[A-Z]+) \S+ odoo\.addons\.(?P<module>\w+\.tests\.\w+): "
    r"(?P<event>Starting |skipped |FAIL: |ERROR: )(?:Subtest )?(?P<test>\w+\.\w+)"
)
SUMMARY = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")


def pytest_results(path):
    """{test id: outcome} of a pytest JUnit XML file; outcome is passed, failed, error or skipped."""
    results = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        # "claims_management.tests.test_benefit.TestIndemnity" or, for the test addon under tests/,
        # "tests.insurance_suite_tests.tests.test_docs.TestDocs"
        package, _sep, rest = case.get("classname").rpartition(".tests.")
        test_id = f"{package.rpartition('.')[2]}.tests.{rest}.{case.get('name')}"
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed"}.get(child.tag, child.tag)
        # a test that fails in its teardown appears twice: keep the worse outcome
        if results.get(test_id, "passed") == "passed":
            results[test_id] = outcome
    return results


def odoo_results(path):
    """(ids started, ids skipped, ids failed or errored, summary dict or None) of an Odoo runner log."""
    started, skipped, broken = [], set(), set()
    summary = None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.match(line)
            if match:
                test_id = f"{match['module']}.{match['test']}"
                if match["event"] == "Starting ":
                    started.append(test_id)
                elif match["event"] == "skipped ":
                    skipped.add(test_id)
                else:
                    broken.add(test_id)
                continue
            found = SUMMARY.search(line)
            if found:
                summary = {key: int(value) for key, value in found.groupdict().items()}
    return started, skipped, broken, summary


def pytest_line(results):
    counts = collections.Counter(results.values())
    parts = [f"{counts[outcome]} {outcome}" for outcome in ("passed", "failed", "error", "skipped") if counts[outcome]]
    return "pytest: " + (", ".join(parts) or "no tests")


def per_class(ids):
    return collections.Counter(test_id.rpartition(".")[0] for test_id in ids)


def compare(junit_path, log_path):
    pytest_ids = pytest_results(junit_path)
    started, skipped, broken, summary = odoo_results(log_path)
    problems = []
    print(pytest_line(pytest_ids))
    if summary is None:
        print("odoo: no summary line in the log (the runner did not finish)")
        return 1
    failed, errors = summary["failed"], summary["errors"]
    print(f"odoo: {summary['run']} tests, {failed} failed, {errors} error(s), {len(skipped)} skipped")
    if summary["failed"] or summary["errors"]:
        problems.append(f"Odoo's runner: {summary['failed']} failed, {summary['errors']} error(s)")
        for test_id in sorted(broken):
            print(f"  failed under Odoo's runner: {test_id}")
    if skipped:
        problems.append(f"Odoo's runner skipped {len(skipped)} test(s); a skipped test counts as a failure")
        for test_id in sorted(skipped):
            print(f"  skipped under Odoo's runner: {test_id}")
    if not summary["run"]:
        problems.append("Odoo's runner ran no test")
    twice = [test_id for test_id, count in collections.Counter(started).items() if count > 1]
    if twice:
        problems.append(f"Odoo's runner ran {len(twice)} test(s) more than once: {', '.join(sorted(twice))}")
    only_pytest = set(pytest_ids) - set(started)
    only_odoo = set(started) - set(pytest_ids)
    if only_pytest or only_odoo or len(pytest_ids) != summary["run"]:
        problems.append(
            f"the runners differ: pytest ran {len(pytest_ids)} tests, Odoo's runner {summary['run']} "
            f"({len(only_pytest)} only under pytest, {len(only_odoo)} only under Odoo)"
        )
        mine, theirs = per_class(pytest_ids), per_class(started)
        for cls in sorted(set(mine) | set(theirs)):
            if mine[cls] != theirs[cls]:
                print(f"  {cls}: pytest {mine[cls]}, odoo {theirs[cls]}")
        for test_id in sorted(only_pytest):
            print(f"  - only under pytest: {test_id}")
        for test_id in sorted(only_odoo):
            print(f"  + only under Odoo:   {test_id}")
    for problem in problems:
        print(f"FAILED: {problem}")
    if not problems:
        print(f"the two runners ran the same {summary['run']} tests, all passed")
    return 1 if problems else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "pytest":
        print(pytest_line(pytest_results(argv[2])))
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
