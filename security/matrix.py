"""The role x record x operation matrix of security/matrix.csv, and its tables in security/README.md.

``python3 security/matrix.py`` rewrites the tables between the markers of README.md from the CSV;
the test ``tests/insurance_suite_tests/tests/test_security_matrix.py`` runs every row of the CSV and
checks that the README tables are the ones rendered from it, so the two cannot drift. Plain Python,
no Odoo import.
"""

import csv
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CSV_PATH = HERE / "matrix.csv"
README_PATH = HERE / "README.md"
START = "<!-- security-matrix:start (generated from security/matrix.csv by security/matrix.py) -->"
END = "<!-- security-matrix:end -->"
ROLES = (
    "portal",
    "claims_user",
    "claims_director",
    "claims_auditor",
    "billing",
    "accountant",
    "complaint_officer",
    "complaint_manager",
    "duty_user",
    "duty_leader",
    "duty_manager",
)
EXPECTED = ("allowed", "refused")


def load(path=CSV_PATH):
    """The rows of the CSV as dicts; a row with an unknown role or expectation is an error."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        if row["role"] not in ROLES or row["expected"] not in EXPECTED:
            raise ValueError(f"{path.name} line {number}: unknown role or expectation: {row}")
    return rows


def render(rows):
    """Markdown: one table per record, one line per operation, one column per role (✓ allowed, – refused)."""
    records = {}
    for row in rows:
        records.setdefault(row["record"], {}).setdefault(row["operation"], {})[row["role"]] = row["expected"]
    lines = [
        START,
        "",
        f"{len(rows)} cases, each run by `tests/insurance_suite_tests/tests/test_security_matrix.py`.",
        "",
    ]
    for record, operations in records.items():
        lines.append(f"| `{record}` | " + " | ".join(ROLES) + " |")
        lines.append("|---|" + "---|" * len(ROLES))
        for operation, expected in operations.items():
            cells = ["✓" if expected.get(role) == "allowed" else "–" for role in ROLES]
            lines.append(f"| {operation} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def readme_block(text):
    """The generated block of the README, or ``None`` when the markers are missing."""
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def main():
    text = README_PATH.read_text(encoding="utf-8")
    block = render(load())
    current = readme_block(text)
    if current is None:
        text = text.rstrip("\n") + "\n\n## Security test matrix\n\n" + block + "\n"
    else:
        text = text.replace(current, block)
    README_PATH.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
