"""Small HTML builders; every text they are given is escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import numpy as np
import pandas as pd


def esc(value: object) -> str:
    """``value`` as escaped HTML text; None, NaN and NaT as an empty string."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | np.ndarray):
        return html.escape(", ".join(map(str, value)))
    if isinstance(value, float) and pd.isna(value):
        return ""
    if value is pd.NaT:
        return ""
    if isinstance(value, float):
        return html.escape(f"{value:g}")
    return html.escape(str(value))


class Raw(str):
    """HTML that is already safe (built here): :func:`table` and :func:`definitions` keep it
    as is instead of escaping it."""


def cell(value: object) -> str:
    """A cell's content: :class:`Raw` as is, anything else escaped."""
    return value if isinstance(value, Raw) else esc(value)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    row_attrs: Iterable[str] | None = None,
    attrs: str = "",
) -> Raw:
    """A ``<table>`` with a header row; ``row_attrs`` gives each ``<tr>`` its (escaped)
    attributes."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    extra = iter(row_attrs) if row_attrs is not None else None
    body = []
    for row in rows:
        tr = f"<tr {next(extra)}>" if extra is not None else "<tr>"
        body.append(tr + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>")
    return Raw(
        f"<table {attrs}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def definitions(items: Iterable[tuple[str, object]]) -> Raw:
    """A ``<dl>`` of the items whose value is set."""
    parts = [f"<dt>{esc(k)}</dt><dd>{cell(v)}</dd>" for k, v in items if cell(v) not in ("", "[]")]
    return Raw(f'<dl class="meta">{"".join(parts)}</dl>')


def link(doc_id: str, label: object, shown: set[str]) -> Raw:
    """A link that opens the article in the report, or the label alone when the article is
    not shown (sampled out)."""
    if doc_id not in shown:
        return Raw(esc(label))
    return Raw(f'<a href="{html.escape(doc_href(doc_id), quote=True)}">{esc(label)}</a>')


def doc_href(doc_id: str) -> str:
    """The report's address of an article: ``#doc=`` and the percent-encoded id."""
    return "#doc=" + quote(doc_id, safe="")
