"""Exported answer tables: every cell a string or a number, never a formula; old export folders cleaned up."""
import csv
import os
import time

from openpyxl import load_workbook

from index.export import cell_value, csv_cell, prune_exports, write_table

HEADERS = ["项目", "年度指标值", "实际完成值", "分值", "备注"]
ROWS = [
    ["测试办-甲", "=100.00(%)", "=HYPERLINK(\"http://evil.example/\",\"点击\")", 10.0, "+1"],
    ["测试办-乙", "≥90.00(%)", "-2+3", 5, "@SUM(A1:A2)"],
    ["测试办-丙", None, True, -3.5, "\t=1+1"],
]


def test_a_formula_cell_stays_text(tmp_path):
    files = write_table(HEADERS, ROWS, "结果", root=tmp_path)
    with open(files.csv, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table == [
        HEADERS,
        ["测试办-甲", "'=100.00(%)", "'=HYPERLINK(\"http://evil.example/\",\"点击\")", "10.0", "'+1"],
        ["测试办-乙", "≥90.00(%)", "'-2+3", "5", "'@SUM(A1:A2)"],
        ["测试办-丙", "", "是", "-3.5", "'\t=1+1"],
    ]
    ws = load_workbook(files.xlsx).active
    cells = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows(min_row=2)]
    assert cells[0] == [("测试办-甲", "s"), ("=100.00(%)", "s"), ("=HYPERLINK(\"http://evil.example/\",\"点击\")", "s"),
                        (10, "n"), ("+1", "s")]
    assert cells[1] == [("测试办-乙", "s"), ("≥90.00(%)", "s"), ("-2+3", "s"), (5, "n"), ("@SUM(A1:A2)", "s")]
    assert cells[2] == [("测试办-丙", "s"), (None, "inlineStr"), ("是", "s"), (-3.5, "n"), ("\t=1+1", "s")]
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_cells_are_strings_or_numbers():
    from decimal import Decimal

    assert [cell_value(v) for v in (None, False, 3, 2.5, Decimal("1.10"), ("a",))] == ["", "否", 3, 2.5, 1.1, "('a',)"]
    assert [csv_cell(v) for v in ("-", "=", "a=b", -1)] == ["'-", "'=", "a=b", -1]


def test_old_export_folders_are_removed(tmp_path):
    old = write_table(HEADERS, ROWS, root=tmp_path).csv.parent
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    fresh = write_table(HEADERS, ROWS, root=tmp_path).csv.parent  # writing prunes folders older than ten minutes
    assert not old.exists() and fresh.exists()
    assert prune_exports(tmp_path, older_than=0) == 1 and list(tmp_path.iterdir()) == []


def test_answer_exports_go_through_the_safe_writer(assistant, tmp_path, monkeypatch):
    from assistant import views
    from index import export

    monkeypatch.setattr(export, "EXPORT_ROOT", tmp_path)
    csv_path, xlsx_path = views.export_files(assistant.ask("党群中心哪些项目满意度未达标"))
    assert os.path.dirname(os.path.dirname(csv_path)) == str(tmp_path)
    ws = load_workbook(xlsx_path).active
    targets = [ws.cell(row=r, column=4) for r in range(2, ws.max_row + 1)]
    assert ("=100.00(百分比)", "s") in [(c.value, c.data_type) for c in targets]
