"""Insured-roster rows: Chinese ID checks and file parsing, free of the ORM.

Errors are ``(code, params)`` pairs; the models turn them into translated
messages, so this module stays importable and testable on its own.
"""

import csv
import datetime
import functools
import io

from stdnum.cn import ric

# Column headers accepted in an import file, English or Chinese, to field names.
HEADERS = {
    "name": "name",
    "姓名": "name",
    "id_number": "id_number",
    "id number": "id_number",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "gender": "gender",
    "sex": "gender",
    "性别": "gender",
    "birth_date": "birth_date",
    "birth date": "birth_date",
    "出生日期": "birth_date",
    "phone": "phone",
    "电话": "phone",
    "联系电话": "phone",
    "address": "address",
    "地址": "address",
    "region": "region",
    "地区": "region",
    "date_from": "date_from",
    "valid from": "date_from",
    "生效日期": "date_from",
    "date_to": "date_to",
    "valid to": "date_to",
    "终止日期": "date_to",
    "ear_tag": "ear_tag",
    "ear tag": "ear_tag",
    "耳标号": "ear_tag",
    "asset_code": "asset_code",
    "资产编号": "asset_code",
}
GENDERS = {"male": "male", "m": "male", "男": "male", "female": "female", "f": "female", "女": "female"}


@functools.lru_cache(maxsize=4096)
def _known_birth_place(region):
    # python-stdnum looks the region up in a table it scans linearly (about 2 ms):
    # a roster has few regions and many people, so each region is looked up once.
    try:
        ric.get_birth_place(region + "0" * 12)
    except ric.ValidationError:
        return False
    return True


@functools.lru_cache(maxsize=65536)
def id_number_facts(number):
    """``(compact number, birth date, gender)`` of a resident ID number, or an error pair.

    The checks are python-stdnum's ``cn.ric.validate`` ones, in its order
    (length, digits, check digit, birth date, birth place).
    """
    try:
        compact = ric.compact(number)
        if len(compact) != 18 or not compact[:-1].isdigit():
            raise ric.InvalidFormat()
        if compact[-1] != ric.calc_check_digit(compact):
            return None, ("id_checksum", {"number": number})
        born = ric.get_birth_date(compact)
        if not _known_birth_place(compact[:6]):
            raise ric.InvalidComponent()
    except ric.ValidationError:
        return None, ("id_format", {"number": number})
    gender = "male" if int(compact[16]) % 2 else "female"
    return (compact, born, gender), None


def check_person(id_number, birth_date=None, gender=None):
    """Errors of a person's ID number against the birth date and gender given with it."""
    facts, error = id_number_facts(id_number)
    if error:
        return [error], None
    compact, born, sex = facts
    errors = []
    if birth_date and birth_date != born:
        errors.append(("id_birth_date", {"number": compact, "birth_date": birth_date, "expected": born}))
    if gender and gender != sex:
        errors.append(("id_gender", {"number": compact}))
    return errors, facts


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_table(content, filename):
    """Rows of a CSV (UTF-8 or GB18030) or XLSX file as lists of cell values."""
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("encoding")
    return list(csv.reader(io.StringIO(text)))


def parse_rows(table, kind="person"):
    """Validate a roster table (first row = headers).

    Returns ``(rows, errors)``: rows are ``(line, values)`` with the values
    ready to create, errors are ``(line, code, params)``; lines are the
    1-based lines of the file.  A file with any error should be refused whole.
    """
    if not table:
        return [], [(1, "empty", {})]
    header = [str(cell or "").strip() for cell in table[0]]
    columns = {}
    for index, title in enumerate(header):
        field = HEADERS.get(title.lower()) or HEADERS.get(title)
        if field:
            columns[field] = index
    required = ("name", "id_number") if kind == "person" else ("name",)
    missing = [field for field in required if field not in columns]
    if missing:
        return [], [(1, "missing_columns", {"columns": ", ".join(missing)})]
    rows, errors, seen = [], [], {}
    for line, raw in enumerate(table[1:], start=2):
        if not any(cell not in (None, "") for cell in raw):
            continue
        values = {field: (raw[index] if index < len(raw) else None) for field, index in columns.items()}
        row, row_errors = _parse_row(values, kind)
        key = row.get("id_number") or row.get("ear_tag")
        if key and key in seen:
            row_errors.append(("duplicate", {"key": key, "first_line": seen[key]}))
        elif key:
            seen[key] = line
        errors += [(line, code, params) for code, params in row_errors]
        rows.append((line, row))
    return rows, errors


def _parse_row(values, kind):
    errors = []
    row = {"kind": kind, "name": str(values.get("name") or "").strip()}
    if not row["name"]:
        errors.append(("no_name", {}))
    for field in ("birth_date", "date_from", "date_to"):
        value = values.get(field)
        if value in (None, ""):
            continue
        try:
            row[field] = _parse_date(value)
        except ValueError:
            errors.append(("bad_date", {"value": value}))
    gender = values.get("gender")
    if gender not in (None, ""):
        row["gender"] = GENDERS.get(str(gender).strip().lower())
        if not row["gender"]:
            errors.append(("bad_gender", {"value": gender}))
    for field in ("phone", "address", "region", "ear_tag", "asset_code"):
        if values.get(field) not in (None, ""):
            row[field] = str(values[field]).strip()
    if kind == "person":
        person_errors, facts = check_person(
            str(values.get("id_number") or "").strip(), row.get("birth_date"), row.get("gender")
        )
        errors += person_errors
        if facts:
            row["id_number"], born, sex = facts
            row.setdefault("birth_date", born)
            row.setdefault("gender", sex)
    if row.get("date_from") and row.get("date_to") and row["date_to"] < row["date_from"]:
        errors.append(("dates_reversed", {}))
    return row, errors
