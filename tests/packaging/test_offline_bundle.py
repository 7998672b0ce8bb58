"""The offline bundle for this machine installs into a fresh venv with no package index, and
the installed `t2025` runs: --version, then init and summary on a new database.

Building the bundle downloads the dependencies' wheels, so this test needs the package index
(CI and the development machines reach it); installing it uses nothing but the bundle.
"""

import os
import subprocess
import sys
import venv
import zipfile

import pytest

from t2025tui import __version__
from tests.packaging.bundle_script import SCRIPT


def _offline_env(tmp_path) -> dict[str, str]:
    """No pip configuration (no index, mirror or extra wheel folder) and a private data folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "T2025_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "data"))
    return env


@pytest.mark.needs_package_index
def test_the_bundle_installs_without_an_index_and_the_app_runs(tmp_path):
    built = subprocess.run(
        [sys.executable, str(SCRIPT), "--target", "this-machine", "--extra", "web"]
        + ["--out", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (archive,) = (tmp_path / "dist").glob("t2025tui-*.zip")
    zipfile.ZipFile(archive).extractall(tmp_path / "bundle")
    (folder,) = (tmp_path / "bundle").iterdir()
    names = sorted(p.name for p in (folder / "wheels").iterdir())
    assert f"t2025tui-{__version__}-py3-none-any.whl" in names
    assert any(name.startswith("pydantic_core-") for name in names)  # the one compiled dependency
    assert {"INSTALL.txt", "requirements.txt", "SHA256SUMS.txt"} <= {p.name for p in folder.iterdir()}
    assert any(name.startswith("datasette-") for name in names)  # the web extra, for `t2025 serve`
    note = (folder / "INSTALL.txt").read_text()
    assert "pip install --no-index --find-links wheels t2025tui" in note
    assert 'pip install --no-index --find-links wheels "t2025tui[web]"' in note

    env = _offline_env(tmp_path)
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    bin_dir = target / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--no-index", "--find-links", "wheels"]

    def run_in_bundle(*command: str) -> None:
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]

    run_in_bundle(*pip, "--dry-run", "--require-hashes", "-r", "requirements.txt")
    run_in_bundle(*pip, "t2025tui")

    t2025 = str(bin_dir / "t2025")
    version = subprocess.run([t2025, "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"t2025 {__version__}"
    db = str(tmp_path / "new folder" / "t2025.db")
    created = subprocess.run(
        [t2025, "--db", db, "init"], env=env, capture_output=True, text=True, timeout=120
    )
    assert created.returncode == 0, created.stderr
    summary = subprocess.run(
        [t2025, "--db", db, "summary"], env=env, capture_output=True, text=True, timeout=120
    )
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.startswith("T2025 Service Improvement Programme")

    run_in_bundle(*pip, "t2025tui[web]")
    run_in_bundle(str(bin_dir / "python"), "-c", "import datasette, t2025tui.publish.server")
