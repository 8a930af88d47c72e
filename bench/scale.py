"""Benchmark at scale and under load: build cost at 104 / 1,000 / 10,000 forms, `ask` latency per question kind,
cold starts, and 20 concurrent users on the web app. Writes the "Scale and load" section of bench/RESULTS.md.

Run with `make bench` (or `.venv/bin/python bench/scale.py [--sizes 104,1000,10000] [--quick]`).
Each build runs in a fresh process into an empty data directory; figures are medians over several runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine_line, write_section  # noqa: E402

SEED = ROOT / "data" / "000_ce9e36a26cba1e6e.txt"
BUILD = """
import json, resource, time
from index.build import build
from index.config import load_config
t = time.perf_counter()
s = build(load_config(), vectors={vectors})
print(json.dumps({{"seconds": time.perf_counter() - t, "embed": s.vectors.seconds if s.vectors else 0.0,
                  "projects": s.projects, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_json(code: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_corpus(size: int, reports: Path) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    if size == 104:
        shutil.copy(SEED, reports / SEED.name)
        return
    from bench.synth import write_corpus

    write_corpus(reports, size, seed=7)


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20 if path.exists() else 0.0


def med(values) -> float:
    return statistics.median(values)


def pct(values, q) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def questions(assistant) -> dict[str, list[str]]:
    """Questions per kind that make sense on any corpus, naming real projects and offices of this store."""
    names = list(assistant.vocab.projects)
    rng = random.Random(3)
    picks = rng.sample(names, min(5, len(names)))
    offices = sorted(o for o in assistant.vocab.offices if o)[:3]
    return {
        "list": ["哪些项目满意度未达标", "评分等级不是优的项目", "哪些项目的时效指标扣分", "执行数超过1000万元的项目"],
        "count": ["有多少个项目的时效指标扣分", "总分低于90分的项目有几个", "有多少条指标的完成情况是“达成指标”"],
        "aggregate": [f"{o}所有项目全年执行数合计" for o in offices] + ["全年预算数最大的项目是哪个", "总分前5名的项目"],
        "lookup": [f"{n}的全年预算数是多少" for n in picks] + [f"{n}总分" for n in picks[:2]],
        "calc": [f"{n}全年预算比年初预算增加了多少" for n in picks[:3]],
        "group": ["各科室分别有几个项目、执行数合计多少", "各科室平均分", "按一级指标汇总扣分", "项目最多的科室是哪个"],
        "compare": [f"{offices[0]}和{offices[-1]}哪个平均分高", f"{picks[0]}和{picks[1]}的执行数分别是多少",
                    f"{picks[0]}比{picks[1]}多执行了多少"],
        "reason": [f"{n}为什么扣分" for n in picks[:3]],
        "check": [f"帮我核实：{n}总分90分" for n in picks[:3]],
    }


def ask_latency(config, repeats: int) -> dict[str, tuple[float, float]]:
    from assistant.service import Assistant

    a = Assistant(config)
    out = {}
    for kind, qs in questions(a).items():
        times = []
        for _ in range(repeats):
            for q in qs:
                t = time.perf_counter()
                a.ask(q)
                times.append((time.perf_counter() - t) * 1000)
        out[kind] = (med(times), pct(times, 0.95))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(env: dict, port: int) -> tuple[subprocess.Popen, float]:
    """Start app.py; return the process and the seconds until its first answer through the API."""
    from gradio_client import Client

    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=dict(env, JX_PORT=str(port)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            Client(f"http://127.0.0.1:{port}/", verbose=False).predict("经发办有几个项目", api_name="/ask")
            return proc, time.perf_counter() - started
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("app.py exited")
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("app.py did not answer within 300 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load_test(port: int, qs: list[str], users: int = 20, seconds: float = 60.0) -> dict:
    """``users`` threads, each its own client, asking in a loop until the deadline (bounded in time and count)."""
    from gradio_client import Client

    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def user(n: int) -> None:
        rng = random.Random(n)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for _ in range(10_000):
            if time.monotonic() >= deadline:
                return
            q = rng.choice(qs)
            t = time.perf_counter()
            try:
                text = client.predict(q, api_name="/ask")
                ok = isinstance(text, str) and text and not text.startswith("处理这个问题时出错")
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                ok, text = False, repr(exc)
            with lock:
                (latencies if ok else errors).append((time.perf_counter() - t) * 1000 if ok else text)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(seconds + 120)
    wall = time.perf_counter() - t0
    return {"requests": len(latencies), "errors": len(errors), "throughput": len(latencies) / wall,
            "p50": med(latencies) if latencies else 0.0, "p95": pct(latencies, 0.95) if latencies else 0.0,
            "first_error": errors[0] if errors else ""}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="104,1000,10000")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no embedding at the largest size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="jx_bench_"))
    rows, latency_rows, notes = [], [], []
    load = cold_cli = cold_app = None
    try:
        for size in sizes:
            reports = work / f"reports_{size}"
            t = time.perf_counter()
            make_corpus(size, reports)
            gen = time.perf_counter() - t
            runs = 5 if size <= 1000 else 3
            if args.quick:
                runs = 2 if size <= 1000 else 1
            store_runs = []
            for _ in range(runs):
                home = work / f"home_{size}_store"
                shutil.rmtree(home, ignore_errors=True)
                env = dict(os.environ, JX_HOME=str(home), JX_REPORTS=str(reports))
                store_runs.append(run_json(BUILD.format(vectors=False), env))
            db_mb = dir_mb(home)
            embed_runs = []
            embed_count = 0 if (args.quick and size >= 10000) else (3 if size <= 104 else 1)
            for _ in range(embed_count):
                full = work / f"home_{size}_full"
                shutil.rmtree(full, ignore_errors=True)
                env = dict(os.environ, JX_HOME=str(full), JX_REPORTS=str(reports))
                embed_runs.append(run_json(BUILD.format(vectors=True), env))
            chroma_mb = dir_mb(work / f"home_{size}_full" / "chroma") if embed_runs else None
            rows.append((size, gen, store_runs, embed_runs, db_mb, chroma_mb))
            from index.config import load_config

            config = load_config({"JX_HOME": str(work / f"home_{size}_store"), "JX_REPORTS": str(reports)})
            latency_rows.append((size, ask_latency(config, repeats=3 if size >= 10000 else 5)))
        # Cold starts and the load test run on the largest store built.
        size = sizes[-1]
        env = dict(os.environ, JX_HOME=str(work / f"home_{size}_store"), JX_REPORTS=str(work / f"reports_{size}"))
        cli = []
        for _ in range(3 if args.quick else 5):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "assistant", "ask", "经发办有几个项目"], cwd=ROOT, env=env,
                           capture_output=True, check=True)
            cli.append(time.perf_counter() - t)
        cold_cli = med(cli)
        app_starts = []
        for n in range(1 if args.quick else 3):
            port = free_port()
            proc, seconds = start_app(env, port)
            app_starts.append(seconds)
            if n == 0:
                from assistant.service import Assistant
                from index.config import load_config

                qs = [q for group in questions(Assistant(load_config(env))).values() for q in group]
                load = load_test(port, qs, users=20, seconds=20 if args.quick else 60)
            stop(proc)
        cold_app = med(app_starts)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [f"{machine_line()}. Synthetic forms from `bench/synth.py` (seed 7) above 104; medians over the runs "
             "shown; each build in a fresh process into an empty data directory.", "",
             "| forms | parse + store (runs) | peak memory | embedding + Chroma (runs) | peak memory | SQLite | Chroma |",
             "|---|---|---|---|---|---|---|"]
    for size, gen, store_runs, embed_runs, db_mb, chroma_mb in rows:
        s_time = med([r["seconds"] for r in store_runs])
        s_mem = med([r["rss_mb"] for r in store_runs])
        if embed_runs:
            e_time = med([r["embed"] for r in embed_runs])
            e_mem = med([r["rss_mb"] for r in embed_runs])
            embed = f"{e_time:.1f} s ({len(embed_runs)})"
            emem = f"{e_mem:.0f} MB"
            chroma = f"{chroma_mb:.0f} MB"
        else:
            embed, emem, chroma = "not run (--quick)", "-", "-"
        lines.append(f"| {size:,} | {s_time:.1f} s ({len(store_runs)}) | {s_mem:.0f} MB | {embed} | {emem} | "
                     f"{db_mb:.1f} MB | {chroma} |")
    lines += ["", "`ask` latency without an LLM, in process (p50 / p95 in ms, each question repeated):", "",
              "| forms | " + " | ".join(k for k in latency_rows[0][1]) + " |",
              "|---|" + "---|" * len(latency_rows[0][1])]
    for size, lat in latency_rows:
        lines.append(f"| {size:,} | " + " | ".join(f"{p50:.0f} / {p95:.0f}" for p50, p95 in lat.values()) + " |")
    lines += ["", f"Cold start at {sizes[-1]:,} forms: `python -m assistant ask` {cold_cli:.1f} s (median); "
              f"web app from process start to its first answer {cold_app:.1f} s (median).", ""]
    if load:
        lines.append(f"Load test at {sizes[-1]:,} forms: 20 concurrent `gradio_client` users on loopback for "
                     f"{20 if args.quick else 60} s: {load['requests']} answers, {load['throughput']:.1f} answers/s, "
                     f"p50 {load['p50']:.0f} ms, p95 {load['p95']:.0f} ms, {load['errors']} errors"
                     + (f" (first: {load['first_error'][:200]})" if load["errors"] else "") + ".")
    lines += notes
    write_section("Scale and load", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
