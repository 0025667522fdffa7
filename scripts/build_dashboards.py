#!/usr/bin/env python3
"""Writes the three spreadsheet dashboards of insurance_spreadsheet_dashboard (data/files/*.json).

The dashboards are built here rather than by hand in the spreadsheet editor so that every data source is
readable in one place and the JSON is reproducible: `python3 scripts/build_dashboards.py` rewrites the
files (deterministic ids). tests/test_dashboards.py of the addon checks every model and field they use.
"""

import json
import uuid
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "insurance_spreadsheet_dashboard" / "data" / "files"
NS = uuid.UUID("6d1f3c0e-3d55-4a43-9a8e-6b3f0d7b2c11")

# py.js (the web client's Python evaluator) turns these into dates when the dashboard loads
TODAY = "context_today().strftime('%Y-%m-%d')"


def days_from_today(days):
    return f"(context_today() + relativedelta(days={days})).strftime('%Y-%m-%d')"


def local_midnight(days):
    """The user's local midnight ``days`` from today, in UTC, for a Datetime field."""
    return (
        f"datetime.datetime.combine(context_today() + relativedelta(days={days}), datetime.time(0, 0, 0))"
        ".to_utc().strftime('%Y-%m-%d %H:%M:%S')"
    )


NOW = "datetime.datetime.now().to_utc().strftime('%Y-%m-%d %H:%M:%S')"

STYLES = {
    "1": {"textColor": "#1F4E79", "bold": True, "fontSize": 16},
    "2": {"textColor": "#434343", "bold": True, "fontSize": 11},
    "3": {"textColor": "#434343", "verticalAlign": "middle"},
    "4": {"textColor": "#434343", "bold": True, "fillColor": "#F2F5F9"},
}
FORMATS = {"1": "0.0%", "2": "#,##0.00", "3": "#,##0", "4": "0.00"}


def row_top(row):
    """The y of a row of the Dashboard sheet (row 1 is 34 px high, the others 23 px)."""
    return 34 + (row - 2) * 23


def fid(*parts):
    return str(uuid.uuid5(NS, "/".join(str(p) for p in parts)))


def col(n):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n]


def t(text):
    return f'=_t("{text}")'


def _split_styles(cells):
    """The sheet's styles and formats by cell (the format of version 21) and the cells' contents."""
    styles = {xc: cell["style"] for xc, cell in cells.items() if "style" in cell}
    formats = {xc: int(cell["format"]) for xc, cell in cells.items() if "format" in cell}
    contents = {xc: {"content": cell["content"]} for xc, cell in cells.items()}
    return {"styles": styles, "formats": formats, "borders": {}}, contents


