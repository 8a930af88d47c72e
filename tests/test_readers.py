"""Readers: each file type becomes rows of cells with their location; the registry picks the reader by suffix."""
import io

import pytest

from conftest import make_form
from formfiles import Options, form_grid, same_records, write_docx, write_xlsx
from index.build import REPORT_SUFFIXES
from index.parse import parse_bytes, parse_text
from index.readers import READERS, SUFFIXES, ReadError, Row, read_rows
from index.readers.rows import join_wrapped
from index.readers.xlsx import format_number

FORM = parse_text(make_form(), "t.txt").projects[0]


def test_registry_is_the_one_list_of_types():
    assert SUFFIXES == {".txt", ".tsv", ".md", ".xlsx", ".docx", ".pdf"}
    assert REPORT_SUFFIXES is SUFFIXES
    assert set(READERS) == SUFFIXES


@pytest.mark.parametrize("name, message", [
    ("旧表.xls", "不支持「.xls」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件："
                "旧版 Excel（.xls）文件请在 Excel 或 WPS 中另存为 .xlsx 后再上传"),
    ("说明.doc", "不支持「.doc」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件："
                "旧版 Word（.doc）文件请在 Word 或 WPS 中另存为 .docx 后再上传"),
    ("图片.png", "不支持「.png」文件，只接受 .docx、.md、.pdf、.tsv、.txt、.xlsx 文件"),
])
def test_unsupported_types_are_refused_with_what_to_do(name, message):
    with pytest.raises(ReadError) as err:
        read_rows(b"x", name)
    assert (err.value.code, err.value.message) == ("unsupported", message)


@pytest.mark.parametrize("value, fmt, text", [
    (100, "0.00", "100.00"),
    (100.0, "General", "100"),
    (97.6, "General", "97.6"),
    (0.1 + 0.2, "General", "0.3"),
    (28665.87, "#,##0.00", "28,665.87"),
    (1, "0.00%", "100.00%"),
    (85.3, '0.00"万元"', "85.30"),
    (142.805, "0.0", "142.8"),
    (7, "0", "7"),
    (1203.85, "#,##0.00_ ;[Red]-#,##0.00 ", "1,203.85"),
])
def test_numbers_read_as_the_sheet_shows_them(value, fmt, text):
    assert format_number(value, fmt) == text


@pytest.mark.parametrize("lines, text", [
    (["部分达成指标并具有一", "定效果"], "部分达成指标并具有一定效果"),
    (["结合AI", "算法"], "结合AI算法"),
    (["multi", "media"], "multi media"),
    (["确 保 民 ", "间 纠 纷"], "确 保 民 间 纠 纷"),
    (["≥90.00", "(%)"], "≥90.00(%)"),
])
def test_wrapped_lines_join_without_the_break(lines, text):
    assert join_wrapped(lines) == text


def _workbook(build) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_merged_cells_numbers_hidden_and_blank_rows():
    def build(wb):
        ws = wb.active
        ws.title = "3-安全办"
        ws["A1"] = "财政项目支出绩效自评表"
        ws.merge_cells("A1:I1")
        ws["A3"], ws["C3"] = "项目名称", "安全办-消防安全专项经费"
        ws.merge_cells("A3:B3")
        ws.merge_cells("C3:I3")
        # row 4 blank, row 5 hidden
        ws["A5"] = "草稿行"
        ws.row_dimensions[5].hidden = True
        ws["A6"], ws["B6"], ws["C6"] = "产出指标", "数量指标", "消防演练次数"
        ws.merge_cells("A6:A7")
        ws.merge_cells("C6:D6")
        ws["E6"] = "=100.00(%)"
        ws["E6"].data_type = "s"
        ws["G6"], ws["H6"] = 7, 7.0
        ws["G6"].number_format = ws["H6"].number_format = "0.00"
        ws["C7"], ws["E7"], ws["G7"], ws["H7"] = "消防覆盖面", "及时", "6.00", 97.6  # 分值 typed as text
        ws.merge_cells("C7:D7")
        hidden = wb.create_sheet("底稿")
        hidden["A1"] = "项目名称"
        hidden.sheet_state = "hidden"

    stream = read_rows(_workbook(build), "表.xlsx")
    assert stream.rows == [
        Row(1, "工作表「3-安全办」第1行", ("财政项目支出绩效自评表",)),
        Row(2, "工作表「3-安全办」第3行", ("项目名称", "安全办-消防安全专项经费")),
        Row(3, "工作表「3-安全办」第6行", ("产出指标", "数量指标", "消防演练次数", "=100.00(%)", "", "7.00", "7.00")),
        Row(4, "工作表「3-安全办」第7行", ("", "", "消防覆盖面", "及时", "", "6.00", "97.6")),
    ]
    assert [(p.severity, p.code, p.message) for p in stream.problems] == [
        ("info", "hidden_sheet", "工作表「底稿」已隐藏，未读取")]


def test_xlsx_form_parses_like_its_text():
    data = _xlsx_bytes([form_grid(FORM)], ["3-测试表"])
    result = parse_bytes(data, "测试.xlsx")
    assert result.problems == []
    assert same_records([FORM], result.projects) == []
    p = result.projects[0]
    assert (p.file, p.line, p.funds["total"].line, p.indicators[0].line, p.total_line, p.end_line) == (
        "测试.xlsx", 1, 6, 13, 17, 18)
    assert p.indicators[0].raw == "产出指标\t数量指标\t培训场次\t≥2.00(场)\t2.00(场)\t30.00\t30.00"
    assert result.rows[12] == Row(13, "工作表「3-测试表」第13行",
                                  ("产出指标", "数量指标", "培训场次", "≥2.00(场)", "2.00(场)", "30.00", "30.00"))


