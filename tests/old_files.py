"""Database files as earlier versions of t2025 left them, for the migration tests.

The rows are written with SQL in each version's own shape (key messages as lines of one text,
decisions with a text and a status, milestones without refs), not through today's seed or
services, which write the newest shape.
"""

from pathlib import Path

from t2025tui.core import migrations as mig
from t2025tui.core.store import create_store

# A programme as versions 1 and 2 stored it: key messages as lines of one text, decisions with a text
# and a status, milestones without refs.
OLD_ROWS = """
INSERT INTO programme (id, name, organisation, key_messages, status_date, band_amber_min, band_red_min)
VALUES (1, 'Change Programme', 'Northshire Police',
        'First message' || char(13) || char(10) || char(10) || '  Second message  ' || char(10) || 'Third', '2022-03-15', 6, 16);
INSERT INTO objective (id, position, title) VALUES (1, 1, 'Serve the public');
INSERT INTO workstream (id, code, name, lead, objective_id, rag, position) VALUES
    (1, 'DP', 'Digital Policing', 'Supt Hale', 1, 'Amber', 1),
    (2, 'CR', 'Control Room', 'DCC', NULL, 'Red', 2);
INSERT INTO project (id, workstream_id, name) VALUES (1, 1, 'Body-worn video');
INSERT INTO milestone (id, workstream_id, project_id, title, baseline_date, forecast_date) VALUES
    (1, 1, 1, 'Devices issued', '2022-05-31', '2022-06-14'),
    (2, 2, NULL, 'Call handling live', '2022-04-01', '2022-04-01'),
    (3, 1, NULL, 'Training done', '2022-02-01', '2022-02-01'),
    (4, 1, 1, 'Evaluation', NULL, NULL);
INSERT INTO baseline_history (milestone_id, baseline_date, replaced_at, reason)
VALUES (1, '2022-04-30', '2022-03-01T10:00:00+00:00', 'Supplier delay');
INSERT INTO board_meeting (id, meeting_date, title) VALUES (1, '2022-03-15', 'Futures Board');
INSERT INTO decision (id, board_meeting_id, text, status, notes) VALUES
    (1, 1, 'Approve the plan', 'Pending', 'n1'),
    (2, 1, 'Fund the devices', 'Agreed', ''),
    (3, NULL, 'Close the old room', 'Rejected', '');
INSERT INTO change_batch (id, at, action, summary, reason) VALUES
    (1, '2022-03-01T09:00:00+00:00', 'seed', 'New programme', 'The source report'),
    (2, '2022-03-02T09:00:00+00:00', 'edit', 'Set RAG', 'Worse');
INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field, old, new, reason)
VALUES (2, '2022-03-02T09:00:00+00:00', 'workstream', 2, 'Control Room', 'update', 'rag', '"Amber"', '"Red"', 'Worse');
INSERT INTO undo_stack (batch_id, undone) VALUES (2, 0);
"""


def make_old_file(path: Path, version: int) -> Path:
    """A file at schema `version` (1 or 2) holding OLD_ROWS."""
    store = create_store(path, migrations=[m for m in mig.bundled_migrations() if m.number <= version])
    try:
        store.conn.executescript(f"BEGIN IMMEDIATE; {OLD_ROWS} COMMIT;")
    finally:
        store.close()
    return path
