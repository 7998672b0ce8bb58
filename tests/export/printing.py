"""The pack as a board member receives it: rendered to PDF by LibreOffice, and what a page of
it holds (how many pages, how small the smallest text prints)."""

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from t2025tui.core.export import layout

HAVE_SOFFICE = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None
# A word's box in a PDF is its font size times the font's ascent plus descent: about 1.22 for
# Calibri and Carlito (its metric twin that LibreOffice uses), 1.15 for Liberation Sans.
BOX_PER_POINT = 1.15
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def render_pdf(pack: Path, folder: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(pack),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / (pack.stem + ".pdf")


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


def smallest_text_points(pdf: Path) -> float:
    """The font size of the smallest word printed, in points."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    heights = [float(y2) - float(y1) for y1, y2, word in _WORD.findall(boxes.stdout) if word.strip()]
    return min(heights) / BOX_PER_POINT


def printed_columns(ws) -> list[float]:
    """The widths of the columns a sheet prints: its print area's, else every used column's."""
    if ws.print_area:
        area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
        last = column_index_from_string(re.findall(r"\$?([A-Z]+)\$?\d+", area.split("!")[-1])[-1])
    else:
        last = ws.max_column
    return [ws.column_dimensions[get_column_letter(i)].width or 8.43 for i in range(1, last + 1)]


def estimated_text_points(ws) -> float:
    """From the print settings alone: the size 11 pt text prints at once fitted to the page width."""
    pages = ws.page_setup.fitToWidth or 1
    scale = min(1.0, layout.fit_scale(printed_columns(ws)) * pages)
    return layout.BODY_POINTS * scale


def open_pack(path: Path):
    return openpyxl.load_workbook(path)
