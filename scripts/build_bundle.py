"""Build an offline install bundle of t2025tui for a laptop with no network.

The bundle is one .zip: the project's own wheel and a wheel of every dependency for the target
system and Python versions (downloaded with `pip download --only-binary=:all:`, so nothing is
compiled on the laptop), a requirements file pinning each wheel by its SHA-256 hash, the list
of hashes, and a short INSTALL.txt. On the laptop, installing is one command into a venv:

    pip install --no-index --find-links wheels t2025tui

Examples (on any machine that reaches the package index):

    python scripts/build_bundle.py --target windows --python 3.11 --python 3.12
    python scripts/build_bundle.py --target macos-arm64 --python 3.12
    python scripts/build_bundle.py --target all                   # one bundle for each system
    python scripts/build_bundle.py --target this-machine          # e.g. for the test
    python scripts/build_bundle.py --target linux --extra web     # with `t2025 serve` (Datasette)
    python scripts/build_bundle.py --wheel-only --out dist        # only t2025tui's own wheel

See docs/install.md for how a force's IT team takes the bundle through software approval.
"""

import argparse
import hashlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # not installed here: pip, which this script needs anyway, carries a copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[assignment]  # same class

ROOT = Path(__file__).resolve().parent.parent

# pip's --platform tags for each target; a wheel built for any of them installs there.
TARGETS = {
    "windows": ["win_amd64"],
    "macos-arm64": ["macosx_11_0_arm64"],
    "macos-intel": ["macosx_10_12_x86_64"],
    "linux": ["manylinux2014_x86_64", "manylinux_2_17_x86_64"],
    "linux-arm64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64"],
}
DEFAULT_PYTHONS = ["3.11", "3.12"]
# What a source copy for building the wheel leaves out: what the wheel does not hold, tools'
# folders and earlier builds.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "tests",
    "bench",
)


def this_machine() -> str:
    system, machine = platform.system(), platform.machine().lower()
    if system == "Windows":
        return "windows"
    if system == "Darwin":
        return "macos-arm64" if machine == "arm64" else "macos-intel"
    return "linux-arm64" if machine in ("aarch64", "arm64") else "linux"


