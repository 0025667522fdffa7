"""The dashboards read only stored fields that exist, every figure points at a data source that has
it, and each dashboard is shown to (and readable by) the groups it is meant for."""

import datetime
import json
import re
import types

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

DASHBOARDS = {
    "insurance_spreadsheet_dashboard.dashboard_claims": (
        "claims_management.group_claims_user",
        "claims_management.group_claims_auditor",
    ),
    "insurance_spreadsheet_dashboard.dashboard_complaints": (
        "complaint_management.group_complaint_manager",
        "complaint_management.group_complaint_compliance",
    ),
    "insurance_spreadsheet_dashboard.dashboard_duty": ("duty_roster.group_duty_user",),
}
PIVOT_VALUE = re.compile(r'PIVOT\.VALUE\((\d+),"([^"]+)"((?:,[^,()]+)*)\)')
PIVOT_HEADER = re.compile(r'PIVOT\.HEADER\((\d+),"#?([^"]+)",(?:"([^"]*)"|\d+)\)')
LIST_CELL = re.compile(r'ODOO\.LIST\((\d+),\d+,"([^"]+)"\)')
MEASURE_TYPES = ("integer", "float", "monetary")


class _UtcDatetime(datetime.datetime):
    """The web client's datetime of a dashboard domain; the tests run in UTC."""

    def to_utc(self):
        return self


# what py.js offers a dashboard domain, on a fixed day
EVAL_CONTEXT = {
    "context_today": lambda: datetime.date(2026, 6, 15),
    "relativedelta": relativedelta,
    "datetime": types.SimpleNamespace(datetime=_UtcDatetime, time=datetime.time, date=datetime.date),
}


def _domain(domain):
    return safe_eval(domain, dict(EVAL_CONTEXT)) if isinstance(domain, str) else domain


def _domain_fields(domain):
    return [leaf[0] for leaf in domain if isinstance(leaf, (list, tuple))]


def _sources(snapshot):
    """(label, model, domain, measures, groupbys, other fields) of every pivot, list and chart."""
    for pivot in snapshot["pivots"].values():
        yield (
            f"pivot {pivot['id']} {pivot['name']}",
            pivot["model"],
            _domain(pivot["domain"]),
            [m["fieldName"] for m in pivot["measures"] if m["fieldName"] != "__count"],
            [d["fieldName"] for d in pivot["rows"] + pivot["columns"]],
            [],
        )
    for lst in snapshot["lists"].values():
        yield (
            f"list {lst['id']} {lst['name']}",
            lst["model"],
            _domain(lst["domain"]),
            [],
            [],
            lst["columns"] + [order["name"] for order in lst["orderBy"]],
        )
    for sheet in snapshot["sheets"]:
        for figure in sheet["figures"]:
            data = figure["data"]
            if data["type"].startswith("odoo_"):
                meta = data["metaData"]
                measures = [meta["measure"]] if meta["measure"] != "__count" else []
                yield (
                    f"chart {data['title']['text']}",
                    meta["resModel"],
                    _domain(data["searchParams"]["domain"]),
                    measures,
                    [g.split(":")[0] for g in meta["groupBy"]],
                    [],
                )


