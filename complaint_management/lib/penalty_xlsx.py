"""The monthly penalty list (投诉罚单月报) for HR as an Excel file, from plain data (no ORM).

``data``::

    {"title", "company", "month",
     "lines": [{"employee", "department", "role", "complaint", "rule", "date", "amount"}],
     "totals": [{"employee", "department", "amount"}], "total"}

``labels`` are the translated headings.
"""

import io

import xlsxwriter

LINE_COLUMNS = ("employee", "department", "role", "complaint", "rule", "date", "amount")
TOTAL_COLUMNS = ("employee", "department", "amount")


def build_workbook(data, labels):
    """Return the bytes of the .xlsx file: the lines, then a sheet of totals per employee."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    base = {"font_name": "Noto Sans CJK SC", "font_size": 10}
    title = workbook.add_format(dict(base, bold=True, font_size=14))
    head = workbook.add_format(dict(base, bold=True, border=1, bg_color="#DDEBF7"))
    text = workbook.add_format(dict(base, border=1))
    money = workbook.add_format(dict(base, border=1, num_format="#,##0.00"))
    date = workbook.add_format(dict(base, border=1, num_format="yyyy-mm-dd"))
    bold_money = workbook.add_format(dict(base, border=1, bold=True, num_format="#,##0.00"))
    bold = workbook.add_format(dict(base, border=1, bold=True))

    def sheet(name, columns, rows, total):
        worksheet = workbook.add_worksheet(name[:31])
        worksheet.write(0, 0, data["title"], title)
        worksheet.write(1, 0, f"{data['company']} · {data['month']}")
        for col, key in enumerate(columns):
            worksheet.write(3, col, labels[key], head)
            worksheet.set_column(col, col, 14 if key in ("amount", "date", "role") else 22)
        row = 4
        for row, values in enumerate(rows, start=4):
            for col, key in enumerate(columns):
                value = values[key]
                if key == "amount":
                    worksheet.write_number(row, col, value, money)
                elif key == "date":
                    worksheet.write_datetime(row, col, value, date)
                else:
                    worksheet.write_string(row, col, value or "", text)
        last = row + 1 if rows else 4
        worksheet.write(last, 0, labels["total"], bold)
        worksheet.write_number(last, len(columns) - 1, total, bold_money)
        worksheet.freeze_panes(4, 0)

    sheet(labels["lines_sheet"], LINE_COLUMNS, data["lines"], data["total"])
    sheet(labels["totals_sheet"], TOTAL_COLUMNS, data["totals"], data["total"])
    workbook.close()
    return output.getvalue()
