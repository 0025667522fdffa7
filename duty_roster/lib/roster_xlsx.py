"""The Excel 值班表 of a roster, from plain data (no ORM).

``roster`` is the dictionary ``duty.roster._export_data()`` builds::

    {"name", "company", "period", "version", "published", "state",
     "days": [{"date", "weekday", "kind", "marker", "weekend"}],
     "posts": [{"name", "tz", "tiers": [(key, label)],
                "rows": [[[{"employee", "time"}] per tier] per day],
                "fairness": [{"employee", "duties", "points"}], "total", "spread"}],
     "violations": [message]}

``labels`` are the translated headings (see ``_export_labels``).
"""

import io
import re

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

FIRST_GRID_COLUMN = 3  # date, weekday, day type
HEADER_ROWS = 4  # title, period line, post names, tier names
HOLIDAY_COLOUR = "#FDE9E7"
MAKEUP_COLOUR = "#E8F0FE"
WEEKEND_COLOUR = "#F3F3F3"


def sheet_name(name):
    """A valid, unique-enough Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet"


def duty_text(duties):
    """One line per duty: ``Zhang Wei 08:00-20:00``."""
    return "\n".join(f"{duty['employee']} {duty['time']}".strip() for duty in duties)


def build_workbook(roster, labels):
    """Return the bytes of the .xlsx file."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    styles = _styles(workbook)
    _grid_sheet(workbook, styles, roster, labels)
    _fairness_sheet(workbook, styles, roster, labels)
    if roster["violations"]:
        _violations_sheet(workbook, styles, roster, labels)
    workbook.close()
    return output.getvalue()


def _styles(workbook):
    base = {"font_name": "Noto Sans CJK SC", "font_size": 10, "valign": "top"}

    def style(**extra):
        return workbook.add_format(dict(base, **extra))

    cell = {"border": 1, "text_wrap": True}
    return {
        "title": style(bold=True, font_size=14),
        "text": style(),
        "header": style(bold=True, border=1, bg_color="#D9E2F3", align="center", valign="vcenter", text_wrap=True),
        "cell": style(**cell),
        "date": style(num_format="yyyy-mm-dd", **cell),
        "holiday_cell": style(bg_color=HOLIDAY_COLOUR, **cell),
        "holiday_date": style(bg_color=HOLIDAY_COLOUR, num_format="yyyy-mm-dd", **cell),
        "makeup_cell": style(bg_color=MAKEUP_COLOUR, **cell),
        "makeup_date": style(bg_color=MAKEUP_COLOUR, num_format="yyyy-mm-dd", **cell),
        "weekend_cell": style(bg_color=WEEKEND_COLOUR, **cell),
        "weekend_date": style(bg_color=WEEKEND_COLOUR, num_format="yyyy-mm-dd", **cell),
        "number": style(border=1, num_format="0.0#"),
        "integer": style(border=1, num_format="0"),
        "total_text": style(border=1, bold=True),
        "total_number": style(border=1, bold=True, num_format="0.0#"),
    }


def _day_styles(styles, day):
    kind = day["kind"] or ("weekend" if day["weekend"] else "")
    if not kind:
        return styles["cell"], styles["date"]
    return styles[f"{kind}_cell"], styles[f"{kind}_date"]


def _title_lines(roster, labels):
    line = f"{labels['period']}: {roster['period']}    {labels['version']}: {roster['version']}"
    if roster["published"]:
        line += f"    {labels['published']}: {roster['published']}"
    return f"{roster['company']} · {roster['name']}", line


def _grid_sheet(workbook, styles, roster, labels):
    sheet = workbook.add_worksheet(sheet_name(labels["grid_sheet"]))
    title, subtitle = _title_lines(roster, labels)
    sheet.write(0, 0, title, styles["title"])
    sheet.write(1, 0, subtitle, styles["text"])
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 7)
    sheet.set_column(2, 2, 14)
    for column, heading in enumerate((labels["date"], labels["weekday"], labels["day_type"])):
        sheet.merge_range(2, column, 3, column, heading, styles["header"])
    column = FIRST_GRID_COLUMN
    for post in roster["posts"]:
        width = len(post["tiers"])
        if width > 1:
            sheet.merge_range(2, column, 2, column + width - 1, post["name"], styles["header"])
        elif width == 1:
            sheet.write(2, column, post["name"], styles["header"])
        for offset, (_tier, label) in enumerate(post["tiers"]):
            sheet.write(3, column + offset, label, styles["header"])
        sheet.set_column(column, column + max(width, 1) - 1, 24)
        column += width
    for position, day in enumerate(roster["days"]):
        row = HEADER_ROWS + position
        cell_style, date_style = _day_styles(styles, day)
        sheet.write_datetime(row, 0, day["date"], date_style)
        sheet.write(row, 1, day["weekday"], cell_style)
        sheet.write(row, 2, day["marker"], cell_style)
        column = FIRST_GRID_COLUMN
        for post in roster["posts"]:
            for offset, duties in enumerate(post["rows"][position]):
                sheet.write(row, column + offset, duty_text(duties), cell_style)
            column += len(post["tiers"])
    sheet.freeze_panes(HEADER_ROWS, FIRST_GRID_COLUMN)


def _fairness_sheet(workbook, styles, roster, labels):
    sheet = workbook.add_worksheet(sheet_name(labels["fairness_sheet"]))
    title, subtitle = _title_lines(roster, labels)
    sheet.write(0, 0, title, styles["title"])
    sheet.write(1, 0, subtitle, styles["text"])
    sheet.set_column(0, 1, 24)
    sheet.set_column(2, 3, 12)
    row = 3
    for column, heading in enumerate((labels["post"], labels["employee"], labels["duties"], labels["points"])):
        sheet.write(row, column, heading, styles["header"])
    for post in roster["posts"]:
        if not post["fairness"]:
            continue
        first = row + 1
        for person in post["fairness"]:
            row += 1
            sheet.write(row, 0, post["name"], styles["cell"])
            sheet.write(row, 1, person["employee"], styles["cell"])
            sheet.write_number(row, 2, person["duties"], styles["integer"])
            sheet.write_number(row, 3, person["points"], styles["number"])
        last = row
        row += 1
        sheet.write(row, 0, post["name"], styles["total_text"])
        sheet.write(row, 1, labels["total"], styles["total_text"])
        sheet.write_formula(
            row,
            2,
            f"=SUM({_cell(first, 2)}:{_cell(last, 2)})",
            styles["total_number"],
            sum(person["duties"] for person in post["fairness"]),
        )
        sheet.write_formula(row, 3, f"=SUM({_cell(first, 3)}:{_cell(last, 3)})", styles["total_number"], post["total"])
        row += 1
        sheet.write(row, 0, post["name"], styles["total_text"])
        sheet.write(row, 1, labels["spread"], styles["total_text"])
        sheet.write_formula(
            row,
            3,
            f"=MAX({_cell(first, 3)}:{_cell(last, 3)})-MIN({_cell(first, 3)}:{_cell(last, 3)})",
            styles["total_number"],
            post["spread"],
        )
        row += 1


def _violations_sheet(workbook, styles, roster, labels):
    sheet = workbook.add_worksheet(sheet_name(labels["violations_sheet"]))
    sheet.set_column(0, 0, 120)
    sheet.write(0, 0, labels["violation"], styles["header"])
    for row, message in enumerate(roster["violations"], start=1):
        sheet.write(row, 0, message, styles["cell"])


def _cell(row, column):
    return xl_rowcol_to_cell(row, column)
