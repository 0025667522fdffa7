"""The documentation says what the code has: the README's model table, dependency graph and settings
table, and the groups of security/README.md, are compared with the installed addons; each addon's
README.rst is generated from its readme/ fragments; data/README.md describes the folder; the dashboards'
JSON is what the script that writes them writes."""

import ast
import importlib.util
import io
import json
import re
from collections import Counter
from pathlib import Path

import docutils.core

from odoo.addons.claims_management.models.insurance_claim import OPEN_STATES
from odoo.tests import BaseCase, TransactionCase, tagged

ROOT = Path(__file__).resolve().parents[3]
# the suite: the addons this test addon depends on
ADDONS = tuple(ast.literal_eval((Path(__file__).resolve().parents[1] / "__manifest__.py").read_text())["depends"])
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)
MODEL_NAME = re.compile(r"`([a-z_]+(?:\.[a-z_]+)+)`")


def _readme_table(text, header):
    """{first cell: [other cells]} of the Markdown table that starts with ``header``."""
    lines = text[text.index(header) :].splitlines()[2:]
    rows = {}
    for line in lines:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def _structure(text):
    """Headings per level, fenced code blocks in order, table rows and images of a Markdown text."""
    prose = FENCE.sub("", text)
    lines = prose.splitlines()
    return {
        "headings per level": Counter(len(m) for m in re.findall(r"^(#+) ", prose, re.M)),
        "code blocks": FENCE.findall(text),
        "table rows": sum(1 for line in lines if line.startswith("|")),
        "images": re.findall(r"\]\((docs/[^)]+)\)", prose),
    }


@tagged("post_install", "-at_install")
class TestDocs(TransactionCase):
    def test_readme_lists_every_model_of_each_addon(self):
        table = _readme_table((ROOT / "README.md").read_text(encoding="utf-8"), "| addon | models |")
        for addon in ADDONS:
            defined = {name for name, model in self.env.registry.items() if model._original_module == addon}
            with self.subTest(addon=addon):
                self.assertIn(addon, table, "README.md: no row for this addon in the model table")
                listed = set(MODEL_NAME.findall(table[addon][0]))
                self.assertEqual(
                    sorted(listed), sorted(defined), "README.md's model table differs from the code (listed vs defined)"
                )

    def test_readme_dependency_graph_matches_the_manifests(self):
        text = (ROOT / "README.md").read_text(encoding="utf-8")
        graph = text[text.index("Dependencies:") :].split("```")[1]
        arrows = [line.split("->") for line in graph.splitlines() if "->" in line]
        lines = {addon.strip(): depends.split("(")[0] for addon, depends in arrows}
        for addon in ADDONS:
            manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text(encoding="utf-8"))
            with self.subTest(addon=addon):
                self.assertIn(addon, lines, "README.md: the addon is missing from the dependency graph")
                listed = {name.strip() for name in lines[addon].split(",") if name.strip()}
                self.assertEqual(sorted(listed), sorted(manifest["depends"]))

    def test_security_readme_names_every_group(self):
        text = (ROOT / "security" / "README.md").read_text(encoding="utf-8")
        groups_section = text[text.index("## Groups") : text.index("## Models")]
        data = self.env["ir.model.data"].search([("model", "=", "res.groups"), ("module", "in", list(ADDONS))])
        self.assertTrue(data)
        for xmlid in data.mapped("complete_name"):
            group = self.env.ref(xmlid).with_context(lang="en_US")
            with self.subTest(group=xmlid):
                self.assertIn(f"{group.name} (`{xmlid}`", groups_section, "security/README.md: group missing")

    def test_dashboards_are_what_their_builder_writes(self):
        spec = importlib.util.spec_from_file_location("build_dashboards", ROOT / "scripts" / "build_dashboards.py")
        builder = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(builder)
        claim = self.env["insurance.claim"]
        states = dict(claim._fields["state"].selection)
        self.assertEqual([s for s, _label in builder.OPEN_CLAIM_STATES], list(OPEN_STATES))
        self.assertEqual([(s, states[s]) for s in OPEN_STATES], builder.OPEN_CLAIM_STATES)
        self.assertEqual(claim._fields["product_line"]._description_selection(self.env), builder.PRODUCT_LINES)
        for name in ("claims", "complaints", "duty"):
            with self.subTest(dashboard=name):
                path = ROOT / "insurance_spreadsheet_dashboard" / "data" / "files" / f"{name}_dashboard.json"
                self.assertEqual(
                    json.loads(path.read_text(encoding="utf-8")),
                    getattr(builder, name)(),
                    f"{path.name} differs from scripts/build_dashboards.py: run it",
                )

    def test_chinese_readme_has_the_structure_of_the_english_one(self):
        english = (ROOT / "README.md").read_text(encoding="utf-8")
        chinese = (ROOT / "README.zh_CN.md").read_text(encoding="utf-8")
        self.assertIn("(README.zh_CN.md)", "\n".join(english.splitlines()[:5]), "README.md: no link to the Chinese one")
        self.assertIn("(README.md)", "\n".join(chinese.splitlines()[:5]), "README.zh_CN.md: no link to README.md")
        english, chinese = _structure(english), _structure(chinese)
        for part in english:
            with self.subTest(part=part):
                self.assertEqual(chinese[part], english[part], f"README.zh_CN.md and README.md differ in {part}")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_readme", ROOT / "scripts" / "gen_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("standard", "at_install")