class Dashboard:
    def __init__(self, key, filters=(), wide=()):
        self.key = key
        self.wide = wide
        self.cells = {}
        self.data = {}
        self.figures = []
        self.pivots = {}
        self.lists = {}
        self.filters = list(filters)
        self.data_row = 0
        self.menus = {}

    def matching(self, model, mapping):
        """fieldMatching of every global filter for a data source of ``model``."""
        out = {}
        for flt in self.filters:
            chain = mapping.get(flt["id"], {}).get(model)
            out[flt["id"]] = {"chain": chain, "type": flt["type"], "offset": 0} if chain else {}
        return out

    def pivot(self, name, model, domain, measures, rows=(), columns=(), sort=None, mapping=None):
        pid = str(len(self.pivots) + 1)
        pivot = {
            "type": "ODOO",
            "id": pid,
            "formulaId": pid,
            "name": name,
            "model": model,
            "domain": domain,
            "context": {},
            "measures": [{"id": m, "fieldName": m} for m in measures],
            "rows": [{"fieldName": r} for r in rows],
            "columns": [{"fieldName": c} for c in columns],
            "fieldMatching": self.matching(model, mapping or {}),
        }
        if sort:
            pivot["sortedColumn"] = {"groupId": [[], []], "measure": sort, "order": "desc"}
        self.pivots[pid] = pivot
        return pid

    def list(self, name, model, domain, columns, order, asc=True, mapping=None):
        lid = str(len(self.lists) + 1)
        self.lists[lid] = {
            "id": lid,
            "name": name,
            "model": model,
            "domain": domain,
            "context": {},
            "columns": columns,
            "orderBy": [{"name": order, "asc": asc}],
            "fieldMatching": self.matching(model, mapping or {}),
        }
        return lid

    def kpi(self, label, formula, fmt=None):
        """A figure on the hidden Data sheet; returns the reference a scorecard shows."""
        self.data_row += 1
        row = self.data_row
        self.data[f"A{row}"] = {"content": t(label)}
        self.data[f"B{row}"] = {"content": formula}
        if fmt:
            self.data[f"B{row}"]["format"] = fmt
        return f"Data!B{row}"

    def scorecard(self, x, title, ref, menu, color="#EFF6FF"):
        figure_id = fid(self.key, "scorecard", title)
        self.figures.append(
            {
                "id": figure_id,
                "x": x,
                "y": 34,
                "width": 220,
                "height": 106,
                "tag": "chart",
                "data": {
                    "type": "scorecard",
                    "title": {"text": title, "bold": True, "color": "#434343"},
                    "background": color,
                    "keyValue": ref,
                    "baselineMode": "difference",
                    "baselineColorUp": "#00A04A",
                    "baselineColorDown": "#DC6965",
                    "humanize": False,
                },
            }
        )
        self.menus[figure_id] = menu

    def chart(self, kind, title, model, domain, group_by, measure, x, y, menu, width=480, height=300, mapping=None):
        figure_id = fid(self.key, "chart", title)
        data = {
            "type": kind,
            "title": {"text": title},
            "background": "#FFFFFF",
            "legendPosition": "top",
            "metaData": {"groupBy": group_by, "measure": measure, "order": None, "resModel": model, "mode": kind[5:]},
            "searchParams": {"comparison": None, "context": {}, "domain": domain, "groupBy": group_by, "orderBy": []},
            "fieldMatching": self.matching(model, mapping or {}),
        }
        if kind == "odoo_bar":
            data.update({"stacked": False, "verticalAxisPosition": "left"})
        self.figures.append(
            {"id": figure_id, "x": x, "y": y, "width": width, "height": height, "tag": "chart", "data": data}
        )
        self.menus[figure_id] = menu

    def title(self, cell, text):
        self.cells[cell] = {"content": t(text), "style": 2}

    def header(self, row, labels, start=0):
        for i, label in enumerate(labels):
            self.cells[f"{col(start + i)}{row}"] = {"content": t(label), "style": 4}

    def snapshot(self, title_text):
        self.cells["A1"] = {"content": t(title_text), "style": 1}
        dashboard_styles, dashboard_cells = _split_styles(self.cells)
        data_styles, data_cells = _split_styles(self.data)
        sheets = [
            {
                "id": "dashboard",
                "name": "Dashboard",
                "colNumber": 8,
                "rowNumber": 80,
                "rows": {"0": {"size": 34}},
                "cols": {str(i): {"size": 230 if i == 0 or i in self.wide else 130} for i in range(8)},
                "merges": [],
                "cells": dashboard_cells,
                **dashboard_styles,
                "conditionalFormats": [],
                "figures": self.figures,
                "tables": [],
                "areGridLinesVisible": False,
                "isVisible": True,
                "headerGroups": [],
                "dataValidationRules": [],
                "comments": {},
            },
            {
                "id": "data",
                "name": "Data",
                "colNumber": 4,
                "rowNumber": max(self.data_row, 40) + 10,
                "rows": {},
                "cols": {"0": {"size": 260}, "1": {"size": 140}},
                "merges": [],
                "cells": data_cells,
                **data_styles,
                "conditionalFormats": [],
                "figures": [],
                "tables": [],
                "areGridLinesVisible": True,
                "isVisible": False,
                "headerGroups": [],
                "dataValidationRules": [],
                "comments": {},
            },
        ]
        return {
            "version": 21,
            "sheets": sheets,
            "styles": STYLES,
            "formats": FORMATS,
            "borders": {},
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {},
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "lists": self.lists,
            "listNextId": len(self.lists) + 1,
            "customTableStyles": {},
            "globalFilters": self.filters,
            "chartOdooMenusReferences": self.menus,
            "odooVersion": 12,
        }


