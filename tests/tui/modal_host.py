"""An app that shows one modal and keeps what it was dismissed with."""

from textual.app import App

UNSET = object()


class Host(App):
    """Shows one modal and keeps what it was dismissed with."""

    CSS_PATH = "../../t2025tui/tui/app.tcss"

    def __init__(self, modal):
        super().__init__()
        self.modal = modal
        self.result = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.modal, self._keep)

    def _keep(self, value) -> None:
        self.result = value
