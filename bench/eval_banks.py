"""Accuracy on every question and statement bank, per intent: correct, honest refusal, wrong.

Runs without an LLM over the bundled corpus (build it first: `python -m index build`) and writes the "Question and
statement banks" section of bench/RESULTS.md. `.venv/bin/python bench/eval_banks.py`.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine_line, write_section  # noqa: E402

BANKS = [
    ("freeform.jsonl", "questions written by a user before reading the parser, answers computed from the records"),
    ("grammar.jsonl", "questions from a grammar of intents × slots, at least 5 hand-written phrasings per intent"),
    ("statements_handwritten.jsonl", "statements written by a user as a reporter or auditor would"),
    ("statements_generated.jsonl", "statements generated from the records by perturbation"),
    ("heldout.jsonl", "held-out questions written by a user who read only the forms and the README"),
    ("statements_heldout.jsonl", "held-out statements written by that user"),
    ("heldout2.jsonl", "a second held-out set, written later the same way"),
    ("statements_heldout2.jsonl", "statements of the second held-out set"),
    ("heldout3.jsonl", "a third held-out set, written later the same way, in more varied styles"),
    ("statements_heldout3.jsonl", "statements of the third held-out set"),
]


def main() -> None:
    from assistant.evaluate import BANK_DIR, CORRECT, DEV_SET, REFUSED, WRONG, run_eval
    from assistant.service import Assistant
    from index.config import load_config

    assistant = Assistant(load_config())
    lines = [f"{machine_line()}. No LLM; the bundled 104 forms. 「wrong」 is a confident answer that is not right; "
             "「refused」 an honest refusal or a question back. `python -m assistant eval` prints the failures.", "",
             "| bank | items | correct | refused | wrong | accuracy | median time |", "|---|---|---|---|---|---|---|"]
    per_intent = []
    paths = [(BANK_DIR / name, what) for name, what in BANKS] + [(DEV_SET, "the shared development set")]
    for path, what in paths:
        if not path.exists():
            continue
        report = run_eval(assistant, path)
        n = len(report.cases)
        ok, ref, bad = (report.count(o) for o in (CORRECT, REFUSED, WRONG))
        ms = statistics.median(c.seconds for c in report.cases) * 1000
        lines.append(f"| {path.name} ({what}) | {n} | {ok} | {ref} | {bad} | {ok / n:.1%} | {ms:.0f} ms |")
        groups: dict[str, list] = {}
        for c in report.cases:
            groups.setdefault(c.intent, []).append(c)
        per_intent.append((path.name, groups))
    for name, groups in per_intent:
        lines += ["", f"Per intent, `{name}`:", "", "| intent | items | correct | refused | wrong |", "|---|---|---|---|---|"]
        for intent in sorted(groups):
            cs = groups[intent]
            lines.append(f"| {intent} | {len(cs)} | {sum(c.outcome == CORRECT for c in cs)} | "
                         f"{sum(c.outcome == REFUSED for c in cs)} | {sum(c.outcome == WRONG for c in cs)} |")
    write_section("Question and statement banks", "\n".join(lines))
    print("\n".join(lines[:10]))


if __name__ == "__main__":
    main()
