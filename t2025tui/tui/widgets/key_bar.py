"""The key line at the foot of every screen: one widget drawing the screen's shown bindings.

Textual's `Footer` builds one widget per key and rebuilds them all whenever the bindings may
have changed (every focus move, every modal opened or closed). With ten keys that cost about
as much as the rest of the dashboard's first frame, and it was paid again on every edit that
asks for a reason. This draws the same line as a single piece of text, and redraws only when
the keys it shows actually change.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

# (key to simulate, key as shown, description, enabled)
KeyHint = tuple[str, str, str, bool]
ALWAYS_SHOWN = {"f1"}


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[KeyHint, ...] = ()
        self.palette_hint: KeyHint | None = None
        # Columns each hint occupies in the last render, for mouse clicks.
        self._spans: list[tuple[int, int, KeyHint]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._read_bindings()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        if self.is_attached:
            self._read_bindings()

    def _read_bindings(self) -> None:
        hints: list[KeyHint] = []
        seen_actions: set[str] = set()
        palette_hint = None
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            hints.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette_hint = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        if (tuple(hints), palette_hint) != (self.hints, self.palette_hint):
            self.hints, self.palette_hint = tuple(hints), palette_hint
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        hints, palette = self._fitting_hints()
        for hint in hints:
            self._append(line, hint, key_style, description_style, disabled_style)
        if palette is not None:  # on the right, as Textual's footer has it
            line.append(" " * max(self.size.width - line.cell_len - self._width(palette), 1))
            self._append(line, palette, key_style, description_style, disabled_style)
        return line

    def _fitting_hints(self) -> tuple[list[KeyHint], KeyHint | None]:
        """The hints that fit the width. The last ones give way first, but never F1 (which
        lists every key), so a narrow terminal still says where the rest are; the palette's
        hint loses its word when that keeps one more key in view."""
        full = self.palette_hint
        short = (full[0], full[1], "", full[3]) if full is not None else None
        kept_full, kept_short = self._fit(full), self._fit(short)
        return (kept_short, short) if len(kept_short) > len(kept_full) else (kept_full, full)

    def _fit(self, palette: KeyHint | None) -> list[KeyHint]:
        hints = list(self.hints)
        room = self.size.width - (self._width(palette) + 1 if palette else 0)
        while hints and sum(self._width(hint) for hint in hints) > room:
            droppable = [i for i, hint in enumerate(hints) if hint[0] not in ALWAYS_SHOWN]
            if not droppable:
                break
            del hints[droppable[-1]]
        return hints

    @staticmethod
    def _width(hint: KeyHint) -> int:
        _key, shown, description, _enabled = hint
        return len(shown) + 2 + (len(description) + 1 if description else 0)

    def _append(self, line: Text, hint: KeyHint, key_style, description_style, disabled_style) -> None:
        _key, shown, description, enabled = hint
        start = line.cell_len
        line.append(f" {shown} ", key_style if enabled else disabled_style)
        if description:
            line.append(f"{description} ", description_style if enabled else disabled_style)
        self._spans.append((start, start + self._width(hint), hint))

    def on_click(self, event: events.Click) -> None:
        for start, end, (key, _shown, _description, enabled) in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
