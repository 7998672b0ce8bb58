"""A bundle for another system holds what that system needs: pip evaluates dependencies'
markers for the machine it runs on, so the script checks them for the target itself."""

import subprocess
import sys
import zipfile

import pytest

from tests.packaging.bundle_script import SCRIPT, build_bundle


def _wheel(folder, name: str, version: str, *requires: str) -> None:
    folder.mkdir(exist_ok=True)
    dist = f"{name.replace('-', '_')}-{version}"
    lines = [f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"]
    lines += [f"Requires-Dist: {requirement}\n" for requirement in requires]
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as wheel:
        wheel.writestr(f"{dist}.dist-info/METADATA", "".join(lines))


def test_a_windows_only_dependency_is_missing_for_windows_and_not_for_linux(tmp_path):
    wheels = tmp_path / "wheels"
    _wheel(wheels, "t2025tui", "0.1.0", "click>=8")
    _wheel(wheels, "click", "8.1.7", 'colorama; platform_system == "Windows"')
    assert build_bundle.missing_requirements(wheels, "windows", "3.11") == ["colorama"]
    assert build_bundle.missing_requirements(wheels, "linux", "3.11") == []
    assert build_bundle.missing_requirements(wheels, "macos-arm64", "3.12") == []
    _wheel(wheels, "colorama", "0.4.6")
    assert build_bundle.missing_requirements(wheels, "windows", "3.11") == []


def test_extras_python_versions_and_version_ranges_are_followed(tmp_path):
    wheels = tmp_path / "wheels"
    _wheel(wheels, "t2025tui", "0.1.0", "markdown-it-py[linkify]>=2", "pydantic<3,>=2.14")
    _wheel(wheels, "markdown-it-py", "3.0.0", 'linkify-it-py<3,>=1; extra == "linkify"', "mdurl~=0.1")
    _wheel(wheels, "mdurl", "0.1.2")
    _wheel(wheels, "pydantic", "2.9.0", 'tomli; python_version < "3.11"')
    assert build_bundle.missing_requirements(wheels, "windows", "3.11") == [
        "linkify-it-py<3,>=1",
        "pydantic<3,>=2.14",
    ]
    _wheel(wheels, "linkify-it-py", "2.0.3")
    (wheels / "pydantic-2.9.0-py3-none-any.whl").unlink()
    _wheel(wheels, "pydantic", "2.14.0", 'tomli; python_version < "3.11"')
    assert build_bundle.missing_requirements(wheels, "windows", "3.11") == []
    assert build_bundle.missing_requirements(wheels, "windows", "3.10") == ["tomli"]


def test_an_extra_of_t2025tui_brings_its_own_requirements(tmp_path):
    wheels = tmp_path / "wheels"
    _wheel(wheels, "t2025tui", "0.1.0", "click>=8", 'datasette==0.65.5; extra == "web"')
    _wheel(wheels, "click", "8.1.7")
    assert build_bundle.missing_requirements(wheels, "linux", "3.11") == []
    assert build_bundle.missing_requirements(wheels, "linux", "3.11", ("web",)) == ["datasette==0.65.5"]


def test_the_extras_offered_are_pyprojects_less_the_test_extra():
    assert build_bundle.project_extras() == ["web"]
    note = build_bundle._install_note("windows", ["3.11"], "1.0", ("web",))
    assert '.venv\\Scripts\\pip install --no-index --find-links wheels "t2025tui[web]"' in note


@pytest.mark.needs_package_index
def test_the_windows_bundle_holds_every_wheel_windows_needs_for_each_python(tmp_path):
    built = subprocess.run(
        [sys.executable, str(SCRIPT), "--target", "windows", "--python", "3.11", "--python", "3.12"]
        + ["--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (archive,) = tmp_path.glob("t2025tui-*-windows-py3.11-3.12.zip")
    zipfile.ZipFile(archive).extractall(tmp_path / "bundle")
    (wheels,) = (tmp_path / "bundle").glob("*/wheels")
    names = [p.name for p in wheels.iterdir()]
    for python in ("311", "312"):
        assert any(n.startswith("pydantic_core-") and f"cp{python}-win_amd64" in n for n in names), names
    assert not [n for n in names if n.endswith(("linux_x86_64.whl", "manylinux2014_x86_64.whl"))]
    for python in ("3.11", "3.12"):
        assert build_bundle.missing_requirements(wheels, "windows", python) == []