@tagged("post_install", "-at_install")
class TestDashboards(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        for groups in DASHBOARDS.values():
            for xmlid in groups:
                cls.users[xmlid] = new_test_user(
                    cls.env, login=f"dash_{xmlid.split('.')[1]}", groups=xmlid, company_id=cls.env.company.id
                )
        cls.users["complaint_management.group_complaint_user"] = new_test_user(
            cls.env, login="dash_complaint_officer", groups="complaint_management.group_complaint_user"
        )
        cls.users["base.group_user"] = new_test_user(cls.env, login="dash_employee", groups="base.group_user")

    def _snapshot(self, xmlid):
        return json.loads(self.env.ref(xmlid).spreadsheet_data)

    def test_every_field_exists_and_is_stored(self):
        for xmlid in DASHBOARDS:
            for label, model, domain, measures, groupbys, others in _sources(self._snapshot(xmlid)):
                with self.subTest(dashboard=xmlid, source=label):
                    self.assertIn(model, self.env, "unknown model")
                    fields = self.env[model]._fields
                    for name in measures + groupbys + others + _domain_fields(domain):
                        self.assertIn(name, fields, f"{model} has no field {name}")
                        self.assertTrue(fields[name].store, f"{model}.{name} is not stored")
                    for name in measures:
                        self.assertIn(fields[name].type, MEASURE_TYPES, f"{model}.{name} is no measure")
                        self.assertTrue(fields[name].aggregator, f"{model}.{name} has no aggregator")
                    for name in groupbys:
                        self.assertTrue(fields[name]._description_groupable(self.env), f"{model}.{name} not groupable")

    def test_global_filters_match_stored_fields(self):
        for xmlid in DASHBOARDS:
            snapshot = self._snapshot(xmlid)
            sources = list(snapshot["pivots"].values()) + list(snapshot["lists"].values())
            sources += [
                {"model": f["data"]["metaData"]["resModel"], "fieldMatching": f["data"].get("fieldMatching", {})}
                for sheet in snapshot["sheets"]
                for f in sheet["figures"]
                if f["data"]["type"].startswith("odoo_")
            ]
            filter_ids = {flt["id"] for flt in snapshot["globalFilters"]}
            for source in sources:
                for filter_id, matching in source["fieldMatching"].items():
                    with self.subTest(dashboard=xmlid, model=source["model"], filter=filter_id):
                        self.assertIn(filter_id, filter_ids)
                        if matching.get("chain"):
                            field = self.env[source["model"]]._fields[matching["chain"]]
                            self.assertTrue(field.store)
                            self.assertEqual(field.type, matching["type"])

    def test_every_cell_points_at_a_source_that_has_it(self):
        for xmlid in DASHBOARDS:
            snapshot = self._snapshot(xmlid)
            pivots, lists = snapshot["pivots"], snapshot["lists"]
            cells = [cell.get("content", "") for sheet in snapshot["sheets"] for cell in sheet["cells"].values()]
            formulas = [c for c in cells if "PIVOT." in c or "ODOO.LIST" in c]
            self.assertTrue(formulas, "a dashboard without data")
            for content in formulas:
                with self.subTest(dashboard=xmlid, cell=content):
                    for pid, measure, args in PIVOT_VALUE.findall(content):
                        pivot = pivots[pid]
                        self.assertIn(measure, [m["fieldName"] for m in pivot["measures"]])
                        self._check_dimensions(pivot, [a.strip('"') for a in args.split(",")[1:]])
                    for pid, dim, value in PIVOT_HEADER.findall(content):
                        self._check_dimensions(pivots[pid], [dim, value] if value else [dim])
                    for lid, field in LIST_CELL.findall(content):
                        self.assertIn(field, lists[lid]["columns"])

    def _check_dimensions(self, pivot, args):
        """Pairs of (dimension, value): the dimension is a group-by of the pivot, a selection value exists."""
        dims = [d["fieldName"] for d in pivot["rows"] + pivot["columns"]]
        fields = self.env[pivot["model"]]._fields
        for i in range(0, len(args) - 1 if len(args) % 2 else len(args), 2):
            dim, value = args[i].lstrip("#"), args[i + 1]
            self.assertIn(dim, dims, f"pivot {pivot['id']} is not grouped by {dim}")
            field = fields[dim]
            if field.type == "selection" and not args[i].startswith("#"):
                self.assertIn(value, dict(field._description_selection(self.env)), f"{dim} has no value {value}")
        if len(args) % 2:
            self.assertIn(args[-1].lstrip("#"), dims)

    def test_chart_menus_exist(self):
        for xmlid in DASHBOARDS:
            for menu in self._snapshot(xmlid)["chartOdooMenusReferences"].values():
                with self.subTest(dashboard=xmlid, menu=menu):
                    self.assertEqual(self.env.ref(menu)._name, "ir.ui.menu")

    def test_each_dashboard_is_shown_to_its_groups_only(self):
        mine = self.env["spreadsheet.dashboard"].browse([self.env.ref(x).id for x in DASHBOARDS])
        expected = {xmlid: set() for xmlid in self.users}
        for dashboard, groups in DASHBOARDS.items():
            for group in groups:
                expected[group].add(dashboard)
        # a claims director is a claims user; a head office user a complaint manager
        for group_xmlid, user in self.users.items():
            with self.subTest(group=group_xmlid):
                seen = self.env["spreadsheet.dashboard"].with_user(user).search([("id", "in", mine.ids)])
                self.assertEqual(set(seen.get_external_id().values()), expected[group_xmlid])
                self.assertEqual(
                    seen.dashboard_group_id,
                    self.env.ref("insurance_spreadsheet_dashboard.dashboard_group_insurance")
                    if seen
                    else seen.dashboard_group_id,
                )

    def test_groups_can_read_every_source(self):
        for xmlid, groups in DASHBOARDS.items():
            dashboard = self.env.ref(xmlid)
            for group in groups:
                user = self.users[group]
                dashboard.with_user(user).get_readonly_dashboard()
                for label, model, domain, measures, groupbys, others in _sources(self._snapshot(xmlid)):
                    with self.subTest(dashboard=xmlid, group=group, source=label):
                        records = self.env[model].with_user(user)
                        spec = [f"{m}:{records._fields[m].aggregator}" for m in measures]
                        records.read_group(domain, spec, groupbys, lazy=False)
                        if others:
                            records.search_read(domain, others, limit=10)

    def test_complaint_officers_cannot_read_the_regulator_figures(self):
        officer = self.users["complaint_management.group_complaint_user"]
        with self.assertRaises(AccessError):
            self.env["insurance.complaint.analysis"].with_user(officer).read_group([], [], [])