def pivot_table(board, row, pid, dim, rows, columns, first_label, count_positional=True):
    """A small table: one line per position of ``dim`` in pivot ``pid``; ``columns`` are (label, formula(i))."""
    board.header(row, [first_label] + [label for label, _f in columns])
    for i in range(1, rows + 1):
        r = row + i
        board.cells[f"A{r}"] = {"content": f'=PIVOT.HEADER({pid},"#{dim}",{i})', "style": 3}
        for j, (_label, formula) in enumerate(columns, start=1):
            board.cells[f"{col(j)}{r}"] = formula(i)


# the open states of insurance.claim (OPEN_STATES) and the product lines, with their selection labels
# (a PIVOT.HEADER of a value without data would show "None"); the tests compare them with the models
OPEN_CLAIM_STATES = [
    ("reported", "Reported"),
    ("dispatched", "Dispatched"),
    ("surveyed", "Surveyed"),
    ("documents", "Documents"),
    ("assessment", "Assessment"),
    ("decision", "Decision"),
    ("review", "Director Review"),
    ("approved", "Approved"),
    ("agreed", "Agreed with Claimant"),
]
PRODUCT_LINES = [
    ("life", "Life"),
    ("property", "Property"),
    ("liability", "Liability"),
    ("accident_health", "Accident and health"),
    ("livestock", "Livestock and agriculture"),
    ("motor", "Motor"),
    ("other", "Other"),
]


def num(expr):
    """``expr`` or 0: the pivot value of a group without records is empty."""
    return f"IF(ISNUMBER({expr}),{expr},0)"


