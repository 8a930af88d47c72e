"""The SQLite store: round trip, replace on re-ingest, add on a second file, atomic failure."""
import shutil
from contextlib import closing

import pytest

from conftest import SEED, make_form
from index.build import build
from index.parse import parse_bytes, parse_file
from index.store import Store


def test_round_trip_is_exact(seeded):
    stored = Store(seeded.db_path).projects()
    parsed = parse_file(SEED).projects
    assert stored == parsed


def test_reingest_replaces_instead_of_duplicating(seeded):
    store = Store(seeded.db_path)
    assert store.counts() == {"sources": 1, "projects": 104, "indicators": 1178, "problems": 0}
    data = SEED.read_bytes()
    report = store.ingest(parse_bytes(data, SEED.name), SEED, data)
    assert report.unchanged
    # The same file with changed content replaces the old version.
    edited = data.replace("财政所-财政管理专项经费".encode(), "财政所-财政管理专项经费（修订）".encode())
    store.ingest(parse_bytes(edited, SEED.name), SEED, edited)
    assert store.counts()["projects"] == 104
    assert "财政所-财政管理专项经费（修订）" in {p.name for p in store.projects()}
    # The same content under another name is not stored a second time; the report names the stored file.
    copy = store.ingest(parse_bytes(edited, "copy.txt"), "copy.txt", edited)
    assert (copy.same_as, copy.forms, copy.unchanged, copy.kept_previous) == (SEED.name, 0, False, False)
    assert [s.name for s in store.sources()] == [SEED.name]
    assert store.counts()["projects"] == 104


def test_second_file_adds(seeded):
    extra = seeded.reports / "2024_other_town.txt"
    extra.write_text(make_form(name="测试办-另一镇项目"), encoding="utf-8")
    summary = build(seeded)
    assert summary.projects == 105
    assert {s.name for s in Store(seeded.db_path).sources()} == {SEED.name, extra.name}
    extra.unlink()
    summary = build(seeded)
    assert summary.removed == [extra.name]
    assert summary.projects == 104


def test_failed_ingest_leaves_previous_store(seeded, monkeypatch):
    store = Store(seeded.db_path)
    before = store.projects()
    data = make_form(name="测试办-新项目").encode()
    calls = {"n": 0}
    original = Store._insert_project

    def explode(conn, source_id, project):
        calls["n"] += 1
        original(conn, source_id, project)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert_project", staticmethod(explode))
    with pytest.raises(RuntimeError):
        store.ingest(parse_bytes(data, SEED.name), SEED, data, force=True)  # forced: 1 form may replace 104
    assert calls["n"] == 1
    assert store.projects() == before


def test_problems_are_stored_with_file_and_line(home):
    bad = home.reports / "bad.txt"
    bad.write_text("这不是自评表\n只是一段文字\n", encoding="utf-8")
    build(home)
    problems = Store(home.db_path).problems()
    assert [(p.file, p.line, p.severity, p.code) for p in problems] == [("bad.txt", 1, "error", "not_a_report")]


def test_store_from_an_older_schema_is_rebuilt(home):
    import sqlite3

    home.home.mkdir(parents=True)
    conn = sqlite3.connect(home.db_path)
    conn.execute("CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO projects(name) VALUES ('旧版本的项目')")
    conn.commit()
    conn.close()
    (home.reports / SEED.name).write_bytes(SEED.read_bytes())
    from index.build import is_stale

    assert is_stale(home)
    summary = build(home, vectors=False)
    assert summary.projects == 104
    assert "旧版本的项目" not in {p.name for p in Store(home.db_path).projects()}


def test_readers_never_answer_from_or_wipe_an_older_store(home, tmp_path):
    """An app or CLI started on a store an older version wrote refuses with what to do; the store stays as it was
    until a build redoes it from every report file, even a build asked for one new file."""
    import sqlite3

    from assistant.__main__ import main as assistant_main
    from assistant.service import Assistant
    from index.store import StoreOutdated

    home.home.mkdir(parents=True)
    with closing(sqlite3.connect(home.db_path)) as conn, conn:
        conn.execute("CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO projects(name) VALUES ('旧版本的项目')")
        conn.execute("PRAGMA user_version = 3")
    (home.reports / SEED.name).write_bytes(SEED.read_bytes())
    with pytest.raises(StoreOutdated, match="库由旧版本建立（格式 3，现为 4），请先运行 `python -m index build` 重建"):
        Assistant(home)
    assert assistant_main(["ask", "有多少个项目"]) == 2
    with closing(sqlite3.connect(home.db_path)) as conn:
        assert conn.execute("SELECT name FROM projects").fetchall() == [("旧版本的项目",)]  # not wiped
    new = tmp_path / "新镇.txt"
    new.write_text(make_form(name="测试办-新项目"), encoding="utf-8")
    shutil.copy(new, home.reports / new.name)
    assert build(home, [home.reports / new.name], vectors=False).projects == 105  # every file, not just the new one
    assert Assistant(home).ask("有多少个项目").text.startswith("库中全部项目共 **105** 个")


def test_locations_of_a_text_file_are_its_lines(seeded):
    from index.locations import Location

    store = Store(seeded.db_path)
    line = SEED.read_text(encoding="utf-8").splitlines()[27]
    assert store.location(SEED.name, 28) == Location(SEED.name, 28, "第28行", tuple(line.split("\t")))
    assert store.location(SEED.name, 28).citation == f"{SEED.name} 第28行"
    assert store.location(SEED.name, 1) is None  # a blank line is not kept
    assert store.location("其他.xlsx", 28) is None
    found = store.locations([(SEED.name, 5), (SEED.name, 11), ("其他.xlsx", 3)])
    assert {k: v.label for k, v in found.items()} == {(SEED.name, 5): "第5行", (SEED.name, 11): "第11行"}
    assert found[(SEED.name, 11)].filled == ("年度资金总额", "85.30", "139.87", "139.87", "10.00", "100.00", "10.00")
