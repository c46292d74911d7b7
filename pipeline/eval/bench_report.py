"""Reports of ``bench``: one suite as plain text, every suite as the Markdown quality table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def fmt(value: float | None, signed: bool = False) -> str:
    """A figure with three decimals (``n/a`` when unknown)."""
    if value is None:
        return "n/a"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def render_text(result: dict[str, Any]) -> str:
    """One suite: each headline figure beside its baseline and the difference, then speed."""
    speed = result["speed"]
    lines = [
        f"{result['suite']}: {result['description']} ({result['documents']} documents, "
        f"{result['words']:,} words)",
        f"{'figure':32} {'pipeline':>9} {'baseline':>9} {'diff':>8}",
    ]
    for figure in result["figures"]:
        lines.append(
            f"{figure['label']:32} {fmt(figure['pipeline']):>9} {fmt(figure['baseline']):>9} "
            f"{fmt(figure['diff'], signed=True):>8}"
        )
    lines.append(f"baseline: {result['baseline']}")
    lines.append(
        f"speed: {speed['documents_per_second']} documents/s, "
        f"{speed['words_per_second']:,} words/s ({speed['seconds']} s; model load "
        f"{speed['model_load_seconds']} s apart)"
    )
    if "stages" in speed:
        lines.append(render_stages(speed["stages"]))
    if result.get("failed_documents"):
        lines.append(f"failed documents: {result['failed_documents']}")
    return "\n".join(lines)


def render_stages(stages: dict[str, Any]) -> str:
    """``stages: model 30.1 s; news_entities 2.0 s (6.6% of the model) ...``."""
    parts = [f"model {stages['model']} s"]
    for name, share in stages["share_of_model"].items():
        seconds = stages["components"][name]
        parts.append(f"{name} {seconds} s ({share:.1%} of the model)")
    return "stages: " + "; ".join(parts)


def render_markdown(results: Sequence[dict[str, Any]], provenance: dict[str, str]) -> str:
    """The quality table of every suite (the README's "Measured quality" table)."""
    lines = [
        f"Measured with `python -m pipeline bench all` on {provenance['date']}, commit "
        f"`{provenance['commit']}` (version {provenance['version']}).",
        "",
        "| suite | figure | pipeline | baseline | Δ |",
        "|---|---|---:|---:|---:|",
    ]
    for result in results:
        for i, figure in enumerate(result["figures"]):
            name = f"`{result['suite']}` ({result['documents']} docs)" if i == 0 else ""
            lines.append(
                f"| {name} | {figure['label']} | {fmt(figure['pipeline'])} | "
                f"{fmt(figure['baseline'])} | {fmt(figure['diff'], signed=True)} |"
            )
    lines += ["", "| suite | baseline | documents/s | words/s |", "|---|---|---:|---:|"]
    for result in results:
        speed = result["speed"]
        lines.append(
            f"| `{result['suite']}` | {result['baseline']} | "
            f"{speed['documents_per_second']} | {speed['words_per_second']:,.0f} |"
        )
    return "\n".join(lines) + "\n"
