"""Search at 10,000 forms in a fresh process: with the search index `build` saves, and with BM25 rebuilt in the
process as before it was saved. Writes the "Search in a fresh process" section of bench/RESULTS.md.

    .venv/bin/python bench/search_cold.py [--forms 10000] [--runs 3] [--home DIR]

The corpus is bench/synth.py's (seed 7), built once with the configured embedder (about ten minutes at 10,000 forms
on 2 cores); ``--home`` reuses a data directory built earlier. Each measurement runs in a new process: the time to
open the searcher, the first hybrid search, the median of 20 more, and the process's peak memory.
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

PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
from index.config import load_config
from index.retrieve import Searcher
from index.store import Store
config = load_config()
if {in_memory!r}:
    import index.retrieve as r
    r.Searcher._open_index = lambda self: r.SearchIndex.in_memory(
        r.chunks_for(self.store.projects()), r.tokenizer_words(self.store.projects()))
imported = time.perf_counter()
searcher = Searcher(config)
opened = time.perf_counter()
queries = ["消防安全专项经费为什么扣分", "居民满意度未达到目标的原因", "垃圾分类专项经费的年度目标",
           "社区卫生医疗专项经费完成情况", "防台防汛专项经费扣分原因"]
first_start = time.perf_counter()
found = searcher.retrieve(queries[0], k=5)
first = time.perf_counter() - first_start
more = []
for n in range(20):
    t = time.perf_counter()
    searcher.retrieve(queries[n % len(queries)], k=5)
    more.append(time.perf_counter() - t)
more.sort()
print(json.dumps({{"open": opened - imported, "imports": imported - t0, "first": first, "median": more[10],
                  "mode": found.mode, "chunks": searcher.index.size,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def probe(env: dict, in_memory: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE.format(in_memory=in_memory)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--forms", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--home", type=Path, help="a data directory already built from the synthetic corpus")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="jx_search_bench_"))
    home = args.home or work / "home"
    reports = (args.home.parent / "reports") if args.home else work / "reports"
    env = dict(os.environ, JX_HOME=str(home), JX_REPORTS=str(reports))
    if not args.home:
        from bench.synth import write_corpus

        write_corpus(reports, args.forms, seed=7)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "index", "build"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"built {args.forms} forms in {time.perf_counter() - started:.0f} s", flush=True)
    rows = []
    for label, in_memory in (("saved search index (this build)", False), ("BM25 rebuilt in the process (before)", True)):
        runs = [probe(env, in_memory) for _ in range(args.runs if not in_memory else 1)]
        med = {k: statistics.median(r[k] for r in runs) for k in ("open", "first", "median", "rss_mb", "imports")}
        rows.append((label, med, runs[0]["chunks"], runs[0]["mode"], len(runs)))
        print(label, med, flush=True)
    body = [f"{machine_line()}. {args.forms:,} synthetic forms (bench/synth.py, seed 7), each measurement in a fresh "
            "process after its imports; hybrid search (BM25 + vectors in the embedded Chroma), k=5.", "",
            "| searcher | open | first search (loads the embedder) | later searches (median of 20) | peak memory | runs |",
            "|---|---|---|---|---|---|"]
    for label, med, chunks, mode, n in rows:
        body.append(f"| {label} | {med['open']:.2f} s | {med['first'] * 1000:.0f} ms | {med['median'] * 1000:.0f} ms "
                    f"| {med['rss_mb']:.0f} MB | {n} |")
    body += ["", f"{rows[0][2]:,} chunks; imports before opening took {rows[0][1]['imports']:.1f} s; "
             f"searches ran in `{rows[0][3]}` mode."]
    write_section("Search in a fresh process", "\n".join(body))
    return 0


if __name__ == "__main__":
    sys.exit(main())
