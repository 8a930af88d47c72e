"""`ask` latency at 104 and 10,000 forms, per question kind, in process and without an LLM.

The store alone is built (no vectors: no question kind here needs retrieval). Each question is asked several times;
the table gives the median and the 95th percentile over all asks of a kind. Writes the "Answer latency" section of
bench/RESULTS.md. Run `.venv/bin/python bench/ask_latency.py [--sizes 104,10000] [--repeats 5]`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine_line, write_section  # noqa: E402
from bench.scale import BUILD, ask_latency, make_corpus, run_json  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="104,10000")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from index.config import load_config

    work = Path(tempfile.mkdtemp(prefix="jx_latency_"))
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            reports, home = work / f"reports_{size}", work / f"home_{size}"
            make_corpus(size, reports)
            run_json(BUILD.format(vectors=False), dict(os.environ, JX_HOME=str(home), JX_REPORTS=str(reports)))
            rows.append((size, ask_latency(load_config({"JX_HOME": str(home), "JX_REPORTS": str(reports)}),
                                           repeats=args.repeats)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kinds = list(rows[0][1])
    lines = [f"{machine_line()}. In process, no LLM, store only; each question of a kind asked {args.repeats} times; "
             "p50 / p95 in ms over all asks of the kind. Synthetic forms from `bench/synth.py` (seed 7) above 104.", "",
             "| forms | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    for size, lat in rows:
        lines.append(f"| {size:,} | " + " | ".join(f"{lat[k][0]:.0f} / {lat[k][1]:.0f}" for k in kinds) + " |")
    write_section("Answer latency", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