def _xlsx_bytes(grids, names, **kw) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(grids, Path(tmp) / "f.xlsx", sheet_names=names, **kw)
        return path.read_bytes()


def _docx_bytes(grids, **kw) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return write_docx(grids, Path(tmp) / "f.docx", **kw).read_bytes()


A = parse_text(make_form(name="测试办-甲项目"), "a.txt").projects[0]
B = parse_text(make_form(name="测试办-乙项目", budget="7,000.00", score="98"), "b.txt").projects[0]


def test_xlsx_two_forms_on_one_sheet_blank_rows_text_numbers_and_a_repeated_header():
    awkward = Options(numbers_as_text=True, repeat_header=True, blank_rows=True)
    data = _xlsx_bytes([form_grid(A, awkward), form_grid(B, awkward)], ["两张表"], per_sheet=[2],
                       hidden={"隐藏": [["项目名称", "不该读到的项目"]]})
    result = parse_bytes(data, "两表.xlsx")
    assert [(p.code, p.message) for p in result.problems] == [("hidden_sheet", "工作表「隐藏」已隐藏，未读取")]
    assert same_records([A, B], result.projects) == []
    assert [p.name for p in result.projects] == ["测试办-甲项目", "测试办-乙项目"]
    assert B.funds["total"].executed == result.projects[1].funds["total"].executed == 7000.0
    # The first form fills sheet rows 1-20 (its blank row 10 is not in the stream), row 21 is blank, and the
    # second form's title is on sheet row 22, the 20th row read.
    second = result.projects[1]
    assert (second.line, result.rows[second.line - 1].label) == (20, "工作表「两张表」第22行")


def test_xlsx_indicator_row_that_lost_a_cell_is_named_by_sheet_and_row():
    grid = form_grid(B)
    del grid[13].cells[4]  # the target of the second indicator row
    data = _xlsx_bytes([form_grid(A), grid], ["1-甲", "2-乙"])
    result = parse_bytes(data, "缺格.xlsx")
    assert [p.name for p in result.projects] == ["测试办-甲项目"]
    [problem] = result.problems
    assert (problem.line, problem.code, problem.project) == (32, "form", "测试办-乙项目")
    assert problem.message == ("工作表「2-乙」第14行指标行缺少单元格：应为 三级指标、年度指标值、实际完成值、分值、得分"
                               "（单元格：时效指标 | 培训及时性 | 达成指标 | 20.00 | 20.00）（该表未入库）")


def test_docx_paragraphs_merged_cells_and_tables():
    from docx import Document

    doc = Document()
    doc.add_paragraph("财政项目支出绩效自评表")
    doc.add_paragraph("")
    doc.add_paragraph("(2023年度)")
    t = doc.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "项目名称"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "安全办-消防安全专项经费"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "产出指标"
    t.cell(1, 1).text, t.cell(1, 2).text, t.cell(1, 3).text = "数量指标", "演练次数", "7.00"
    t.cell(2, 1).text, t.cell(2, 2).text = "", "覆盖面"
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "第二个表"
    buf = io.BytesIO()
    doc.save(buf)
    stream = read_rows(buf.getvalue(), "表.docx")
    assert stream.rows == [
        Row(1, "第1段", ("财政项目支出绩效自评表",)),
        Row(2, "第3段", ("(2023年度)",)),
        Row(3, "第1个表格第1行", ("项目名称", "安全办-消防安全专项经费")),
        Row(4, "第1个表格第2行", ("产出指标", "数量指标", "演练次数", "7.00")),
        Row(5, "第1个表格第3行", ("", "", "覆盖面")),
        Row(6, "第2个表格第1行", ("", "第二个表")),
    ]


def test_docx_one_table_per_form_and_one_long_table():
    for one_table in (False, True):
        data = _docx_bytes([form_grid(A), form_grid(B)], one_table=one_table)
        result = parse_bytes(data, "表.docx")
        assert result.problems == []
        assert same_records([A, B], result.projects) == []
    # In the long table the second form's title and year are rows 17 and 18, its first indicator row 29.
    assert result.rows[result.projects[1].indicators[0].line - 1].label == "第1个表格第29行"


@pytest.mark.parametrize("name, data, code, message", [
    ("坏.xlsx", b"PK\x03\x04 truncated", "unreadable", "无法打开 Excel 工作簿：文件已损坏或不是 .xlsx 格式（BadZipFile）"),
    ("文本.xlsx", "项目名称\t甲".encode(), "unreadable", "无法打开 Excel 工作簿：文件已损坏或不是 .xlsx 格式（BadZipFile）"),
    ("坏.docx", b"not a zip", "unreadable", "无法打开 Word 文档：文件已损坏或不是 .docx 格式（BadZipFile）"),
    ("坏.pdf", b"%PDF-1.4 broken", "unreadable", "无法打开 PDF：文件已损坏或不是 PDF 格式（PdfminerException）"),
    ("扫描件.pdf",
     b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
     b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
     "unreadable", "PDF 共 1 页，没有可提取的文字（可能是扫描件或图片），无法读取；请提供由表格导出的 PDF 或原始 .xlsx/.docx 文件"),
])
def test_broken_files_come_back_as_one_problem(name, data, code, message):
    result = parse_bytes(data, name)
    assert result.projects == []
    assert [(p.file, p.line, p.severity, p.code, p.message) for p in result.problems] == [
        (name, 0, "error", code, message)]


def test_empty_workbook_is_an_empty_file():
    result = parse_bytes(_workbook(lambda wb: None), "空.xlsx")
    assert [(p.code, p.message) for p in result.problems] == [("empty", "文件为空，没有任何内容")]
