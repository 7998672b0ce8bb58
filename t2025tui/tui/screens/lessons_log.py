"""The lessons log: what was learnt, what happened, what to do next time."""

from __future__ import annotations

from textual.binding import Binding

from t2025tui.core.queries import logs
from t2025tui.core.services import lessons
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import workstream_choices
from t2025tui.tui.modals.lesson_form import LessonForm
from t2025tui.tui.screens.log_screen import LogScreen
from t2025tui.tui.widgets.paged_table import PagedColumn


class LessonsLogScreen(LogScreen):
    LOG = "lessons"
    TITLE_TEXT = "Lessons log"
    TABLE_ID = "lessons-table"
    ROW_NOUN = "lesson"
    ROW_KIND = "lesson"
    PALETTE_GROUP = "lessons log"
    EMPTY = "No lessons yet: n adds one"
    FILTER_PLACEHOLDER = "Filter lessons by any of their text"

    BINDINGS = [
        Binding("n", "new", "New", id="lessons.new", tooltip="Add a lesson"),
        Binding("e", "edit", "Edit", id="lessons.edit", tooltip="Edit the selected lesson"),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="lessons.remove",
            key_display="del",
            tooltip="Remove the selected lesson, with a reason (ctrl+z undoes)",
        ),
    ]

    def columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 4),
            PagedColumn("lesson", "Lesson", 36, flex=True),
            PagedColumn("next_time", "Next time", 30, flex=True),
            PagedColumn("workstream", "WS", 5),
            PagedColumn("lesson_date", "Date", 10),
        ]

    def position_of(self, record_id: int) -> int | None:
        return logs.lesson_position(self.store, record_id)

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return logs.lessons(self.store, search=search or None, limit=limit, offset=offset)

    def count(self, search: str) -> int:
        return logs.count_lessons(self.store, search=search or None)

    def read(self) -> int:
        return logs.count_lessons(self.store)

    def summary(self, data: int | None) -> str:
        return "" if data is None else f"Lessons {data:,}"

    def detail(self, row: dict) -> str:
        parts = [
            f"What happened: {display_text(row['what_happened'])}" if row["what_happened"] else "",
            f"Next time: {display_text(row['next_time'])}" if row["next_time"] else "",
        ]
        return "   ".join(p for p in parts if p)

    def action_new(self) -> None:
        workstreams, today = workstream_choices(self.store), self.today()
        self.add_record(
            "Lesson", "L", lambda: LessonForm(None, workstreams, today=today), lessons.create_lesson
        )

    def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        workstreams, today = workstream_choices(self.store), self.today()
        self.edit_record(
            "Lesson", row, lambda: LessonForm(row, workstreams, today=today), lessons.update_lesson
        )

    def action_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.remove_with_reason(
            f"lesson {row['ref']}",
            lambda reason: lessons.remove_lesson(
                self.store, row["id"], reason, expected_version=row["version"]
            ),
        )
