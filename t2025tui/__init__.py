"""t2025tui: keyboard-driven terminal app for the T2025 Service Improvement Programme."""

import os

__version__ = "0.1.0"

# python-docx (the committee report) installs lxml, and openpyxl switches to lxml whenever it
# is installed: its reader then parses without defusedxml and its writer raises lxml's own
# errors (a full disk became "SerialisationError: IO_EFBIG"). Set before openpyxl is imported,
# so the pack and the importers behave as they were built and tested.
os.environ["OPENPYXL_LXML"] = "False"
