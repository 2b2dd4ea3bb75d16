#!/usr/bin/python3
"""Writes 青溪街道台账.xlsx, the workbook of the README's pipeline: the
register of 青溪街道社工站 (QX-001) as a station keeps it in Excel, a sheet
per table (服务对象台账, 服务记录), each under a merged title row with a
合计 row at the bottom, durations in 时长（小时）, dates as real date cells.

Every name, ID number and phone number is invented: placeholder names, ID
numbers of the fictitious county 339901 (青溪县) with valid check digits,
phones 139 0000 01xx.

Run with Debian's python3-openpyxl:  /usr/bin/python3 examples/sample/ledger.py
The zip is written with fixed timestamps: a rerun gives the same bytes."""
import datetime
import io
import os
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "青溪街道台账.xlsx")
WHEN = datetime.datetime(2026, 11, 2, 9, 0, 0)
D = datetime.date


def id_number(birth, seq):
    """An 18-digit citizen ID number of county 339901 with its check digit."""
    body = "339901%s%03d" % (birth.strftime("%Y%m%d"), seq)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


CLIENTS = [  # 档案号, 姓名, 性别, 出生日期, seq (odd: male), 手机, 站点, 类别, 建档日期
    ("QX-C0101", "孙大伟", "男", D(1948, 4, 12), 11, 13900000101, "QX-001", "老年人、独居", D(2026, 10, 9)),
    ("QX-C0102", "周小红", "女", D(1979, 2, 3), 12, 13900000102, "QX-001001", "低保", D(2026, 10, 14)),
    ("QX-C0103", "吴建国", "男", D(2015, 9, 30), 13, None, "QX-001002", "儿童；留守", D(2026, 10, 20)),
    ("QX-C0104", "郑秀英", "女", D(1956, 12, 1), 14, 13900000104, "QX-001", "残疾人", D(2026, 10, 27)),
]
SERVICES = [  # 服务编号, 档案号, 所属站点, 服务日期, 服务类型, 时长（小时）, 社工工号, 服务内容
    ("S20261010-01", "QX-C0101", "QX-001", D(2026, 10, 10), "探访", 1.5, "W007", "上门探访"),
    ("S20261015-01", "QX-C0102", "QX-001001", D(2026, 10, 15), "面谈", 0.5, "W008", "低保复核材料说明"),
    ("S20261021-01", "QX-C0103", "QX-001002", D(2026, 10, 21), "入户走访", 2, "W008", "学业辅导"),
    ("S20261028-01", "QX-C0104", "QX-001", D(2026, 10, 28), "电话", 0.25, "W009", "电话回访"),
    ("S20261030-01", "QX-C0101", "QX-001", D(2026, 10, 30), "探访", 1, "W007", "陪同就医"),
]


def sheet(ws, title, header, rows, dates, total):
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    last = ws.max_row
    for r in range(3, last + 1):
        for c in dates:
            ws.cell(r, c).number_format = 'yyyy"年"m"月"d"日"'
    ws.cell(last + 1, 1, "合计")
    ws.cell(last + 1, 2, total)
    ws.freeze_panes = "A3"


def build():
    wb = openpyxl.Workbook()
    wb.properties.creator = "sw-tools sample"
    wb.properties.created = wb.properties.modified = WHEN
    ws = wb.active
    ws.title = "服务对象台账"
    rows = [(c, n, s, b, id_number(b, q), p, st, k, r) for c, n, s, b, q, p, st, k, r in CLIENTS]
    sheet(ws, "青溪街道社工站服务对象台账（2026年10月）",
          ["档案号", "姓名", "性别", "出生日期", "公民身份号码", "手机号码", "所属站点", "人员类别", "建档日期"],
          rows, (4, 9), "共%d人" % len(rows))
    for r in range(3, 3 + len(rows)):
        ws.cell(r, 5).number_format = "@"
    sheet(wb.create_sheet("服务记录"), "青溪街道社工站服务记录（2026年10月）",
          ["服务编号", "档案号", "所属站点", "服务日期", "服务类型", "时长（小时）", "社工工号", "服务内容"],
          SERVICES, (4,), "共%d次" % len(SERVICES))
    return wb


def main():
    buf = io.BytesIO()
    build().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=WHEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


if __name__ == "__main__":
    main()
