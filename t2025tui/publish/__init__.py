"""`t2025 serve`: the programme published read-only on Datasette (docs/publish.md).

Datasette only ever sees a snapshot: a copy of the live file made with SQLite's backup API into
a private folder of this process's own, served immutable and replaced by a fresh copy when the
live file changes. The live file is only ever opened read-only.

Nothing here imports Datasette at module level except `plugin.py` and `server.py`, which the
command imports only once it knows Datasette is installed.
"""
