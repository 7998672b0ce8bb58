"""Package discovery that pyproject.toml cannot express alone.

Every package under ``t2025tui/`` is found automatically, and the top-level ``schema/`` folder
(the numbered migrations, kept at the top of the repository) ships as ``t2025tui.schema``.
Everything else about the project is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["t2025tui", "t2025tui.*"]), "t2025tui.schema"])
