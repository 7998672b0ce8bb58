"""Spreadsheets built in the tests themselves, laid out the way real risk logs are."""

from datetime import date
from pathlib import Path

import openpyxl


def messy_risk_log(path: Path, *, invalid_row: bool = True) -> Path:
    """A title block, a merged banner, blank rows, a two-row header with merged group labels,
    synonyms, text dates, word scores, a formula score column and (optionally) one invalid row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Risks"
    ws["A1"] = "SIT Risk Log V6 March 2022"
    ws.merge_cells("A1:L1")
    ws["A2"] = "Cleveland Police - Service Improvement Team"
    ws.merge_cells("A2:L2")
    # row 3 blank, row 4 group labels merged over the score columns
    ws["A4"] = "Risk ID"
    ws.merge_cells("A4:A5")
    ws["B4"] = "Risk Description"
    ws.merge_cells("B4:B5")
    ws["C4"] = "Inherent risk"
    ws.merge_cells("C4:E4")
    ws["F4"] = "Residual risk"
    ws.merge_cells("F4:H4")
    for column, text in zip(
        "CDEFGH", ["L", "I", "Score", "Likelihood (1-5)", "Impact", "Score"], strict=False
    ):
        ws[f"{column}5"] = text
    for column, text in zip(
        "IJKLM", ["Owner", "Treatment", "Mitigating actions", "Review date", "Directorate"], strict=False
    ):
        ws[f"{column}4"] = text
        ws.merge_cells(f"{column}4:{column}5")
    rows = [
        [
            "R-01",
            "Scale of change too large",
            4,
            5,
            None,
            "Medium",
            4,
            None,
            "DCC",
            "mitigate",
            "Re-scope via Force Planning",
            date(2022, 3, 31),
            "Corporate",
        ],
        [
            "R-02",
            "Vacancies in specialist roles",
            "High",
            "Very high",
            None,
            2,
            3,
            None,
            "People Director",
            "Tolerate",
            "Prioritise with C/Supt",
            "31/03/2022",
            "People",
        ],
        [None] * 13,  # a blank row in the middle
        [
            "R-03",
            "VRU funding rejected",
            "low",
            "3 - Medium",
            None,
            1,
            2,
            None,
            "ACC",
            "Transfer",
            "OPCC lobbying",
            "2022-04-15",
            None,
        ],
    ]
    if invalid_row:
        rows.append(
            ["R-04", "Bad likelihood", 7, 3, None, 2, 2, None, "ACC", "Treat", "", "not a date", "Ops"]
        )
    for offset, values in enumerate(rows):
        row = 6 + offset
        for index, value in enumerate(values):
            if value is not None:
                ws.cell(row=row, column=index + 1, value=value)
        if any(v is not None for v in values):
            ws.cell(row=row, column=5, value=f"=C{row}*D{row}")
            ws.cell(row=row, column=8, value=f"=F{row}*G{row}")
    ws.cell(row=6 + len(rows) + 2, column=1, value="Key: L = likelihood, I = impact")
    ws.merge_cells(start_row=6 + len(rows) + 2, start_column=1, end_row=6 + len(rows) + 2, end_column=6)
    wb.save(path)
    return path


def with_shared_strings(source: Path, target: Path) -> Path:
    """The same workbook with its text in a shared-strings table, as Excel writes it
    (openpyxl here writes inline strings). One string is rich text split over two runs."""
    import re
    import zipfile

    strings: list[str] = []

    def share(match) -> str:
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(
                    r'<c r="([A-Z]+\d+)"(?: s="\d+")? t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>',
                    share,
                    data.decode("utf-8"),
                )
                data = text.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxml'
                    b'formats.org/officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            new.writestr(info, data)
        items = []
        for index, text in enumerate(strings):
            if index == 0 and len(text) > 1:
                items.append(
                    f'<si><r><rPr><b/></rPr><t>{text[:1]}</t></r><r><t xml:space="preserve">'
                    f'{text[1:]}</t></r><rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>'
                )
            else:  # the text is still XML-escaped, as it was taken from the sheet
                items.append(f"<si><t>{text}</t></si>")
        new.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(items) + "</sst>",
        )
    return target


WRITERS = ("openpyxl", "xlsxwriter", "libreoffice")


def write_workbook(path: Path, sheets: dict[str, list[list]], writer: str = "openpyxl", hidden=()) -> Path:
    """`sheets` (name -> rows of cell values) saved by one of WRITERS. LibreOffice re-saves the
    openpyxl file (`soffice --convert-to xlsx`), so its own shared strings and styles are read."""
    if writer == "xlsxwriter":
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
        dates = book.add_format({"num_format": "dd/mm/yyyy"})
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            if name in hidden:
                sheet.hide()
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    if isinstance(value, date):
                        sheet.write_datetime(r, c, value, dates)
                    elif isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif value is not None:
                        sheet.write(r, c, value)
        if all(name in hidden for name in sheets):
            raise ValueError("at least one sheet must be visible")
        book.close()
        return path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if name in hidden:
            ws.sheet_state = "hidden"
        for values in rows:
            ws.append(values)
    if writer == "openpyxl":
        wb.save(path)
        return path
    if writer != "libreoffice":
        raise ValueError(writer)
    source = path.with_name("openpyxl-" + path.name)
    wb.save(source)
    return libreoffice_resave(source, path)


def libreoffice_resave(source: Path, target: Path) -> Path:
    import shutil
    import subprocess

    import pytest

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = target.parent / "lo-out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{target.parent}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    (out / source.name).replace(target)
    return target
