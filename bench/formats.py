"""Benchmark: reading the 104 seed forms as .txt, .xlsx, .docx and .pdf, and pdfplumber against PyMuPDF for PDFs.

The seed is rendered into each format by tests/formfiles.py (the PDF printed by LibreOffice headless from the
workbook); each measurement runs in a fresh process, so importing the format's library is included, and the
median of the runs is reported. Accuracy is judged against the text parse, field by field.

    python bench/formats.py [--runs 3]      # results go to bench/RESULTS.md, section 「Reading file formats」
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.results import machine_line, write_section  # noqa: E402

SEED = ROOT / "data" / "000_ce9e36a26cba1e6e.txt"

RUN_SNIPPET = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
path = Path({path!r})
data = path.read_bytes()
t0 = time.perf_counter()
if {extractor!r} == "pymupdf":
    from bench.formats import pymupdf_parse
    result = pymupdf_parse(data, path.name)
else:
    from index.parse import parse_bytes
    result = parse_bytes(data, path.name)
t1 = time.perf_counter()
from formfiles import same_records
from index.parse import parse_file
reference = parse_file({seed!r}).projects
expected = {expected!r}
if expected:
    by_name = {{p.name: p for p in reference}}
    reference = [by_name[n] for n in expected]
got = {{p.name: p for p in result.projects}}
exact = sum(1 for p in reference if p.name in got and not same_records([p], [got[p.name]]))
print(json.dumps({{"seconds": t1 - t0, "forms": len(result.projects), "exact": exact, "expected": len(reference),
                  "indicators": sum(len(p.indicators) for p in result.projects), "problems": len(result.problems)}}))
"""


def pymupdf_parse(data: bytes, name: str):
    """The alternative PDF reader: PyMuPDF's find_tables, rows assembled as index/readers/pdf.py does."""
    import pymupdf

    from index.locations import page_label
    from index.parse import parse_rows
    from index.readers.rows import RowStream, join_wrapped

    stream = RowStream(name)
    doc = pymupdf.open(stream=data, filetype="pdf")
    for number, page in enumerate(doc, 1):
        found = page.find_tables(strategy="lines")
        placed = []
        for table in found.tables:
            for row, texts in zip(table.rows, table.extract()):
                cells = [join_wrapped(t.split("\n")).strip() for t in texts if t is not None]
                placed.append((row.bbox[1], cells))
        boxes = [pymupdf.Rect(t.bbox) for t in found.tables]
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                box = pymupdf.Rect(line["bbox"])
                if any(b.intersects(box) for b in boxes):
                    continue
                text = "".join(span["text"] for span in line["spans"]).strip()
                if text:
                    placed.append((box.y0, [text]))
        placed.sort(key=lambda item: item[0])
        for n, (_, cells) in enumerate((p for p in placed if any(p[1])), 1):
            stream.add(page_label(number, n), cells)
    return parse_rows(stream.rows, name)


def render(out: Path) -> dict[str, Path]:
    from formfiles import Options, form_grid, print_pdf, sheet_name, write_docx, write_xlsx
    from index.parse import parse_file

    projects = parse_file(SEED).projects
    grids = [form_grid(p) for p in projects]
    files = {"txt": SEED,
             "xlsx": write_xlsx(grids, out / "seed.xlsx", valign="center",
                                sheet_names=[sheet_name(n, p) for n, p in enumerate(projects, 1)]),
             "docx": write_docx(grids, out / "seed.docx")}
    files["pdf"] = print_pdf(files["xlsx"], out)
    by_name = {p.name: p for p in projects}
    split = [by_name["安全办-消防安全专项经费"], by_name["社发办-片区专项经费"]]
    book = write_xlsx([form_grid(p, Options(blank_rows=True)) for p in split], out / "split.xlsx",
                      sheet_names=["跨页"], per_sheet=[2], page_breaks={0: 2}, print_titles=True, valign="center")
    files["split"] = print_pdf(book, out)
    return files


def measure(path: Path, extractor: str, runs: int, expected: list[str] | None = None) -> dict:
    results = []
    for _ in range(runs):
        code = RUN_SNIPPET.format(tests=str(ROOT / "tests"), path=str(path), extractor=extractor, seed=str(SEED),
                                  expected=expected or [])
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    last = results[-1]
    return {**last, "seconds": statistics.median(r["seconds"] for r in results), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = render(Path(tmp))
        pages = _pages(files["pdf"])
        rows = []
        for kind, label in (("txt", ".txt (text reader)"), ("xlsx", ".xlsx (openpyxl)"),
                            ("docx", ".docx (python-docx)"), ("pdf", f".pdf, {pages} pages (pdfplumber)")):
            rows.append((label, measure(files[kind], "default", args.runs)))
            print(label, rows[-1], flush=True)
        alt = measure(files["pdf"], "pymupdf", args.runs)
        print("pymupdf", alt, flush=True)
        split_names = ["安全办-消防安全专项经费", "社发办-片区专项经费"]
        split_plumber = measure(files["split"], "default", 1, split_names)
        split_mupdf = measure(files["split"], "pymupdf", 1, split_names)
    import pdfplumber
    import pymupdf

    lines = [
        f"{machine_line()}; median of {args.runs} runs, each in a fresh process (importing the format's library "
        "included). The seed's 104 forms rendered by tests/formfiles.py; the PDF printed from the workbook by "
        "LibreOffice headless. 「exact」 counts forms whose every field equals the text parse.",
        "",
        "| format (104 forms, 1,178 indicators) | parse time | forms | indicators | exact |",
        "|---|---|---|---|---|",
    ]
    for label, r in rows:
        lines.append(f"| {label} | {r['seconds']:.2f} s | {r['forms']} | {r['indicators']:,} "
                     f"| {r['exact']}/{r['expected']} |")
    lines += [
        "",
        f"PDF extractors on the same PDF and on a form split over two pages with the titles printed again and "
        f"its merged labels cut by the break "
        f"(pdfplumber {pdfplumber.__version__}, PyMuPDF {pymupdf.__version__}):",
        "",
        "| extractor | parse time (seed PDF) | exact forms (seed) | problems | exact forms (split over pages) |",
        "|---|---|---|---|---|",
        f"| pdfplumber | {rows[3][1]['seconds']:.2f} s | {rows[3][1]['exact']}/104 | {rows[3][1]['problems']} "
        f"| {split_plumber['exact']}/2 |",
        f"| PyMuPDF find_tables | {alt['seconds']:.2f} s | {alt['exact']}/104 | {alt['problems']} "
        f"| {split_mupdf['exact']}/2 |",
        "",
        "pdfplumber is the reader: it reads every field of every form exactly, in under a quarter of PyMuPDF's time "
        "here, and is MIT-licensed (PyMuPDF is AGPL or commercial). PyMuPDF's table extraction sorts the full stop "
        "of this CJK font after the digits (「85.30」 read as 「8530.」) and puts spaces before full-width commas, so "
        "no form survives its funding rows; turning on its small glyph heights changed nothing.",
    ]
    write_section("Reading file formats", "\n".join(lines))


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


if __name__ == "__main__":
    main()
