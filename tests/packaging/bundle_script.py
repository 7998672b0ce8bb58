"""scripts/build_bundle.py, loaded as a module (scripts/ is not a package)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_bundle.py"

_spec = importlib.util.spec_from_file_location("build_bundle", SCRIPT)
assert _spec is not None and _spec.loader is not None
build_bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_bundle)
