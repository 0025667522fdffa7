#!/usr/bin/env python3
"""Write each addon's README.rst from its readme/*.md fragments, in the layout of OCA's
oca-gen-addon-readme (which is not published on PyPI): title, badges, description, table of contents,
installation, configuration, usage, known issues, changelog, bug tracker, credits.

    python3 scripts/gen_readme.py            # rewrite every README.rst and the root README's settings table
    python3 scripts/gen_readme.py --check    # exit 1 and name the files that differ

Standard library only. The fragments use a small part of Markdown: paragraphs, headings, bullet and
numbered lists (nested by indentation), fenced code blocks, pipe tables, `code`, **bold**, *emphasis* and
[links](url). tests/test_docs.py checks that every README.rst is what this script writes and that
docutils reads it without a warning.
"""

import ast
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = (
    "cn_working_calendar",
    "insurance_base",
    "duty_roster",
    "claims_management",
    "complaint_management",
    "insurance_records",
    "insurance_spreadsheet_dashboard",
    "insurance_demo_cn",
)
# (fragment, section title); DESCRIPTION has no title, CONTRIBUTORS and CREDITS go under Credits
SECTIONS = (
    ("INSTALL.md", "Installation"),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("HISTORY.md", "Changelog"),
)
REQUIRED = ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md", "HISTORY.md")
SUBTITLE_CHARS = "-~^"
LICENSES = {
    "LGPL-3": ("LGPL--3", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "AGPL-3": ("AGPL--3", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
}
MATURITY_COLOURS = {"Alpha": "red", "Beta": "yellow", "Production/Stable": "green", "Mature": "brightgreen"}

# ---------------------------------------------------------------------------
# Inline Markdown
# ---------------------------------------------------------------------------
INLINE = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|(?P<strong>\*\*[^*\s](?:[^*]*[^*\s])?\*\*)"
    r"|(?P<em>\*[^*\s](?:[^*]*[^*\s])?\*)"
    r"|(?P<link>\[[^\]]+\]\([^)\s]+\))"
    r"|(?P<auto><https?://[^>\s]+>)"
)
# characters that may stand right before an inline start-string or right after an end-string in RST
BEFORE_OK = set(" \t\n-:/'\"<([{")
AFTER_OK = set(" \t\n-.,:;!?\\/'\")]}>")


def _may_precede(char):
    return char is None or char in BEFORE_OK or unicodedata.category(char) in ("Pd", "Po", "Ps", "Pi", "Pf")


def _may_follow(char):
    return char is None or char in AFTER_OK or unicodedata.category(char) in ("Pd", "Po", "Pe", "Pi", "Pf")


def _escape(text):
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*`|])", r"\\\1", text)
    # a word ending in "_" would be a reference
    return re.sub(r"(?<=\w)_(?!\w)", r"\\_", text)


def _markup(match):
    kind, token = match.lastgroup, match.group()
    if kind == "code":
        return f"``{token[1:-1]}``"
    if kind == "link":
        label, url = re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", token).groups()
        return f"`{_escape(label)} <{url}>`__"
    if kind == "auto":
        return token[1:-1]
    return token


def inline(text):
    """One line of Markdown text as reStructuredText."""
    out, pos = [], 0
    for match in INLINE.finditer(text):
        out.append(_escape(text[pos : match.start()]))
        before = text[match.start() - 1] if match.start() else None
        after = text[match.end()] if match.end() < len(text) else None
        markup = _markup(match)
        if match.lastgroup != "auto":
            if not _may_precede(before):
                markup = "\\ " + markup
            if not _may_follow(after):
                markup += "\\ "
        out.append(markup)
        pos = match.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------
ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*]|\d+\.) +(?P<text>.*)$")
HEADING = re.compile(r"^(?P<level>#{1,6}) +(?P<title>.+?) *#*$")
FENCE = re.compile(r"^ *```(?P<lang>[\w+-]*) *$")


def _table(lines):
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    body = rows[2:] if len(rows) > 1 and set("".join(rows[1])) <= set("-: ") else rows[1:]
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [rows[0], *body]:
        for index, cell in enumerate(row):
            out.append(f"   {'*' if index == 0 else ' '} - {inline(cell)}".rstrip())
    return out


def _list(items):
    """``items``: [(markdown indent, marker, [lines])] of one list; nested by indentation."""
    out, stack = [], []  # stack: (markdown indent, rst indent of the marker, rst indent of the text)
    for indent, marker, lines in items:
        closed = False
        while stack and stack[-1][0] > indent:
            stack.pop()
            closed = True
        if stack and stack[-1][0] == indent:
            base = stack.pop()[1]
        elif stack:
            base = stack[-1][2]
            out.append("")
        else:
            base = 0
        if closed:
            out.append("")
        rst_marker = "-" if marker in "-*" else marker
        text_col = base + len(rst_marker) + 1
        stack.append((indent, base, text_col))
        first, *rest = inline("\n".join(lines)).split("\n")
        out.append(" " * base + f"{rst_marker} {first}")
        for line in rest:
            out.append(" " * text_col + line if line else "")
    return out


def _kind(item):
    return "bullet" if item.group("marker") in "-*" else "number"


def _read_fence(lines, i, levels):
    fence = FENCE.match(lines[i])
    j = i + 1
    while j < len(lines) and not FENCE.match(lines[j]):
        j += 1
    head = f".. code-block:: {fence.group('lang')}" if fence.group("lang") else "::"
    return [head, "", *[("    " + code_line).rstrip() for code_line in lines[i + 1 : j]]], j + 1


def _read_heading(lines, i, levels):
    heading = HEADING.match(lines[i])
    title = inline(heading.group("title"))
    char = SUBTITLE_CHARS[min(levels.index(len(heading.group("level"))), len(SUBTITLE_CHARS) - 1)]
    return [title, char * _width(title)], i + 1


def _read_table(lines, i, levels):
    j = i
    while j < len(lines) and lines[j].lstrip().startswith("|"):
        j += 1
    return _table(lines[i:j]), j


def _read_list(lines, i, levels):
    items, kind = [], _kind(ITEM.match(lines[i]))
    while i < len(lines):
        item = ITEM.match(lines[i])
        if item and items and not item.group("indent") and _kind(item) != kind:
            break
        if item:
            items.append((len(item.group("indent")), item.group("marker"), [item.group("text").strip()]))
        elif lines[i].strip() and not FENCE.match(lines[i]) and not HEADING.match(lines[i]):
            items[-1][2].append(lines[i].strip())
        else:
            # a blank line: the list goes on if the next line is an item of it or an indented continuation
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            next_item = ITEM.match(nxt)
            same_list = next_item and (next_item.group("indent") or _kind(next_item) == kind)
            if lines[i].strip() or not (same_list or (nxt.startswith("  ") and nxt.strip())):
                break
            if not next_item:
                items[-1][2].append("")
        i += 1
    return _list(items), i


def _read_paragraph(lines, i, levels):
    j, paragraph = i, []
    while j < len(lines) and lines[j].strip():
        if j > i and (FENCE.match(lines[j]) or HEADING.match(lines[j]) or ITEM.match(lines[j])):
            break
        paragraph.append(lines[j].strip())
        j += 1
    return inline("\n".join(paragraph)).split("\n"), j


def _reader(line):
    if FENCE.match(line):
        return _read_fence
    if HEADING.match(line):
        return _read_heading
    if line.lstrip().startswith("|"):
        return _read_table
    if ITEM.match(line):
        return _read_list
    return _read_paragraph


def markdown_to_rst(text):
    lines = text.rstrip().splitlines()
    levels = sorted({len(m.group("level")) for m in map(HEADING.match, lines) if m})
    blocks, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        rst_lines, i = _reader(lines[i])(lines, i, levels)
        blocks.append("\n".join(rst_lines).strip("\n"))
    return "\n\n".join(blocks)


def _width(text):
    """Columns a title takes in a monospaced font (CJK characters are two wide), as docutils counts."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


# ---------------------------------------------------------------------------
# README.rst
# ---------------------------------------------------------------------------
def _section(title, char="="):
    return f"{title}\n{char * _width(title)}"


def render(addon, root=ROOT):
    """The README.rst of ``addon``, as text."""
    folder = root / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text(encoding="utf-8"))
    fragments = folder / "readme"
    missing = [name for name in REQUIRED if not (fragments / name).is_file()]
    if missing:
        raise SystemExit(f"{addon}: readme/ lacks {', '.join(missing)}")

    def fragment(name):
        path = fragments / name
        return markdown_to_rst(path.read_text(encoding="utf-8")) if path.is_file() else None

    title = manifest["name"]
    bar = "=" * _width(title)
    website = manifest.get("website", "").rstrip("/")
    parts = [
        ".. !! This file is generated by scripts/gen_readme.py from readme/*.md and __manifest__.py:\n"
        "   !! edit those and run `make readme`.",
        f"{bar}\n{title}\n{bar}",
    ]
    badges, targets = [], []
    status = manifest.get("development_status")
    if status:
        colour = MATURITY_COLOURS.get(status, "lightgrey")
        badge = status.replace("/", "%2F").replace("-", "--")
        badges.append("|badge1|")
        targets.append(
            f".. |badge1| image:: https://img.shields.io/badge/maturity-{badge}-{colour}.png\n"
            f"    :target: https://odoo-community.org/page/development-status\n"
            f"    :alt: {status}"
        )
    if manifest.get("license") in LICENSES:
        label, url = LICENSES[manifest["license"]]
        badges.append("|badge2|")
        targets.append(
            f".. |badge2| image:: https://img.shields.io/badge/licence-{label}-blue.png\n"
            f"    :target: {url}\n"
            f"    :alt: License: {manifest['license']}"
        )
    if badges:
        parts += [" ".join(badges), "\n".join(targets)]
    parts += [fragment("DESCRIPTION.md"), "**Table of contents**", ".. contents::\n   :local:"]
    for name, section in SECTIONS:
        body = fragment(name)
        if body:
            parts += [_section(section), body]
    parts += [
        _section("Bug Tracker"),
        f"Bugs are tracked on `GitHub Issues <{website}/issues>`_. In case of trouble, please check there if "
        f"your issue has already been reported. If you spotted it first, help us to smash it by providing a "
        f"detailed and welcomed feedback.",
        _section("Credits"),
        _section("Authors", "-"),
        "\n".join(f"* {inline(author.strip())}" for author in manifest.get("author", "").split(",")),
        _section("Contributors", "-"),
        fragment("CONTRIBUTORS.md"),
    ]
    credits = fragment("CREDITS.md")
    if credits:
        parts += [_section("Other credits", "-"), credits]
    maintainers = manifest.get("maintainers") or []
    parts += [_section("Maintainers", "-")]
    if maintainers:
        parts.append("\n".join(f"* `{name} <https://github.com/{name}>`__" for name in maintainers))
    repository = website.split("github.com/", 1)[-1] if "github.com/" in website else website
    parts.append(f"This module is part of the `{repository} <{website}/tree/18.0/{addon}>`_ project on GitHub.")
    return "\n\n".join(part for part in parts if part) + "\n"


# ---------------------------------------------------------------------------
# The root README's settings table, read from the models' source
# ---------------------------------------------------------------------------
SETTINGS_START = "<!-- settings-table: generated by scripts/gen_readme.py, do not edit -->"
SETTINGS_END = "<!-- settings-table: end -->"
POSITIONAL_STRING = {"Many2one": 1, "One2many": 2, "Many2many": 4, "Selection": 1}


def _field_defs(path):
    """{field name: (field type, label, default text, related)} of the fields defined in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    defs = {}
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for node in cls.body:
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            call, target = node.value, node.targets[0]
            func = call.func
            if not (isinstance(target, ast.Name) and isinstance(func, ast.Attribute)):
                continue
            if not (isinstance(func.value, ast.Name) and func.value.id == "fields"):
                continue
            keywords = {kw.arg: kw.value for kw in call.keywords}
            index = POSITIONAL_STRING.get(func.attr, 0)
            label = keywords.get("string") or (call.args[index] if len(call.args) > index else None)
            default = keywords.get("default")
            if isinstance(default, ast.Name) and default.id in constants:
                default = constants[default.id]
            related = keywords.get("related")
            defs[target.id] = (
                func.attr,
                label.value if isinstance(label, ast.Constant) else None,
                _default_text(default),
                related.value if isinstance(related, ast.Constant) else None,
            )
    return defs


def _default_text(node):
    if node is None:
        return ""
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return "computed"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`" if isinstance(value, str) else f"{value:,}" if isinstance(value, int) else str(value)


def _odoo_label(name):
    """The label Odoo gives a field defined without one."""
    base = name[:-4] if name.endswith("_ids") else name[:-3] if name.endswith("_id") else name
    return base.replace("_", " ").title()


def settings_rows(root=ROOT):
    """[(addon, field, label, default)] of every field of res.config.settings the suite's addons add."""
    company = {}
    for addon in ADDONS:
        for path in sorted((root / addon / "models").glob("res_company*.py")):
            company.update(_field_defs(path))
    rows = []
    for addon in ADDONS:
        for path in sorted((root / addon / "models").glob("res_config_settings*.py")):
            for name, (_type, label, default, related) in _field_defs(path).items():
                if related and related.startswith("company_id.") and related[11:] in company:
                    _type, label, default, _related = company[related[11:]]
                if not default:
                    default = "off" if _type == "Boolean" else "–"
                rows.append((addon, name, label or _odoo_label(name), default))
    return rows


def settings_table(root=ROOT):
    lines = ["| addon | field | label (Settings) | default |", "|---|---|---|---|"]
    for addon, name, label, default in settings_rows(root):
        lines.append(f"| `{addon}` | `{name}` | {label.replace('|', '/')} | {default} |")
    return "\n".join(lines)


def render_root_readme(root=ROOT):
    text = (root / "README.md").read_text(encoding="utf-8")
    head, rest = text.split(SETTINGS_START, 1)
    _old, tail = rest.split(SETTINGS_END, 1)
    return f"{head}{SETTINGS_START}\n{settings_table(root)}\n{SETTINGS_END}{tail}"


def main(argv):
    check = "--check" in argv
    differ = []
    root_readme = ROOT / "README.md"
    text = render_root_readme()
    if root_readme.read_text(encoding="utf-8") != text:
        differ.append("README.md (settings table)")
        if not check:
            root_readme.write_text(text, encoding="utf-8")
            print("wrote README.md (settings table)")
    for addon in ADDONS:
        text = render(addon)
        target = ROOT / addon / "README.rst"
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        differ.append(addon)
        if not check:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if check and differ:
        print("README.rst differs from readme/*.md (run `make readme`): " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
