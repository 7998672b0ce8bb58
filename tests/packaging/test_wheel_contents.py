"""The wheel holds every module and data file of the source, including ones added later:
packages are found automatically, so a new subpackage cannot ship without its files."""

import shutil
import zipfile

from tests.packaging.bundle_script import ROOT, build_bundle

SHIPPED = {".py", ".tcss", ".sql", ".json"}


def _source_files(root) -> set[str]:
    """Where each shipped source file must be in the wheel (schema/ ships as t2025tui/schema/)."""
    files = {
        path.relative_to(root).as_posix()
        for path in (root / "t2025tui").rglob("*")
        if path.suffix in SHIPPED and "__pycache__" not in path.parts
    }
    files |= {
        f"t2025tui/schema/{path.name}" for path in (root / "schema").iterdir() if path.suffix in SHIPPED
    }
    return files


def test_every_module_and_data_file_is_in_the_wheel_even_in_a_new_subpackage(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=build_bundle.NOT_SOURCE)
    added = source / "t2025tui" / "tui" / "panels"
    added.mkdir()
    (added / "__init__.py").write_text('"""A subpackage nobody listed anywhere."""\n')
    (added / "panel.tcss").write_text("Panel { height: auto; }\n")
    wheel = build_bundle.build_project_wheel(tmp_path / "dist", root=source)
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _source_files(source)
    assert {"t2025tui/tui/panels/__init__.py", "t2025tui/tui/panels/panel.tcss"} <= expected
    assert any(name.endswith(".sql") for name in expected) and any(n.endswith(".tcss") for n in expected)
    assert sorted(expected - names) == []
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "t2025 = t2025tui.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
