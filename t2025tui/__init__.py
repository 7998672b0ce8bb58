"""t2025tui: keyboard-driven terminal app for the T2025 Service Improvement Programme."""

__version__ = "0.1.0"
