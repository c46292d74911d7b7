"""Throughput benchmark: seconds per article, model load excluded.

Builds a JSON-lines corpus by repeating the project's own articles (the seed and the test
articles) N times under distinct ids, runs the default pipeline over it and prints documents
per second and seconds per document, with per-stage seconds.

    .venv/bin/python bench/throughput.py --repeat 20
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from pipeline.batch.reading import read_articles
from pipeline.batch.run import run
from pipeline.config import load_config

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    """Run the benchmark and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of each article")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    args = parser.parse_args()
    articles = [*read_articles(REPO / "seeds"), *read_articles(REPO / "tests" / "articles")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for i in range(args.repeat):
                for article in articles:
                    record = {
                        "id": f"{article.doc_id}-{i}",
                        "text": article.text,
                        "published": article.published.isoformat() if article.published else None,
                    }
                    out.write(json.dumps(record) + "\n")
        config = load_config(
            overrides=[
                f"run.batch_size={args.batch_size}",
                f"run.workers={args.workers}",
                "run.cache=false",
            ]
        )
        summary = run(
            config, input_path=str(corpus), output_dir=str(Path(tmp) / "out"), progress=False
        )
    processing = summary.seconds - summary.load_seconds
    chars = sum(len(a.text) for a in articles) * args.repeat
    print(
        json.dumps(
            {
                "documents": summary.documents,
                "failed": summary.failed,
                "characters": chars,
                "load_seconds": round(summary.load_seconds, 2),
                "processing_seconds": round(processing, 2),
                "seconds_per_document": round(processing / max(summary.documents, 1), 4),
                "documents_per_second": round(summary.documents / processing, 1)
                if processing
                else None,
                "stage_seconds": {k: round(v, 2) for k, v in summary.stage_seconds.items()},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
