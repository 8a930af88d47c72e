"""Every question and statement bank in bench/questions/: no confident wrong answer, and no fewer correct ones.

The banks' answers were computed from the records by code that never calls the assistant; a new reading that breaks
one of them fails here, with the failures listed."""
import pytest

from assistant.evaluate import BANK_DIR, CORRECT, WRONG, run_eval

# correct answers reached so far (the rest are honest refusals); raise a floor when a bank improves
FLOORS = {
    "freeform.jsonl": 229, "grammar.jsonl": 620, "statements_handwritten.jsonl": 119,
    "statements_generated.jsonl": 578, "heldout.jsonl": 177, "statements_heldout.jsonl": 98,
    "heldout2.jsonl": 118, "statements_heldout2.jsonl": 81,
}


@pytest.mark.parametrize("bank", sorted(FLOORS))
def test_bank_has_no_wrong_answer(assistant, bank):
    report = run_eval(assistant, BANK_DIR / bank)
    wrong = [f"{c.id} {c.question} —— {c.why}" for c in report.cases if c.outcome == WRONG]
    assert wrong == []
    assert report.count(CORRECT) >= FLOORS[bank]


def test_every_bank_is_checked():
    assert sorted(p.name for p in BANK_DIR.glob("*.jsonl")) == sorted(FLOORS)
