"""The documentation says what the code has: the README's model table, dependency graph and settings
table, and the groups of security/README.md, are compared with the installed addons; each addon's
README.rst is generated from its readme/ fragments; data/README.md describes the folder."""

import ast
import importlib.util
import io
import re
import unittest
from pathlib import Path

import docutils.core

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parent.parent
ADDONS = (
    "cn_working_calendar",
    "insurance_base",
    "duty_roster",
    "claims_management",
    "complaint_management",
    "insurance_records",
)
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


def _generator():
    spec = importlib.util.spec_from_file_location("gen_readme", ROOT / "scripts" / "gen_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestGeneratedReadmes(unittest.TestCase):
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
