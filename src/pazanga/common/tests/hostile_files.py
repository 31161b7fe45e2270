"""Files an attacker or a confused user might upload to an import, built on the spot.

Each is named after what it tries; `HOSTILE_FILES` maps a name to a builder. The cases
follow the findings of the hardening review (issue 11: F3 and F4).
"""

import io
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_bytes(rows: list[list[str]] | None = None) -> bytes:
    """A workbook laid out as Excel saves it: texts in the shared-strings part."""
    rows = rows or [["email", "first_name"], ["ona@alytus.example", "Ona"]]
    texts: list[str] = []
    cells = []
    for number, row in enumerate(rows, start=1):
        row_cells = []
        for column, value in enumerate(row):
            if value not in texts:
                texts.append(value)
            reference = f"{chr(ord('A') + column)}{number}"
            row_cells.append(f'<c r="{reference}" t="s"><v>{texts.index(value)}</v></c>')
        cells.append(f'<row r="{number}">{"".join(row_cells)}</row>')
    strings = "".join(f"<si><t>{escape(text)}</t></si>" for text in texts)
    return package(
        {
            "xl/worksheets/sheet1.xml": (
                f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>{"".join(cells)}</sheetData>'
                "</worksheet>"
            ).encode(),
            "xl/sharedStrings.xml": (
                f'<sst xmlns="{SPREADSHEET_NS}" count="{len(texts)}" uniqueCount="{len(texts)}">'
                f"{strings}</sst>"
            ).encode(),
        }
    )


OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{OFFICE_TYPE}.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    f'ContentType="{OFFICE_TYPE}.sharedStrings+xml"/>'
    "</Types>"
)
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<workbook xmlns="{SPREADSHEET_NS}" xmlns:r="{RELATIONSHIPS}">'
    '<sheets><sheet name="Kvietimai" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def replace_parts(data: bytes, parts: dict[str, bytes | None]) -> bytes:
    """The workbook with some parts replaced (None removes the part), others kept as they are."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename in parts:
                continue
            target.writestr(info.filename, source.read(info.filename))
        for name, content in parts.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def html_page() -> bytes:
    return (
        b"<!DOCTYPE html>\n<html><head><title>Kvietimai</title></head><body><table>"
        b"<tr><td>email</td></tr><tr><td>ona@alytus.example</td></tr></table></body></html>\n"
    )


def svg_picture() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>'
    )


def csv_with_a_131073_character_cell() -> bytes:
    return b"email,first_name\nona@alytus.example," + b"x" * 131_073 + b"\n"


def xlsx_without_shared_strings() -> bytes:
    """The shared-strings part removed; the workbook still says it has one."""
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": None})


def xlsx_with_cells_pointing_at_missing_shared_strings() -> bytes:
    sheet = (
        f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return replace_parts(workbook_bytes(), {"xl/worksheets/sheet1.xml": sheet})


def billion_laughs_xlsx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{"&lol" + (str(n - 1) if n > 1 else "") + ";" * 1}' * 10 + '">'
        for n in range(1, 10)
    )
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        f'<sst xmlns="{SPREADSHEET_NS}" count="2" uniqueCount="2">'
        "<si><t>&lol9;</t></si><si><t>Ona</t></si></sst>"
    ).encode()
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": strings})


def xxe_xlsx() -> bytes:
    strings = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{SPREADSHEET_NS}" count="2" uniqueCount="2">'
        "<si><t>&xxe;</t></si><si><t>Ona</t></si></sst>"
    ).encode()
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": strings})


def shared_strings(count: int) -> bytes:
    return (
        f'<sst xmlns="{SPREADSHEET_NS}" count="{count}" uniqueCount="{count}">'.encode()
        + b"<si><t>a</t></si>" * count
        + b"</sst>"
    )


def xlsx_with_shared_strings(count: int) -> bytes:
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": shared_strings(count)})


@cache
def xlsx_with_3_million_shared_strings() -> bytes:
    """About 150 KB packed; 51 MB of shared strings unpacked."""
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": shared_strings(3_000_000)})


@cache
def xlsx_with_3_million_empty_shared_strings() -> bytes:
    """About 25 KB packed and 15 MB unpacked: within the size limits, so they are counted."""
    strings = (
        f'<sst xmlns="{SPREADSHEET_NS}" count="3000000" uniqueCount="3000000">'.encode()
        + b"<si/>" * 3_000_000
        + b"</sst>"
    )
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": strings})


@cache
def xlsx_with_150_thousand_shared_strings() -> bytes:
    """Small enough unpacked (2.5 MB) to be counted: more texts than the limit."""
    return replace_parts(workbook_bytes(), {"xl/sharedStrings.xml": shared_strings(150_000)})


@cache
def zip_bomb_xlsx() -> bytes:
    """A 100 MB part of zeros, packed to about 100 KB."""
    return replace_parts(workbook_bytes(), {"xl/media/zeros.bin": bytes(100 * 1024 * 1024)})


def xlsx_with_a_cell_in_the_last_column() -> bytes:
    sheet = (
        f'<worksheet xmlns="{SPREADSHEET_NS}"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c>'
        '<c r="XFD1" t="inlineStr"><is><t>far away</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return replace_parts(workbook_bytes(), {"xl/worksheets/sheet1.xml": sheet})


def xlsx_with_a_row_at_the_bottom() -> bytes:
    sheet = (
        f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c></row>'
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>last</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return replace_parts(workbook_bytes(), {"xl/worksheets/sheet1.xml": sheet})


def sav_file() -> bytes:
    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame(
        {"respondent": [1, 2, 3], "county": ["Alytaus", "Kauno", "Vilniaus"], "age": [34, None, 71]}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.sav"
        pyreadstat.write_sav(frame, str(path))
        return path.read_bytes()


def truncated_sav() -> bytes:
    return sav_file()[:300]


HOSTILE_FILES: dict[str, Callable[[], bytes]] = {
    "html page": html_page,
    "svg picture": svg_picture,
    "csv cell of 131,073 characters": csv_with_a_131073_character_cell,
    "xlsx without shared strings": xlsx_without_shared_strings,
    "xlsx cells pointing at missing shared strings": (
        xlsx_with_cells_pointing_at_missing_shared_strings
    ),
    "billion laughs xlsx": billion_laughs_xlsx,
    "xxe xlsx": xxe_xlsx,
    "xlsx with 3 million shared strings": xlsx_with_3_million_shared_strings,
    "xlsx with 3 million empty shared strings": xlsx_with_3_million_empty_shared_strings,
    "xlsx with 150,000 shared strings": xlsx_with_150_thousand_shared_strings,
    "zip bomb xlsx": zip_bomb_xlsx,
    "xlsx with a cell in the last column": xlsx_with_a_cell_in_the_last_column,
    "xlsx with a row at the bottom": xlsx_with_a_row_at_the_bottom,
    "truncated sav": truncated_sav,
}
