"""Tables owned by registers/: snapshots, the NPPES copy, the API cache, status history.

The tables are created by migration ``010_registers`` in db/migrations.py.

Private tables (hidden from Datasette, see docs/registers.md): ``register_entries``
(raw UK register rows; the GMC licence forbids republishing them),
``npi_registry`` (a copy of NPPES, ~8M rows), ``register_cache`` (raw API bodies).
Public: ``register_snapshots`` (what was imported, when) and
``credential_status_history`` (our verdicts over time).
"""

from __future__ import annotations

PRIVATE_TABLES = ("register_entries", "npi_registry", "register_cache")

