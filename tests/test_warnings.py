"""``documents.warnings``: on ok, empty and error rows alike, counted by the summary and the
manifest, kept by the cache, and failing the run under ``--strict-warnings``.

The inputs here need no spaCy model (empty and unreadable documents), so every run goes
through the ``pipeline run`` command line as a user would, in a fraction of a second.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.batch.summary import RunSummary
from pipeline.cli import main

WARNED = {
    "blank": ["blank.meta.json: ignored metadata: invalid JSON"],
    "z.jsonl:1": ["duplicate id 'blank' (first in blank.txt)"],  # an error row with a warning
    "undated": ["undated.meta.json: ignored metadata 'published': 'next tuesday'"],
}


def write_inputs(folder: Path, broken: bool = True) -> Path:
    """Empty articles with bad metadata, one clean, and (``broken``) a failed record whose id
    is taken."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "blank.txt").write_text("", encoding="utf-8")
    (folder / "blank.meta.json").write_text("{not json", encoding="utf-8")
    (folder / "undated.txt").write_text("  \n", encoding="utf-8")
    (folder / "undated.meta.json").write_text('{"published": "next tuesday"}', encoding="utf-8")
    (folder / "clean.txt").write_text("", encoding="utf-8")
    if broken:
        (folder / "z.jsonl").write_text('{"id": "blank", "text": 42}\n', encoding="utf-8")
    return folder


def run_cli(capsys: pytest.CaptureFixture[str], folder: Path, out: Path, *extra: str):
    code = main(["run", "--input", str(folder), "--output", str(out), "--no-progress", *extra])
    return code, capsys.readouterr().out


def warnings_by_id(out: Path) -> dict[str, list[str]]:
    rows = pq.read_table(out / "documents.parquet").to_pylist()
    return {row["doc_id"]: row["warnings"] for row in rows}


def test_warnings_column_on_every_kind_of_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run_cli(capsys, write_inputs(tmp_path / "in"), tmp_path / "out", "--json")
    assert code == 0
    schema = pq.read_schema(tmp_path / "out" / "documents.parquet")
    assert schema.field("warnings").type == pa.list_(pa.string())
    found = warnings_by_id(tmp_path / "out")
    assert found["clean"] == []
    for doc_id, starts in WARNED.items():
        assert len(found[doc_id]) == len(starts), found[doc_id]
        assert all(w.startswith(s) for w, s in zip(found[doc_id], starts, strict=True)), found
    rows = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    statuses = {row["doc_id"]: row["status"] for row in rows}
    assert statuses == {
        "blank": "empty",
        "z.jsonl:1": "error",
        "undated": "empty",
        "clean": "empty",
    }


def test_summary_and_manifest_count_documents_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = run_cli(capsys, write_inputs(tmp_path / "in"), tmp_path / "out", "--json")
    summary = json.loads(printed)
    assert code == 0 and summary["warned"] == len(WARNED)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"]["warned"] == len(WARNED)
    code, printed = run_cli(capsys, tmp_path / "in", tmp_path / "out2")
    assert f"warnings  {len(WARNED)} documents with warnings" in printed
    listed = [line for line in printed.splitlines() if line.startswith("warning ")]
    assert [line.split()[1] for line in listed] == ["blank:", "undated:", "z.jsonl:1:"]
    assert "warning   blank: blank.meta.json: ignored metadata: invalid JSON" in printed


@pytest.mark.parametrize(
    ("broken", "extra", "code"),
    [
        (False, [], 0),
        (False, ["--strict"], 0),  # --strict keeps its meaning: no document failed
        (False, ["--strict-warnings"], 3),
        (False, ["--set", "run.strict_warnings=true"], 3),
        (False, ["--set", "run.strict=true"], 0),
        (True, ["--strict"], 3),
        (True, ["--strict-warnings"], 3),
    ],
)
def test_strict_warnings_exit_status(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    broken: bool,
    extra: list[str],
    code: int,
) -> None:
    folder = write_inputs(tmp_path / "in", broken=broken)
    assert run_cli(capsys, folder, tmp_path / "out", *extra)[0] == code


