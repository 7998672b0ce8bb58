"""Command palette (ctrl+p): every app action, plus the actions of the screen it was opened on."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen


def palette_group(screen: Screen[Any]) -> str:
    """The name the palette gives a screen's own actions."""
    from t2025tui.tui.screens.base import AppScreen

    group = screen.PALETTE_GROUP if isinstance(screen, AppScreen) else ""
    return group or type(screen).__name__.removesuffix("Screen")


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The bindings a node's class and its bases declare (`BINDINGS`), the class's own first.

    Read from the declarations (as help is), not from Textual's live binding maps: the palette
    offers every action of the screen it was opened on, including ones a key does not reach
    while the palette itself is the screen in front."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                found.append(binding)
    return found


def palette_entries(app, screen) -> list[tuple[str, str, DOMNode, str]]:
    """(title, help, node, action) for each binding of the screen, then of the app."""
    entries: list[tuple[str, str, DOMNode, str]] = []
    seen: set[str] = set()
    for node in (screen, app):
        for binding in declared_bindings(node):
            # Only the app's own bindings (each has an id); Textual's focus/copy keys are noise here.
            if not binding.id or not binding.description or binding.system:
                continue
            key = f"{id(node)}:{binding.action}"
            if key in seen:
                continue
            seen.add(key)
            keys = app.key_display(binding)
            where = "" if node is app else f" ({palette_group(screen)})"
            entries.append(
                (f"{binding.description}{where}", binding.tooltip or f"key: {keys}", node, binding.action)
            )
    entries += _screens_without_binding(app, seen)
    return entries


def _screens_without_binding(app, seen: set[str]) -> list[tuple[str, str, DOMNode, str]]:
    """The screens that share a number key (the logs share 9), each by its own name."""
    from t2025tui.tui.registry import SCREENS

    entries: list[tuple[str, str, DOMNode, str]] = []
    for name, entry in SCREENS.items():
        action = f"show('{name}')"
        if f"{id(app)}:{action}" not in seen:
            entries.append((entry.title, f"key: {entry.key}", app, action))
    return entries


class T2025Commands(Provider):
    async def _run(self, node: DOMNode, action: str) -> None:
        await self.app.run_action(action, node)

    def _entries(self):
        return palette_entries(self.app, self.screen)

    async def discover(self) -> Hits:
        for title, help_text, node, action in self._entries():
            yield DiscoveryHit(title, partial(self._run, node, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, node, action in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, node, action),
                    text=title,
                    help=help_text,
                )