def build_project_wheel(dest: Path, root: Path = ROOT) -> Path:
    """t2025tui's own wheel, built from a copy of the source at `root` (left untouched)."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="t2025-source-") as scratch:
        source = Path(scratch) / "t2025tui"
        shutil.copytree(root, source, ignore=NOT_SOURCE)
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dest), str(source)]
        if _have_setuptools():
            command.insert(4, "--no-build-isolation")  # builds with no network when it can
        _run(command)
    wheels = sorted(dest.glob("t2025tui-*.whl"))
    if not wheels:
        sys.exit("build_bundle: pip wheel made no t2025tui wheel")
    return wheels[-1]


def _have_setuptools() -> bool:
    """Whether this Python can build the wheel itself (setuptools with bdist_wheel built in)."""
    try:
        found = metadata.version("setuptools")
    except metadata.PackageNotFoundError:
        return False
    numbers = re.match(r"(\d+)\.(\d+)", found)
    return numbers is not None and (int(numbers[1]), int(numbers[2])) >= (70, 1)


def download_dependencies(
    project_wheel: Path, wheels: Path, target: str, python: str, extras: tuple[str, ...] = ()
) -> None:
    """Every wheel t2025tui (with `extras`) needs on `target` with CPython `python`, into `wheels`."""
    _download(wheels, target, python, [_with_extras(str(project_wheel), extras)])
    # pip evaluates dependencies' markers (`colorama; platform_system == "Windows"`) for the
    # machine it runs on, not for --platform: fetch what the target needs beyond that.
    for _round in range(10):
        missing = missing_requirements(wheels, target, python, extras)
        if not missing:
            return
        _download(wheels, target, python, ["--no-deps", *missing])
    sys.exit(f"build_bundle: still missing for {target}, Python {python}: {', '.join(missing)}")


def _download(wheels: Path, target: str, python: str, what: list[str]) -> None:
    abi = "cp" + python.replace(".", "")
    command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(wheels)]
    for tag in TARGETS[target]:
        command += ["--platform", tag]
    command += ["--python-version", python, "--implementation", "cp"]
    command += ["--abi", abi, "--abi", "abi3", "--abi", "none"]
    _run([*command, *what])


def target_environment(target: str, python: str) -> dict[str, str]:
    """The values of environment markers (PEP 508) on `target` with CPython `python`."""
    windows, macos = target == "windows", target.startswith("macos")
    machine = {"windows": "AMD64", "macos-arm64": "arm64", "linux-arm64": "aarch64"}.get(target, "x86_64")
    return {
        "os_name": "nt" if windows else "posix",
        "sys_platform": "win32" if windows else "darwin" if macos else "linux",
        "platform_system": "Windows" if windows else "Darwin" if macos else "Linux",
        "platform_machine": machine,
        "platform_release": "",
        "platform_version": "",
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "implementation_version": f"{python}.0",
        "platform_python_implementation": "CPython",
    }


def _with_extras(requirement: str, extras: tuple[str, ...]) -> str:
    return f"{requirement}[{','.join(extras)}]" if extras else requirement


def project_extras(root: Path = ROOT) -> list[str]:
    """The optional extras a bundle may carry: pyproject's, less the developers' test extra."""
    import tomllib

    with (root / "pyproject.toml").open("rb") as file:
        optional = tomllib.load(file)["project"].get("optional-dependencies", {})
    return sorted(name for name in optional if name != "test")


def missing_requirements(wheels: Path, target: str, python: str, extras: tuple[str, ...] = ()) -> list[str]:
    """Requirements (as `name specifier`) that t2025tui's wheel (with `extras`) needs on `target`,
    directly or through another wheel, and that no wheel in `wheels` satisfies."""
    environment = target_environment(target, python)
    found: dict[str, tuple[str, list[str]]] = {}
    for wheel in wheels.glob("*.whl"):
        name, version = _requirement_name(wheel)
        found[name] = (version, _requires(wheel))
    missing, seen = set(), set()
    todo: list[tuple[str, frozenset[str]]] = [("t2025tui", frozenset(extras))]
    while todo:
        name, wanted = todo.pop()
        if (name, wanted) in seen or name not in found:
            continue
        seen.add((name, wanted))
        for line in found[name][1]:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker and not any(marker.evaluate({**environment, "extra": e}) for e in wanted | {""}):
                continue
            needed = re.sub(r"[-_.]+", "-", requirement.name).lower()
            have = found.get(needed)
            if have is None or not requirement.specifier.contains(have[0], prereleases=True):
                missing.add(f"{needed}{requirement.specifier}")
            else:
                todo.append((needed, frozenset(requirement.extras)))
    return sorted(missing)


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata_text = archive.read(name).decode("utf-8")
    return [
        line.split(":", 1)[1].strip()
        for line in metadata_text.splitlines()
        if line.startswith("Requires-Dist:")
    ]


def _run(command: list[str]) -> None:
    print("build_bundle:", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _requirement_name(wheel: Path) -> tuple[str, str]:
    name, version = wheel.name.split("-")[:2]
    return re.sub(r"[-_.]+", "-", name).lower(), version


def write_manifests(
    folder: Path, target: str, pythons: list[str], version: str, extras: tuple[str, ...] = ()
) -> None:
    wheels = sorted((folder / "wheels").glob("*.whl"))
    (folder / "SHA256SUMS.txt").write_text(
        "".join(f"{_sha256(w)}  wheels/{w.name}\n" for w in wheels), encoding="utf-8", newline="\n"
    )
    pinned: dict[tuple[str, str], list[str]] = {}
    for wheel in wheels:
        pinned.setdefault(_requirement_name(wheel), []).append(_sha256(wheel))
    lines = []
    for (name, pin), hashes in sorted(pinned.items()):
        lines.append(f"{name}=={pin}" + "".join(f" \\\n    --hash=sha256:{h}" for h in hashes) + "\n")
    (folder / "requirements.txt").write_text("".join(lines), encoding="utf-8", newline="\n")
    (folder / "INSTALL.txt").write_text(
        _install_note(target, pythons, version, extras), encoding="utf-8", newline="\n"
    )


def _install_note(target: str, pythons: list[str], version: str, extras: tuple[str, ...] = ()) -> str:
    if target == "windows":
        make, pip, run = "py -m venv .venv", r".venv\Scripts\pip", r".venv\Scripts\t2025"
    else:
        make, pip, run = "python3 -m venv .venv", ".venv/bin/pip", ".venv/bin/t2025"
    with_extras = ""
    if extras:
        with_extras = (
            f"\nWith the extras this bundle also holds ({', '.join(extras)}; `web` is `t2025 serve`):\n\n"
            f'    {pip} install --no-index --find-links wheels "{_with_extras("t2025tui", extras)}"\n'
        )
    return f"""t2025tui {version}: offline install bundle for {target}, CPython {", ".join(pythons)}