def claims():
    board = Dashboard("claims", wide=[1])
    is_open = [["is_open", "=", True]]
    p_open = board.pivot("Open claims by stage", "insurance.claim", is_open, ["__count"], rows=["state"])
    buckets = [
        ("0-7 days", [["reported_at", ">=", local_midnight(-7)]]),
        ("8-30 days", [["reported_at", "<", local_midnight(-7)], ["reported_at", ">=", local_midnight(-30)]]),
        ("31-90 days", [["reported_at", "<", local_midnight(-30)], ["reported_at", ">=", local_midnight(-90)]]),
        ("Over 90 days", [["reported_at", "<", local_midnight(-90)]]),
    ]
    p_buckets = [
        (
            label,
            board.pivot(
                f"Open claims {label}", "insurance.claim", domain_str(is_open + dom), ["__count"], rows=["state"]
            ),
        )
        for label, dom in buckets
    ]
    claim_clock = [["claim_id", "!=", False]]
    p_clocks = board.pivot(
        "Open claim clocks by state",
        "insurance.clock",
        claim_clock + [["is_open", "=", True]],
        ["__count"],
        rows=["state"],
    )
    p_due = board.pivot(
        "Claim clocks due within 7 days",
        "insurance.clock",
        domain_str(claim_clock + [["state", "in", ["running", "paused"]], ["due_date", "<=", days_from_today(7)]]),
        ["__count"],
    )
    p_reserve = board.pivot(
        "Outstanding reserve by line",
        "insurance.claim.reserve",
        [["state", "=", "posted"]],
        ["amount"],
        rows=["product_line"],
    )
    p_billed = board.pivot(
        "Payouts billed by line",
        "insurance.claim.payout",
        [["bill_state", "=", "posted"]],
        ["amount"],
        rows=["product_line"],
    )
    p_paid = board.pivot(
        "Payouts paid by line",
        "insurance.claim.payout",
        [["bill_state", "=", "posted"], ["payment_state", "in", ["paid", "in_payment"]]],
        ["amount"],
        rows=["product_line"],
    )
    p_flags = board.pivot(
        "Open red flags by kind",
        "insurance.claim.flag",
        [["state", "=", "open"]],
        ["__count"],
        rows=["kind"],
        sort="__count",
    )

    menu = "claims_management.menu_insurance_claim"
    board.scorecard(0, "Open claims", board.kpi("Open claims", "=" + num(f'PIVOT.VALUE({p_open},"__count")')), menu)
    board.scorecard(
        230,
        "Clocks overdue",
        board.kpi("Claim clocks overdue", "=" + num(f'PIVOT.VALUE({p_clocks},"__count","state","overdue")')),
        menu,
        "#FEF2F2",
    )
    board.scorecard(
        460,
        "Clocks due within 7 days",
        board.kpi("Claim clocks due within 7 days", "=" + num(f'PIVOT.VALUE({p_due},"__count")')),
        menu,
        "#FFF7ED",
    )
    board.scorecard(
        690,
        "Outstanding reserve",
        board.kpi("Outstanding reserve", "=" + num(f'PIVOT.VALUE({p_reserve},"amount")'), "3"),
        menu,
    )
    board.scorecard(920, "Paid", board.kpi("Paid", "=" + num(f'PIVOT.VALUE({p_paid},"amount")'), "3"), menu)

    row = 9
    board.title(f"A{row}", "Open claims by stage and age (since reported)")
    board.header(row + 1, ["Stage"] + [label for label, _p in p_buckets] + ["Total"])
    for i, (state, label) in enumerate(OPEN_CLAIM_STATES, start=1):
        r = row + 1 + i
        board.cells[f"A{r}"] = {"content": t(label), "style": 3}
        for j, (_label, pid) in enumerate(p_buckets, start=1):
            board.cells[f"{col(j)}{r}"] = {"content": f'=PIVOT.VALUE({pid},"__count","state","{state}")'}
        board.cells[f"F{r}"] = {"content": f'=PIVOT.VALUE({p_open},"__count","state","{state}")'}
    row += len(OPEN_CLAIM_STATES) + 3

    board.title(f"A{row}", "Paid vs reserved by product line")
    board.header(row + 1, ["Product line", "Outstanding reserve", "Payouts billed", "Paid"])
    for i, (line, label) in enumerate(PRODUCT_LINES, start=1):
        r = row + 1 + i
        board.cells[f"A{r}"] = {"content": t(label), "style": 3}
        for j, pid in enumerate((p_reserve, p_billed, p_paid), start=1):
            board.cells[f"{col(j)}{r}"] = {
                "content": f'=PIVOT.VALUE({pid},"amount","product_line","{line}")',
                "format": "2",
            }
    row += len(PRODUCT_LINES) + 3

    l_clocks = board.list(
        "Claim clocks due and overdue",
        "insurance.clock",
        claim_clock + [["is_open", "=", True]],
        ["claim_id", "kind", "due_date", "state", "user_id"],
        "due_at",
    )
    board.title(f"A{row}", "Claim clocks due and overdue (earliest first)")
    board.header(row + 1, ["Claim", "Clock", "Due", "State", "Handler"])
    for i in range(1, 11):
        for j, field in enumerate(["claim_id", "kind", "due_date", "state", "user_id"]):
            board.cells[f"{col(j)}{row + 1 + i}"] = {"content": f'=ODOO.LIST({l_clocks},{i},"{field}")'}
    row += 13

    l_flags = board.list(
        "Top flagged claims",
        "insurance.claim",
        [["open_flag_count", ">", 0]],
        ["name", "state", "claimant_id", "handler_id", "open_flag_count", "estimated_loss"],
        "open_flag_count",
        asc=False,
    )
    board.title(f"A{row}", "Top flagged claims")
    board.header(row + 1, ["Claim", "Stage", "Claimant", "Handler", "Open red flags", "Estimated loss"])
    for i in range(1, 11):
        for j, field in enumerate(["name", "state", "claimant_id", "handler_id", "open_flag_count", "estimated_loss"]):
            board.cells[f"{col(j)}{row + 1 + i}"] = {"content": f'=ODOO.LIST({l_flags},{i},"{field}")'}
    row += 13

    board.title(f"A{row}", "Open red flags by kind")
    pivot_table(
        board,
        row + 1,
        p_flags,
        "kind",
        6,
        [("Open red flags", lambda i: {"content": f'=PIVOT.VALUE({p_flags},"__count","#kind",{i})'})],
        "Kind",
    )

    board.chart(
        "odoo_bar",
        "Open claims by stage",
        "insurance.claim",
        is_open,
        ["state"],
        "__count",
        0,
        row_top(row + 9),
        menu,
        width=1140,
    )
    return board.snapshot("Claims")


