"""Build a large corpus for scale measurements by recombining public benchmark articles.

Reads the development texts under ``../shared/benchmarks`` (PolNeAR, GVA, TimeBank/AQUAINT,
RAMS) and writes N articles as ``.txt`` files with ``.meta.json`` sidecars to a folder outside
the project (default ``/tmp/scale-corpus-N``). Article ``i`` joins the paragraphs of one source
article with the second half of another and ends with a story code of its own, so a long
corpus keeps meeting new words, as real news does. Nothing is copied into the project.

    .venv/bin/python bench/scale_corpus.py 3000 --out /tmp/scale-3000
    /usr/bin/time -v .venv/bin/python -m pipeline run --input /tmp/scale-3000 \\
        --output /tmp/scale-out --workers 1 --no-cache --no-progress
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCHMARKS = REPO.parent / "shared" / "benchmarks"


def source_texts(benchmarks: Path) -> list[str]:
    """Every usable article text of the benchmark folders, interleaved by corpus."""
    corpora = [
        [
            p.read_text(encoding="utf-8")
            for p in sorted((benchmarks / "polnear-dev/text").glob("*.txt"))
        ],
        [p.read_text(encoding="utf-8") for p in sorted((benchmarks / "gva-dev/in").glob("*.txt"))],
        [_timeml_text(p) for p in sorted((benchmarks / "timebank-aquaint").rglob("*.tml"))],
        [
            json.loads(line)["text"]
            for line in (benchmarks / "rams-dev/docs.jsonl")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.strip()
        ],
    ]
    texts: list[str] = []
    for i in range(max(len(c) for c in corpora)):
        texts.extend(c[i] for c in corpora if i < len(c) and c[i].strip())
    return texts


def _timeml_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    return re.sub(r"<[^>]+>", "", body).strip()


def article(i: int, pool: list[str]) -> str:
    """Article ``i``: one source whole, the second half of another, and a story code."""
    first = pool[i % len(pool)]
    second = pool[(i // len(pool) * 131 + 7 * i + 3) % len(pool)]
    paragraphs = [p for p in second.split("\n\n") if p.strip()]
    tail = "\n\n".join(paragraphs[len(paragraphs) // 2 :])
    return f"{first.strip()}\n\n{tail.strip()}\n\nStory code NX{(i * 7919) % 100000:05d}-{i}.\n"


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, help="output folder (default /tmp/scale-corpus-N)")
    parser.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS)
    args = parser.parse_args()
    out = args.out or Path(f"/tmp/scale-corpus-{args.n}")
    pool = source_texts(args.benchmarks)
    start = dt.date(2018, 1, 1)
    for i in range(args.n):
        folder = out / f"{i // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{i:06d}.txt").write_text(article(i, pool), encoding="utf-8")
        meta = {"published": (start + dt.timedelta(days=i % 1500)).isoformat()}
        (folder / f"a{i:06d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    print(f"{args.n} articles from {len(pool)} sources in {out}")


if __name__ == "__main__":
    main()
