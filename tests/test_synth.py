"""Synthetic forms (bench/synth.py): consistent by construction, noisy like the seed, and read back exactly."""
import re
from collections import Counter

import pytest

from bench.synth import generate, generate_with_truth, write_corpus
from index.audit import audit
from index.parse import parse_text

N = 300


@pytest.fixture(scope="module")
def synth():
    text, truth = generate_with_truth(N, seed=1)
    return text, truth, parse_text(text, "synth_1.txt")


def test_every_form_parses_without_problems(synth):
    text, truth, result = synth
    assert result.problems == []
    assert len(result.projects) == N == len(truth)


def test_every_form_is_arithmetically_consistent(synth):
    findings = audit(synth[2].projects)
    assert [f for f in findings if f.severity == "error"] == []
    # Deductions always come with a reason and a missed target, so there is nothing to warn about either.
    assert Counter(f.code for f in findings) == Counter()


def test_names_unique_within_a_file(synth):
    names = [p.name for p in synth[2].projects]
    assert len(set(names)) == len(names)


def test_same_seed_same_text_other_seed_other_text():
    text = generate(40, seed=7)
    assert text == generate(40, seed=7) == generate_with_truth(40, seed=7)[0]
    assert text != generate(40, seed=8)


def test_grades_cover_the_scale(synth):
    grades = Counter(p.grade for p in synth[2].projects)
    assert grades["优"] > grades["良"] > 0 and grades["中"] > 0


def test_noise_features_occur(synth):
    text, _, result = synth
    lines = text.splitlines()
    assert any(re.fullmatch(r"-{3,}(\t-{3,})*", line) for line in lines)  # `------` rule rows
    assert any(line.startswith("### ") for line in lines)
    assert re.search(r"\d\. \d", text)  # `142. 81`
    assert re.search(r"\d \(", text)  # `≥90. 00 (%)`
    assert re.search(r"\t[—－]\t", text)  # full-width dash in an empty funding cell
    assert re.search(r"\d,\d{3}\.\d\d", text)  # thousands separator
    assert "（20" in text and "年度）" in text  # full-width year parentheses
    assert "(百分比)" in text and "(百分号)" in text
    untitled = [p for p in result.projects if "自评表" not in lines[p.line - 1]]
    assert untitled and all(re.search(r"\d{4}年度", lines[p.line - 1]) for p in untitled)
    # Rows that start with the 二级 label, or with the 三级 name, in the first column.
    assert re.search(r"^(数量|质量|时效|经济效益|社会效益|生态效益|可持续影响)指标\t\t\S", text, re.M)
    first_cells = {line.split("\t", 1)[0] for line in lines}
    names = {i.name for p in result.projects for i in p.indicators}
    assert first_cells & names


def test_parser_reads_back_the_truth(synth):
    _, truth, result = synth
    for want, got in zip(truth, result.projects):
        assert (got.name, got.department, got.unit, got.year, got.line) == (
            want["name"], want["department"], want["unit"], want["year"], want["line"])
        assert (got.total_weight, got.total_score, got.grade) == (100.0, want["total_score"], want["grade"])
        assert (got.goal, got.achieved) == (want["goal"], want["achieved"])
        for kind, fund in want["funds"].items():
            f = got.funds[kind]
            assert (f.initial_budget, f.annual_budget, f.executed, f.rate) == (
                fund["initial_budget"], fund["annual_budget"], fund["executed"], fund["rate"]), (want["name"], kind)
        assert got.funds["total"].score == want["fund_score"]
        assert [(i.level1, i.level2, i.name, i.target.raw, i.actual.raw, i.weight, i.score, i.reason)
                for i in got.indicators] == [
            (i["level1"], i["level2"], i["name"], i["target"], i["actual"], i["weight"], i["score"], i["reason"])
            for i in want["indicators"]], want["name"]


def test_one_form_exactly():
    text, truth = generate_with_truth(3, seed=11, town="长征镇", year=2022)
    project = parse_text(text, "t.txt").projects[2]
    want = truth[2]
    assert project.department == "上海市普陀区长征镇人民政府"
    assert project.year == 2022
    assert (project.name, project.total_score, project.grade, project.funds["total"].executed) == (
        want["name"], want["total_score"], want["grade"], want["executed"])


def test_write_corpus(tmp_path):
    paths = write_corpus(tmp_path, 25, seed=3, forms_per_file=10)
    assert [p.name for p in paths] == ["synth_3_0.txt", "synth_3_1.txt", "synth_3_2.txt"]
    results = [parse_text(p.read_text(encoding="utf-8"), p.name) for p in paths]
    assert [len(r.projects) for r in results] == [10, 10, 5]
    assert all(r.problems == [] for r in results)
    places = {(r.projects[0].department, r.projects[0].year) for r in results}
    assert len(places) == 3  # each file its own town and year
