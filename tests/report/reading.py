"""Reading a written report back with python-docx, as a reader would see it."""

import re
import zipfile
from pathlib import Path

import docx


def document(path: Path):
    return docx.Document(str(path))


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in document(path).paragraphs]


def all_text(path: Path) -> str:
    """Every paragraph and table row, in document order, one per line, whitespace collapsed."""
    doc = document(path)
    parts = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":  # a row a line, its cells separated by spaces
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    parts.append(" ".join(t.text or "" for t in row.iter() if t.tag.endswith("}t")))
    return "\n".join(re.sub(r"\s+", " ", part) for part in parts)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def section_paragraphs(path: Path, heading: str) -> list[str]:
    """The paragraphs under one numbered heading ("5. Workstream updates"), up to the next."""
    found, inside = [], False
    for p in document(path).paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
            continue
        if inside and p.text.strip():
            found.append(p.text)
    return found


def part_xml(path: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def shading_of(cell) -> str | None:
    shd = cell._tc.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
    if shd is None:
        return None
    return shd.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")


def no_fields_or_links(path: Path) -> bool:
    """The body holds no field (simple or complex) and no hyperlink element: text stays text."""
    from docx.oxml.ns import qn

    body = document(path).element.body
    kinds = ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink")
    return not any(next(body.iter(qn(kind)), None) is not None for kind in kinds)
