"""Benchmark: full build of the bundled forms (time, peak memory) and `search` latency over the dev questions.

Run with `make bench` (or `.venv/bin/python bench/index_build.py [--runs N]`); results go to bench/RESULTS.md.
Each build runs in a fresh process into an empty data directory, so model loading is included.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine_line, write_section  # noqa: E402

BUILD_SNIPPET = """
import json, resource, sys, time
t0 = time.perf_counter()
from index.build import build
from index.config import load_config
config = load_config()
t1 = time.perf_counter()
summary = build(config, vectors={vectors})
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "build": t2 - t1, "embed": summary.vectors.seconds if summary.vectors else 0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def one_build(vectors: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, JX_HOME=tmp, JX_REPORTS=str(ROOT / "data"))
        out = subprocess.run([sys.executable, "-c", BUILD_SNIPPET.format(vectors=vectors)], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def search_latency(repeats: int) -> tuple[list[float], int]:
    from index.build import build
    from index.config import load_config
    from index.evaluate import DEV_SET
    from index.retrieve import Searcher

    questions = [json.loads(line)["question"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config({"JX_HOME": tmp, "JX_REPORTS": str(ROOT / "data")})
        build(config)
        searcher = Searcher(config)
        searcher.search("预热", k=5)
        per_question = []
        for q in questions:
            times = []
            for _ in range(repeats):
                t = time.perf_counter()
                searcher.search(q, k=5)
                times.append((time.perf_counter() - t) * 1000)
            per_question.append(statistics.median(times))
    return per_question, len(questions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store_only = [one_build(vectors=False) for _ in range(args.runs)]
    full = [one_build(vectors=True) for _ in range(args.runs)]
    latencies, n = search_latency(repeats=max(3, args.runs))

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
    lines = [
        f"{machine_line()}; median of {args.runs} runs, each build in a fresh process into an empty data directory.",
        "",
        "| measure (104 forms, 1,178 indicators, 1,282 chunks) | median |",
        "|---|---|",
        f"| parse + store, build call only | {med(store_only, 'build'):.2f} s |",
        f"| parse + store, peak memory of the process | {med(store_only, 'rss_mb'):.0f} MB |",
        f"| full build (parse + store + chunks + embedding + Chroma) | {med(full, 'build'):.2f} s |",
        f"| of which embedding and Chroma writes | {med(full, 'embed'):.2f} s |",
        f"| full build, peak memory of the process | {med(full, 'rss_mb'):.0f} MB |",
        f"| imports before building | {med(full, 'import'):.2f} s |",
        f"| `search` latency, hybrid, k=5, {n} dev questions: median of per-question medians | "
        f"{statistics.median(latencies):.1f} ms |",
        f"| `search` latency, p95 over questions | {p95:.1f} ms |",
    ]
    write_section("Index build and search", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