def domain_str(domain):
    """A domain with py.js expressions (dates relative to today) as the string the web client evaluates."""
    parts = []
    for leaf in domain:
        if isinstance(leaf, str):
            parts.append(repr(leaf))
            continue
        field, op, value = leaf
        if isinstance(value, str) and ("context_today" in value or "datetime" in value):
            rendered = value
        else:
            rendered = json.dumps(value).replace("true", "True").replace("false", "False").replace("null", "None")
        parts.append(f"({field!r}, {op!r}, {rendered})")
    return "[" + ", ".join(parts) + "]"


PERIOD = {
    "id": fid("complaints", "period"),
    "type": "date",
    "label": "Period",
    "rangeType": "fixedPeriod",
    "defaultValue": "this_year",
}
PERIOD_FIELDS = {
    PERIOD["id"]: {
        "insurance.complaint.analysis": "received_date",
        "insurance.policy.premium": "date",
    }
}


def complaints():
    board = Dashboard("complaints", [PERIOD], wide=[4])
    analysis = "insurance.complaint.analysis"
    valid = [["is_valid", "=", True]]
    regulator = [["is_regulator", "=", True]]
    kept = [["state", "!=", "withdrawn"]]

    def pivot(name, model, domain, measures, **kw):
        return board.pivot(name, model, domain, measures, mapping=PERIOD_FIELDS, **kw)

    p_valid = pivot("Valid complaints", analysis, valid, ["__count"])
    p_premium = pivot("Written premium", "insurance.policy.premium", [["is_written", "=", True]], ["signed_amount"])
    p_on_time = pivot(
        "Regulator transfers answered on time",
        analysis,
        regulator + kept + [["answered_on_time", "=", True]],
        ["__count"],
    )
    p_due = pivot(
        "Regulator transfers decided or due",
        analysis,
        ["&", "&", *regulator, *kept, "|", ["decision_sent_at", "!=", False], ["is_overdue", "=", True]],
        ["__count"],
    )
    p_withdrawn = pivot(
        "Withdrawn before transfer", analysis, regulator + [["withdrawn_before_transfer", "=", True]], ["__count"]
    )
    p_regulator = pivot("Regulator cases received", analysis, regulator, ["__count"])
    p_mediated_ok = pivot("Mediated with an agreement", analysis, [["mediation_outcome", "=", "success"]], ["__count"])
    p_mediated = pivot("Mediated", analysis, [["mediation_outcome", "in", ["success", "failed"]]], ["__count"])
    p_cause = pivot("Complaints by cause", analysis, valid, ["__count", "age_days"], rows=["cause"], sort="__count")
    p_category = pivot(
        "Complaints by category", analysis, valid, ["__count", "age_days"], rows=["category_id"], sort="__count"
    )

    def ratio(numerator, denominator):
        return f'=IF({denominator}>0,{numerator}/{denominator},"n/a")'

    count = num(f'PIVOT.VALUE({p_valid},"__count")')
    premium = num(f'PIVOT.VALUE({p_premium},"signed_amount")')
    menu = "complaint_management.menu_complaint_all"
    board.scorecard(0, "Valid complaints", board.kpi("Valid complaints", f"={count}"), menu)
    board.scorecard(
        230,
        "Per ¥100 m premium",
        board.kpi("Complaints per ¥100 m written premium", ratio(count, f"({premium}/100000000)"), "4"),
        menu,
    )
    board.scorecard(
        460,
        "Answered on time",
        board.kpi(
            "Regulator transfers answered on time",
            ratio(num(f'PIVOT.VALUE({p_on_time},"__count")'), num(f'PIVOT.VALUE({p_due},"__count")')),
            "1",
        ),
        menu,
        "#F0FDF4",
    )
    board.scorecard(
        690,
        "Withdrawn before transfer",
        board.kpi(
            "Withdrawal-before-transfer rate",
            ratio(num(f'PIVOT.VALUE({p_withdrawn},"__count")'), num(f'PIVOT.VALUE({p_regulator},"__count")')),
            "1",
        ),
        menu,
    )
    board.scorecard(
        920,
        "Mediation success",
        board.kpi(
            "Mediation success rate",
            ratio(num(f'PIVOT.VALUE({p_mediated_ok},"__count")'), num(f'PIVOT.VALUE({p_mediated},"__count")')),
            "1",
        ),
        menu,
    )
    board.kpi("Written premium", f"={premium}", "2")

    row = 9
    board.title(f"A{row}", "Complaints by cause")
    pivot_table(
        board,
        row + 1,
        p_cause,
        "cause",
        8,
        [
            ("Complaints", lambda i: {"content": f'=PIVOT.VALUE({p_cause},"__count","#cause",{i})'}),
            (
                "Average age (days)",
                lambda i: {"content": f'=PIVOT.VALUE({p_cause},"age_days","#cause",{i})', "format": "4"},
            ),
        ],
        "Cause",
    )
    board.title(f"E{row}", "Complaints by category (taxonomy)")
    board.header(row + 1, ["Category", "Complaints", "Average age (days)"], start=4)
    for i in range(1, 9):
        r = row + 1 + i
        board.cells[f"E{r}"] = {"content": f'=PIVOT.HEADER({p_category},"#category_id",{i})', "style": 3}
        board.cells[f"F{r}"] = {"content": f'=PIVOT.VALUE({p_category},"__count","#category_id",{i})'}
        board.cells[f"G{r}"] = {"content": f'=PIVOT.VALUE({p_category},"age_days","#category_id",{i})', "format": "4"}
    row += 11

    board.chart(
        "odoo_pie",
        "Complaints by channel",
        analysis,
        valid,
        ["channel"],
        "__count",
        0,
        row_top(21),
        menu,
        width=560,
        mapping=PERIOD_FIELDS,
    )
    board.chart(
        "odoo_bar",
        "Open complaints by age",
        analysis,
        [["is_open", "=", True]],
        ["age_bucket"],
        "__count",
        580,
        row_top(21),
        menu,
        width=560,
    )
    row = 36
    l_repeat = board.list(
        "Repeat complainants (12 months)",
        "insurance.complaint.repeat.report",
        [["complaint_count", ">=", 2]],
        ["partner_id", "complaint_count", "open_count", "last_received_at"],
        "complaint_count",
        asc=False,
    )
    board.title(f"A{row}", "Repeat complainants (12 months)")
    board.header(row + 1, ["Complainant", "Complaints", "Open", "Last received"])
    for i in range(1, 11):
        for j, field in enumerate(["partner_id", "complaint_count", "open_count", "last_received_at"]):
            board.cells[f"{col(j)}{row + 1 + i}"] = {"content": f'=ODOO.LIST({l_repeat},{i},"{field}")'}
    return board.snapshot("Complaints")