class TestGeneratedReadmes(BaseCase):
    """Each addon's README.rst is what scripts/gen_readme.py writes from its readme/ fragments (OCA layout),
    and docutils reads it without a warning."""

    def test_every_addon_has_the_oca_fragments(self):
        for addon in ADDONS:
            for name in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md", "HISTORY.md"):
                with self.subTest(addon=addon, fragment=name):
                    path = ROOT / addon / "readme" / name
                    self.assertTrue(path.is_file(), f"{addon}/readme/{name} is missing")
                    self.assertTrue(path.read_text(encoding="utf-8").strip(), f"{addon}/readme/{name} is empty")

    def test_readme_rst_is_generated_from_the_fragments(self):
        generator = _generator()
        for addon in ADDONS:
            with self.subTest(addon=addon):
                self.assertEqual(
                    (ROOT / addon / "README.rst").read_text(encoding="utf-8"),
                    generator.render(addon),
                    f"{addon}/README.rst differs from its readme/*.md: run `make readme`",
                )

    def test_readme_rst_is_valid_restructuredtext(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                warnings = io.StringIO()
                docutils.core.publish_doctree(
                    (ROOT / addon / "README.rst").read_text(encoding="utf-8"),
                    settings_overrides={"report_level": 2, "halt_level": 5, "warning_stream": warnings},
                )
                self.assertEqual(warnings.getvalue(), "", f"{addon}/README.rst: docutils warnings")

    def test_history_lists_the_manifest_version(self):
        for addon in ADDONS:
            manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text(encoding="utf-8"))
            history = (ROOT / addon / "readme" / "HISTORY.md").read_text(encoding="utf-8")
            with self.subTest(addon=addon):
                self.assertIn(f"## {manifest['version']}", history, f"{addon}: HISTORY.md lacks the manifest version")

    def test_root_readme_settings_table_is_generated(self):
        self.assertEqual(
            (ROOT / "README.md").read_text(encoding="utf-8"),
            _generator().render_root_readme(),
            "README.md's settings table differs from the models: run `make readme`",
        )

    def test_data_readme_names_what_the_folder_holds(self):
        text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
        self.assertNotIn("land here as the features", text, "data/README.md is still the placeholder")
        self.assertIn("## Demo generator", text)
        for entry in sorted((ROOT / "data").iterdir()):
            if entry.name != "README.md" and not entry.name.startswith("."):
                with self.subTest(entry=entry.name):
                    self.assertIn(entry.name, text, f"data/{entry.name} is not described in data/README.md")


@tagged("post_install", "-at_install")
class TestSettingsTable(TransactionCase):
    def test_settings_table_lists_every_settings_field_of_the_suite(self):
        """The generator reads the models' source; here the table meets the registry: the same fields per
        addon, with the labels the settings page shows."""
        rows = _generator().settings_rows()
        settings = self.env["res.config.settings"].with_context(lang="en_US")
        defined = {(field._module, name) for name, field in settings._fields.items() if field._module in ADDONS}
        self.assertEqual(sorted((addon, name) for addon, name, _label, _default in rows), sorted(defined))
        for addon, name, label, _default in rows:
            with self.subTest(field=name):
                self.assertEqual(label, settings._fields[name]._description_string(self.env), addon)
