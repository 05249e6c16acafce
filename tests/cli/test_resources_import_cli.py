"""``recoverydesk resources-import`` with the files Excel writes (issue 15, item 11)."""

from __future__ import annotations

import io

from recoverydesk.cli import main


def test_excel_unicode_text_and_a_workbook_import(tmp_practice, tmp_path, capsys):
    text = tmp_path / "unicode.txt"
    text.write_bytes("Name\tCategory\r\nZoë's Place\tHousing\r\n".encode("utf-16"))
    assert main(["resources-import", str(text), "--db", str(tmp_practice)]) == 0
    assert "1 added" in capsys.readouterr().out

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Category", "Last checked"])
    book.active.append(["The Shed", "Recreation", "6 Sep 2026"])
    out = io.BytesIO()
    book.save(out)
    workbook = tmp_path / "directory.xlsx"
    workbook.write_bytes(out.getvalue())
    assert main(["resources-import", str(workbook), "--db", str(tmp_practice)]) == 0
    assert "1 added" in capsys.readouterr().out


def test_one_resource_twice_is_refused_and_nothing_is_imported(tmp_practice, tmp_path, capsys):
    twice = tmp_path / "twice.csv"
    twice.write_text("Name;Category\nPeer Cafe;Peer support\nPeer Cafe;PEER-SUPPORT\n", "utf-8")
    assert main(["resources-import", str(twice), "--db", str(tmp_practice)]) == 2
    err = capsys.readouterr().err
    assert "Line 3" in err and "already on line 2" in err and "Traceback" not in err
    export = tmp_path / "out.csv"
    assert main(["resources-export", "--out", str(export), "--db", str(tmp_practice)]) == 0
    assert "Peer Cafe" not in export.read_text("utf-8-sig")