def duty():
    board = Dashboard("duty", wide=[3])
    live = [["is_published", "=", True], ["is_superseded", "=", False]]
    week = [["day", ">=", TODAY], ["day", "<=", days_from_today(6)]]
    p_week = board.pivot(
        "Duties in the next 7 days", "duty.shift", domain_str(live + week), ["__count"], rows=["post_id"]
    )
    p_unfilled = board.pivot(
        "Duties without an employee in the next 7 days",
        "duty.shift",
        domain_str(live + week + [["employee_id", "=", False]]),
        ["__count"],
        rows=["post_id"],
    )
    # the last 12 months and the published roster ahead, as the rotations balance the points
    year = [["day", ">=", days_from_today(-365)]]
    p_fair = board.pivot(
        "Duties per member (12 months back and ahead)",
        "duty.shift",
        domain_str(live + year + [["employee_id", "!=", False]]),
        ["__count", "points"],
        rows=["employee_id"],
        sort="points",
    )
    menu = "duty_roster.menu_duty_shift"
    total = num(f'PIVOT.VALUE({p_week},"__count")')
    unfilled = num(f'PIVOT.VALUE({p_unfilled},"__count")')
    board.scorecard(0, "Duties in the next 7 days", board.kpi("Duties in the next 7 days", f"={total}"), menu)
    board.scorecard(
        230, "Without an employee", board.kpi("Duties without an employee", f"={unfilled}"), menu, "#FEF2F2"
    )
    board.scorecard(
        460, "Coverage", board.kpi("Coverage", f'=IF({total}>0,1-{unfilled}/{total},"n/a")', "1"), menu, "#F0FDF4"
    )
    members = 40
    first = board.data_row + 3
    board.data[f"A{first - 1}"] = {"content": t("Duties per member (12 months back and ahead)")}
    for i in range(members):
        r = first + i
        board.data[f"A{r}"] = {"content": f'=PIVOT.HEADER({p_fair},"#employee_id",{i + 1})'}
        board.data[f"B{r}"] = {"content": f'=PIVOT.VALUE({p_fair},"__count","#employee_id",{i + 1})'}
        board.data[f"C{r}"] = {"content": f'=PIVOT.VALUE({p_fair},"points","#employee_id",{i + 1})'}
    last = first + members - 1
    counts, points = f"Data!B{first}:B{last}", f"Data!C{first}:C{last}"
    # kept below the member table: kpi() numbers its rows after it
    board.data_row = last + 1
    board.scorecard(
        690, "Spread of duties", board.kpi("Spread of duties per member", f"=MAX({counts})-MIN({counts})", "3"), menu
    )
    board.scorecard(
        920,
        "Spread of points",
        board.kpi("Spread of fairness points per member", f"=MAX({points})-MIN({points})", "4"),
        menu,
    )

    row = 9
    now = [["start", "<=", NOW], ["end", ">", NOW], ["employee_id", "!=", False]]
    l_now = board.list(
        "On duty now",
        "duty.shift",
        domain_str(live + now),
        ["post_id", "tier", "employee_id", "start", "end"],
        "post_id",
    )
    board.title(f"A{row}", "On duty now")
    board.header(row + 1, ["Post", "Tier", "Employee", "From", "To"])
    for i in range(1, 11):
        for j, field in enumerate(["post_id", "tier", "employee_id", "start", "end"]):
            board.cells[f"{col(j)}{row + 1 + i}"] = {"content": f'=ODOO.LIST({l_now},{i},"{field}")'}
    row += 13

    board.title(f"A{row}", "Coverage by post (next 7 days)")
    pivot_table(
        board,
        row + 1,
        p_week,
        "post_id",
        8,
        [("Duties", lambda i: {"content": f'=PIVOT.VALUE({p_week},"__count","#post_id",{i})'})],
        "Post",
    )
    board.title(f"D{row}", "Duties without an employee (next 7 days)")
    board.header(row + 1, ["Post", "Duties"], start=3)
    for i in range(1, 9):
        r = row + 1 + i
        board.cells[f"D{r}"] = {"content": f'=PIVOT.HEADER({p_unfilled},"#post_id",{i})', "style": 3}
        board.cells[f"E{r}"] = {"content": f'=PIVOT.VALUE({p_unfilled},"__count","#post_id",{i})'}
    row += 11

    board.title(f"A{row}", "Duties per member (12 months back and ahead)")
    pivot_table(
        board,
        row + 1,
        p_fair,
        "employee_id",
        15,
        [
            ("Duties", lambda i: {"content": f'=PIVOT.VALUE({p_fair},"__count","#employee_id",{i})'}),
            (
                "Fairness points",
                lambda i: {"content": f'=PIVOT.VALUE({p_fair},"points","#employee_id",{i})', "format": "4"},
            ),
        ],
        "Member",
    )
    board.chart(
        "odoo_bar",
        "Fairness points per member (12 months back and ahead)",
        "duty.shift",
        domain_str(live + year + [["employee_id", "!=", False]]),
        ["employee_id"],
        "points",
        500,
        row_top(row + 1),
        menu,
        width=640,
        height=360,
    )
    return board.snapshot("Duty")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("claims", claims), ("complaints", complaints), ("duty", duty)):
        path = OUT / f"{name}_dashboard.json"
        path.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
