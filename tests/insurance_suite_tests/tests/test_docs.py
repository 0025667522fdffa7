"""The documentation says what the code has: the README's model table and dependency graph, and the
groups of security/README.md, are compared with the installed addons."""

import ast
import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parents[3]
# the suite: the addons this test addon depends on
ADDONS = tuple(ast.literal_eval((Path(__file__).resolve().parents[1] / "__manifest__.py").read_text())["depends"])
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
