"""The plain-text evaluation report and the ``python -m pipeline eval`` entry point.

:func:`main` (called by :mod:`pipeline.cli`) runs :func:`pipeline.eval.scoring.evaluate` and
prints either :func:`format_report` or the result as one JSON object. In the text report a
ratio with nothing to judge (JSON null) shows as ``n/a``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.eval.predictions import EvalError
from pipeline.eval.scoring import evaluate

MAX_LISTED_MISSING = 5
_PRF_ROWS = (
    ("entities", "exact"),
    ("entities", "overlap"),
    ("entities", "label_agnostic_overlap"),
    ("dates", "span"),
    ("dates", "value_f1"),
    ("numbers", "span"),
    ("numbers", "value_f1"),
    ("quotes", "match"),
    ("quotes", "direct"),
    ("quotes", "indirect"),
    ("quotes", "mixed"),
    ("events", "untyped"),
    ("events", "typed"),
    ("events", "strict"),
)
_ACC_ROWS = (
    ("entities", "canonical_accuracy"),
    ("dates", "value_accuracy"),
    ("dates", "type_accuracy"),
    ("numbers", "value_accuracy"),
    ("numbers", "unit_accuracy"),
    ("quotes", "speaker_accuracy"),
    ("quotes", "speaker_accuracy_end_to_end"),
    ("quotes", "kind_accuracy"),
    ("quotes", "cue_accuracy"),
    ("events", "quantity_accuracy"),
    ("events", "date_accuracy"),
    ("events", "location_accuracy"),
    ("events", "actors_accuracy"),
    ("events", "targets_accuracy"),
    ("events", "reported_by_accuracy"),
    ("events", "negated_accuracy"),
)
_DOC_F1 = (
    ("entities", "overlap"),
    ("dates", "span"),
    ("numbers", "span"),
    ("quotes", "match"),
    ("events", "typed"),
)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _table(header: str, rows: list[str]) -> list[str]:
    """A blank line, ``header``, a dashed rule as wide as the header, then ``rows``."""
    return ["", header, "-" * len(header), *rows]


def _summary_lines(result: Mapping[str, Any]) -> list[str]:
    run = result.get("run") or {}
    lines = [
        f"Gold: {result['gold']} ({result['n_docs']} documents, gold_hash "
        f"{result.get('gold_hash')})",
        f"Pred: {result['pred']} (config_hash {run.get('config_hash')}, run_hash "
        f"{run.get('run_hash')})",
    ]
    if result["missing_docs"]:
        lines.append(
            f"Missing from pred ({len(result['missing_docs'])}): "
            + ", ".join(result["missing_docs"])
        )
    return lines + [f"warning: {warning}" for warning in result["warnings"]]


def _prf_lines(metrics: Mapping[str, Any]) -> list[str]:
    rows = []
    for task, name in _PRF_ROWS:
        m = metrics[task][name]
        rows.append(
            f"{task:<10} {name:<24} {_fmt(m['precision']):>7} {_fmt(m['recall']):>7} "
            f"{_fmt(m['f1']):>7} {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}"
        )
    header = (
        f"{'task':<10} {'metric':<24} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}"
    )
    return _table(header, rows)


def _accuracy_lines(metrics: Mapping[str, Any]) -> list[str]:
    rows = []
    for task, name in _ACC_ROWS:
        m = metrics[task][name]
        rows.append(
            f"{task:<10} {name:<28} {_fmt(m['accuracy']):>7} "
            f"{str(m['correct']) + '/' + str(m['total']):>14}"
        )
    return _table(f"{'task':<10} {'accuracy':<28} {'value':>7} {'correct/total':>14}", rows)


def _group_lines(metrics: Mapping[str, Any]) -> list[str]:
    """Entities by label and events by type (each table only when it has a row)."""
    lines: list[str] = []
    for task, key, title in (("entities", "by_label", "label"), ("events", "by_type", "type")):
        groups = metrics[task][key]
        if not groups:
            continue
        rows = [
            f"{group:<28} {_fmt(m['precision']):>7} {_fmt(m['recall']):>7} "
            f"{_fmt(m['f1']):>7} {m['tp'] + m['fn']:>5} {m['tp'] + m['fp']:>5}"
            for group, m in groups.items()
        ]
        header = f"{task + ' by ' + title:<28} {'P':>7} {'R':>7} {'F1':>7} {'gold':>5} {'pred':>5}"
        lines += _table(header, rows)
    return lines


def _per_doc_lines(per_doc: Mapping[str, Any]) -> list[str]:
    width = max([len("document")] + [len(d) for d in per_doc])
    header = f"{'document':<{width}} " + " ".join(f"{t[:8] + ' F1':>11}" for t, _ in _DOC_F1)
    rows = []
    for doc_id, doc in per_doc.items():
        cells = " ".join(f"{_fmt(doc['metrics'][t][n]['f1']):>11}" for t, n in _DOC_F1)
        rows.append(f"{doc_id:<{width}} {cells}" + ("  (missing)" if doc["missing"] else ""))
    return _table(header, rows)


def format_report(result: Mapping[str, Any]) -> str:
    """Render an :func:`~pipeline.eval.scoring.evaluate` result as a plain-text report.

    Sections: gold/pred summary and warnings, P/R/F1 table, accuracy table, entities by label
    and events by type, then F1 per document.
    """
    metrics = result["metrics"]
    lines = (
        _summary_lines(result)
        + _prf_lines(metrics)
        + _accuracy_lines(metrics)
        + _group_lines(metrics)
        + _per_doc_lines(result["per_doc"])
    )
    return "\n".join(lines)


def main(gold: str, pred: str, as_json: bool = False, allow_partial: bool = False) -> int:
    """Run ``pipeline eval``: print the report (or one JSON object) and return the exit code.

    Returns 0 on success; 2 with a one-line ``error: ...`` on stderr when a path is missing or
    unreadable; 1 with a one-line error when gold documents are missing from the run (with
    ``allow_partial``, the documents present are scored and a warning says how many were
    missing; 1 still when none is present).
    """
    try:
        result = evaluate(Path(gold), Path(pred), skip_missing=allow_partial)
    except EvalError as exc:
        print(f"error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    missing = result["missing_docs"]
    if missing and (not allow_partial or len(missing) == result["n_docs"]):
        hint = "" if len(missing) == result["n_docs"] else " (--allow-partial scores the others)"
        print(f"error: {_missing_line(result)}{hint}", file=sys.stderr)
        return 1
    if missing:
        result["warnings"].append(_missing_line(result) + "; scored the others only")
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        print(format_report(result))
    return 0


def _missing_line(result: Mapping[str, Any]) -> str:
    """How many gold documents the run lacks, and the first few of them."""
    missing = result["missing_docs"]
    shown = ", ".join(missing[:MAX_LISTED_MISSING])
    extra = len(missing) - MAX_LISTED_MISSING
    more = f" and {extra} more" if extra > 0 else ""
    return (
        f"{len(missing)} of {result['n_docs']} gold documents are missing from the run in "
        f"{result['pred']}: {shown}{more}"
    )
