"""Regenerate docs/report.png, the README's picture of the run report.

Runs the pipeline over ``seeds/`` (or takes a finished run with ``--run``), writes its report
and photographs it with headless Chromium (Debian's ``chromium``)::

    python tools/report_screenshot.py [--run DIR] [--out docs/report.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Write the screenshot; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="a finished run (default: run the seeds)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "report.png")
    parser.add_argument("--size", default="1400,2900", help="window WIDTH,HEIGHT in pixels")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("error: chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        run = args.run or Path(tmp) / "seed-run"
        if args.run is None:
            pipeline(["run", "--input", str(REPO / "seeds"), "--output", str(run), "--no-progress"])
        report = Path(tmp) / "report.html"
        pipeline(["report", str(run), "--out", str(report)])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        command = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars"]
        command += [f"--user-data-dir={tmp}/profile", f"--window-size={args.size}"]
        command += [f"--screenshot={args.out.resolve()}", report.as_uri()]
        subprocess.run(command, check=True, capture_output=True)
    print(args.out)
    return 0


def pipeline(arguments: list[str]) -> None:
    """Run ``python -m pipeline ARGUMENTS`` from the repository root."""
    subprocess.run([sys.executable, "-m", "pipeline", *arguments], check=True, cwd=REPO)


if __name__ == "__main__":
    sys.exit(main())