Everything needed is in wheels/; nothing is downloaded. In a terminal, in this folder:

    {make}
    {pip} install --no-index --find-links wheels t2025tui
    {run}
{with_extras}
To install exactly the reviewed files (pip refuses any file whose hash differs):

    {pip} install --no-index --find-links wheels --require-hashes -r requirements.txt

SHA256SUMS.txt lists the hash of every wheel. The app keeps its data in one file in the
per-user data folder; see docs/install.md in the project for where, and for upgrading.
"""


def project_version() -> str:
    text = (ROOT / "t2025tui" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    return match[1] if match else "0"


def build_bundle(target: str, pythons: list[str], out: Path, extras: tuple[str, ...] = ()) -> Path:
    version = project_version()
    with_extras = "".join(f"-{extra}" for extra in extras)
    name = f"t2025tui-{version}-{target}-py{'-'.join(pythons)}{with_extras}"
    with tempfile.TemporaryDirectory(prefix="t2025-bundle-") as scratch:
        folder = Path(scratch) / name
        wheels = folder / "wheels"
        project_wheel = build_project_wheel(Path(scratch) / "project")
        for python in pythons:
            download_dependencies(project_wheel, wheels, target, python, extras)
        write_manifests(folder, target, pythons, version, extras)
        out.mkdir(parents=True, exist_ok=True)
        archive = out / f"{name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(folder.rglob("*")):
                bundle.write(path, path.relative_to(folder.parent).as_posix())
    print(f"build_bundle: wrote {archive}")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target",
        choices=[*TARGETS, "this-machine", "all"],
        default="windows",
        help="the system the laptop runs (default: windows); all: one bundle for each",
    )
    parser.add_argument(
        "--python",
        action="append",
        metavar="X.Y",
        help=f"a CPython version to include (repeatable; default {' and '.join(DEFAULT_PYTHONS)}, "
        "or this Python's with --target this-machine)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the .zip (default: dist)")
    parser.add_argument(
        "--extra",
        action="append",
        choices=project_extras(),
        default=[],
        help="an optional extra to include as well (repeatable), e.g. web for `t2025 serve`",
    )
    parser.add_argument(
        "--wheel-only", action="store_true", help="only build t2025tui's own wheel into --out"
    )
    args = parser.parse_args(argv)
    if args.wheel_only:
        print(build_project_wheel(args.out))
        return 0
    targets = list(TARGETS) if args.target == "all" else [args.target]
    targets = [this_machine() if target == "this-machine" else target for target in targets]
    default = (
        [f"{sys.version_info.major}.{sys.version_info.minor}"]
        if args.target == "this-machine"
        else DEFAULT_PYTHONS
    )
    pythons = args.python or default
    for python in pythons:
        if not re.fullmatch(r"3\.\d+", python):
            parser.error(f"--python {python}: give a version such as 3.11")
    for target in targets:
        build_bundle(target, pythons, args.out, tuple(sorted(set(args.extra))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
