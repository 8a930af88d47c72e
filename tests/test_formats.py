"""The seed rendered as .xlsx, .docx and a PDF printed by LibreOffice reads to exactly the records of its text.

The files are made here, from the seed's records, in the layout of the printed originals (tests/formfiles.py);
the PDF tests need LibreOffice (`apt-get install libreoffice-calc fonts-noto-cjk`, done by .ci/run) and are slow.
"""
from pathlib import Path

import pytest

from conftest import SEED
from formfiles import Options, form_grid, print_pdf, same_records, sheet_name, soffice, write_docx, write_xlsx
from index.audit import audit
from index.locations import Location
from index.parse import parse_bytes, parse_file
from index.store import Store

needs_libreoffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice not installed: apt-get install libreoffice-calc fonts-noto-cjk")


@pytest.fixture(scope="session")
def seed_records():
    return parse_file(SEED)


@pytest.fixture(scope="session")
def seed_files(tmp_path_factory, seed_records) -> dict[str, Path]:
    """The seed as one workbook (a form per sheet) and one Word document (a table per form)."""
    out = tmp_path_factory.mktemp("seed_formats")
    projects = seed_records.projects
    grids = [form_grid(p) for p in projects]
    names = [sheet_name(n, p) for n, p in enumerate(projects, 1)]
    # Labels centred in their merged cells, as the printed originals show them.
    return {"xlsx": write_xlsx(grids, out / "桃浦镇2023.xlsx", sheet_names=names, valign="center"),
            "docx": write_docx(grids, out / "桃浦镇2023.docx")}


@pytest.fixture(scope="session")
def seed_pdf(seed_files, tmp_path_factory) -> Path:
    if soffice() is None:
        pytest.skip("LibreOffice not installed: apt-get install libreoffice-calc fonts-noto-cjk")
    return print_pdf(seed_files["xlsx"], tmp_path_factory.mktemp("seed_pdf"))


def _path(kind, seed_files, request) -> Path:
    return request.getfixturevalue("seed_pdf") if kind == "pdf" else seed_files[kind]


def findings(projects):
    """Audit findings without their file and line, which differ by format."""
    return [(f.severity, f.code, f.project, f.message) for f in audit(projects)]


FORMATS = ["xlsx", "docx", pytest.param("pdf", marks=[pytest.mark.slow, needs_libreoffice])]


@pytest.mark.parametrize("kind", FORMATS)
def test_seed_in_each_format_reads_to_the_same_records(kind, seed_files, seed_records, request):
    path = _path(kind, seed_files, request)
    result = parse_bytes(path.read_bytes(), path.name)
    assert result.problems == []
    assert len(result.projects) == 104
    assert sum(len(p.indicators) for p in result.projects) == 1178
    assert same_records(seed_records.projects, result.projects) == []
    assert findings(result.projects) == findings(seed_records.projects)
    assert len(findings(result.projects)) == 9


@pytest.mark.parametrize("kind, first_indicator, last_form_end", [
    ("xlsx", Location("桃浦镇2023.xlsx", 13, "工作表「1-安全办-消防安全专项经费」第13行",
                      ("产出指标", "数量指标", "消防疏散逃生演练次数", "≥2.00(次)", "2.00(次)", "7.00", "7.00")),
     "工作表「104-组织科-干部管理专项经费」第28行"),
    ("docx", Location("桃浦镇2023.docx", 13, "第1个表格第11行",
                      ("产出指标", "数量指标", "消防疏散逃生演练次数", "≥2.00(次)", "2.00(次)", "7.00", "7.00")),
     "第104个表格第26行"),
    pytest.param("pdf", Location("桃浦镇2023.pdf", 13, "第1页第13行",
                                 ("产出指标", "数量指标", "消防疏散逃生演练次数", "≥2.00(次)", "2.00(次)", "7.00",
                                  "7.00")),
                 "第104页第28行", marks=[pytest.mark.slow, needs_libreoffice]),
])
def test_citations_name_sheet_table_or_page_and_show_the_row(kind, first_indicator, last_form_end, seed_files,
                                                             tmp_path, request):
    path = _path(kind, seed_files, request)
    result = parse_bytes(path.read_bytes(), path.name)
    store = Store(tmp_path / "store.db")
    store.ingest(result, path, path.read_bytes())
    first = result.projects[0].indicators[0]
    assert store.location(path.name, first.line) == first_indicator
    last = result.projects[-1]
    assert store.location(path.name, last.end_line).label == last_form_end
    # Every indicator's cited row, shown as read, holds its name, target, actual, 分值 and 得分.
    refs = [(path.name, i.line) for p in result.projects for i in p.indicators]
    places = store.locations(refs)
    assert len(places) == 1178
    for p in result.projects:
        for i in p.indicators:
            shown = "".join(places[(path.name, i.line)].filled).replace(" ", "")
            assert all(part.replace(" ", "") in shown for part in (i.name, i.target.raw, i.actual.raw))


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("valign, before", [("top", 6), ("center", 6), ("center", 2)])
def test_pdf_form_split_over_two_pages_with_titles_repeated(valign, before, seed_records, tmp_path):
    """A page break inside the indicator table (before its ``before``-th row), the title rows printed again on
    top of the next page, two forms on one sheet, and the merged 一级/二级 labels on top of their cells or
    centred in them, so that the printer draws a label cut by the break clipped, outside the table, or only on
    the next page: the forms still read exactly."""
    by_name = {p.name: p for p in seed_records.projects}
    forms = [by_name["安全办-消防安全专项经费"], by_name["社发办-片区专项经费"]]
    grids = [form_grid(p, Options(blank_rows=True)) for p in forms]
    xlsx = write_xlsx(grids, tmp_path / "跨页.xlsx", sheet_names=["跨页"], per_sheet=[2], page_breaks={0: before},
                      print_titles=True, valign=valign)
    pdf = print_pdf(xlsx, tmp_path)
    result = parse_bytes(pdf.read_bytes(), pdf.name)
    assert result.problems == []
    assert same_records(forms, result.projects) == []
    labels = [result.rows[i.line - 1].label for i in result.projects[0].indicators]
    assert labels[before - 2].startswith("第1页") and labels[before - 1] == "第2页第3行"
    page2 = next(n for n, r in enumerate(result.rows) if r.label == "第2页第1行")
    assert [r.cells for r in result.rows[page2:page2 + 2]] == [("财政项目支出绩效自评表",), ("(2023年度)",)]


def test_answers_cite_workbook_rows_by_sheet_and_row(home, seed_files):
    """Built from an .xlsx, an answer says which sheet and row a figure is on, and the checker does too."""
    import shutil

    from assistant.service import Assistant
    from index.build import build

    shutil.copy(seed_files["xlsx"], home.reports / "桃浦镇2023.xlsx")
    build(home)
    a = Assistant(home)
    answer = a.ask("消防实事项目经费的全年预算数是多少")
    assert answer.text == ("安全办-消防实事项目经费的全年预算数为 **27.86 万元**"
                           "（来源[1]：桃浦镇2023.xlsx 工作表「2-安全办-消防实事项目经费」第6行）。")
    check = a.check("消防实事项目经费全年预算数27.86万元")
    assert check.verdict == "正确"
    assert check.text.endswith("（来源：桃浦镇2023.xlsx 工作表「2-安全办-消防实事项目经费」第6行）")
