"""The core: models, store, services, queries, export and import. Never imports Textual."""

# Kept read models register their before-commit hooks with the store when imported; importing
# them here, with the package, means every store ever opened keeps them up to date.
from t2025tui.core import figures as figures
