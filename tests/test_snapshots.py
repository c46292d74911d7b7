"""Snapshot test: the seed's and the test articles' tables equal stored expected tables.

A refactor must never change results unnoticed. When a change of output is intended, regenerate
the expected tables and review their diff before committing:

    .venv/bin/python -m pytest tests/test_snapshots.py --update-snapshots
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.batch.schemas import TABLES

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# Columns that depend on where the checkout lives, or repeat the input verbatim.
SKIP_COLUMNS = {"documents": ("source_path", "text")}


def normalise(value: Any) -> Any:
    """A JSON-stable form of a table cell (float32 noise rounded, arrays as lists)."""
    if value is None:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_rows(run_dir: Path, name: str) -> list[dict[str, Any]]:
    """The rows of one output table in a stable JSON form."""
    frame = pd.read_parquet(run_dir / f"{name}.parquet")
    frame = frame.drop(columns=list(SKIP_COLUMNS.get(name, ())))
    return [{k: normalise(v) for k, v in row.items()} for row in frame.to_dict("records")]


def snapshot_path(run: str, name: str) -> Path:
    return SNAPSHOTS / run / f"{name}.jsonl"


@pytest.mark.parametrize("name", list(TABLES))
@pytest.mark.parametrize("run", ["seed", "articles"])
def test_tables_equal_the_stored_snapshot(
    run: str, name: str, request: pytest.FixtureRequest
) -> None:
    run_dir = request.getfixturevalue(f"{run}_run")
    rows = table_rows(run_dir, name)
    path = snapshot_path(run, name)
    if request.config.getoption("--update-snapshots"):
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path}; create it with --update-snapshots"
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(expected), f"{run}/{name}: {len(rows)} rows, expected {len(expected)}"
    for i, (got, want) in enumerate(zip(rows, expected, strict=True)):
        assert got == want, f"{run}/{name} row {i} differs"