def test_strict_warnings_passes_a_clean_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "clean.txt").write_text("", encoding="utf-8")
    assert run_cli(capsys, folder, tmp_path / "out", "--strict-warnings")[0] == 0


def test_cached_rerun_keeps_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_inputs(tmp_path / "in")
    run_cli(capsys, folder, tmp_path / "out", "--json")
    first = warnings_by_id(tmp_path / "out")
    code, printed = run_cli(capsys, folder, tmp_path / "out", "--json")
    summary = json.loads(printed)
    assert code == 0
    assert summary["cached"] == len(first) - 1  # a failed JSON-lines record is read again
    assert summary["warned"] == len(WARNED)
    assert warnings_by_id(tmp_path / "out") == first


def test_summary_lists_the_first_documents_with_warnings() -> None:
    parts = [RunSummary(input="in", output="out") for _ in range(2)]
    for i in range(12):
        parts[i // 6].note_warnings(f"d{i:02}", [f"w{i}", "another"] if i == 0 else [f"w{i}"])
    parts[1].note_warnings("clean", [])
    whole = RunSummary(input="in", output="out")
    for part in parts:
        whole.merge(part)
    listed = [line for line in whole.render().splitlines() if line.startswith("warning ")]
    assert whole.warned == 12
    assert listed[0] == "warning   d00: w0 (and 1 more)"
    assert [line.split()[1] for line in listed[:10]] == [f"d{i:02}:" for i in range(10)]
    assert listed[10:] == ["warning   ... and 2 more documents (documents.warnings)"]


def test_ids_and_warnings_do_not_depend_on_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_inputs(tmp_path / "in")
    for name in ("a", "b"):  # one more duplicate of each id, in two more files
        records = [{"id": doc_id, "text": " "} for doc_id in ("blank", "undated", "clean")]
        lines = "\n".join(json.dumps(r) for r in records) + "\n"
        (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    tables = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        extra = ("--workers", workers, "--set", "run.batch_size=1", "--no-cache", "--json")
        code, printed = run_cli(capsys, folder, out, *extra)
        assert code == 0 and json.loads(printed)["workers"] == int(workers)
        tables.append(pq.read_table(out / "documents.parquet").drop(["source_path"]))
    assert tables[0].equals(tables[1])
    ids = tables[0].column("doc_id").to_pylist()
    assert len(ids) == len(set(ids)) == 10
    assert {"blank", "blank.txt", "b.jsonl:3", "clean.txt"} <= set(ids)  # a.jsonl sorts first


def test_files_a_run_does_not_read_are_noted(tmp_path: Path, nlp) -> None:
    from pipeline.batch.run import run
    from pipeline.config import load_config

    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "story.txt").write_text("The mayor spoke on Monday.\n", encoding="utf-8")
    (corpus / "story.meta.json").write_text('{"published": "2024-10-30"}', encoding="utf-8")
    (corpus / "sub" / "lost.meta.json").write_text('{"published": "2024-10-30"}', encoding="utf-8")
    (corpus / "page.html").write_text("<html></html>", encoding="utf-8")
    (corpus / "story.gold.json").write_text("{}", encoding="utf-8")
    (corpus / "sub" / "notes.md").write_text("x", encoding="utf-8")
    (corpus / ".hidden.json").write_text("{}", encoding="utf-8")
    summary = run(load_config(), str(corpus), str(tmp_path / "out"), progress=False, nlp=nlp)
    assert summary.documents == 1
    assert "1 sidecar(s) without their .txt article, not read: sub/lost.meta.json" in summary.notes
    assert "2 file(s) that are not articles, not read: 1 .html, 1 .md" in summary.notes
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert set(summary.notes) <= set(manifest["notes"])
