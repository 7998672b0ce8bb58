"""Time a long text arriving as keys (a paste in a terminal without bracketed paste) in the app's
forms: a one-line box (it stops at its limit) and a several-line box (the keys waiting are
inserted together, so the cost grows with the length, not its square).

    python bench/typed_text.py --lengths 2000 8000 32000

Each length is typed into a fresh form in Textual's headless test driver; the time is from the
first key posted until the box holds the text.
"""

import argparse
import asyncio
import time

from textual import events
from textual.app import App

from t2025tui.tui.modals.commentary import CommentaryForm
from t2025tui.tui.modals.form import Form
from t2025tui.tui.modals.note import NoteForm


class Host(App[None]):
    def __init__(self, form: Form[str]):
        super().__init__()
        self.form = form

    def on_mount(self) -> None:
        self.push_screen(self.form)


async def typed_seconds(form: Form[str], length: int) -> tuple[float, int]:
    host = Host(form)
    name = next(iter(form.form_fields))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        for index in range(length):
            character = chr(ord("a") + index % 26)
            host.post_message(events.Key(character, character))
        expected = min(length, form.form_fields[name].limit)
        while len(form.raw_text(name)) < expected:
            await asyncio.sleep(0.01)
        return time.perf_counter() - started, len(form.raw_text(name))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[2000, 8000, 32000])
    args = parser.parse_args()
    for length in args.lengths:
        for make in (lambda: NoteForm("bench"), lambda: CommentaryForm("bench", "")):
            form = make()
            seconds, kept = await typed_seconds(form, length)
            print(f"{type(form).__name__:16} {length:>7,} keys  {seconds:6.2f} s  ({kept:,} kept)")


if __name__ == "__main__":
    asyncio.run(main())
