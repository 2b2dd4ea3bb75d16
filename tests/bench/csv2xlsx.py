#!/usr/bin/python3
"""csv2xlsx.py IN.csv OUT.xlsx: the bench's client register as a station
keeps it in Excel: a title row, dates as date cells, phones as numbers, ID
numbers as text. Written with openpyxl's write-only mode (streamed)."""
import csv
import datetime
import sys

import openpyxl

src, out = sys.argv[1], sys.argv[2]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("服务对象")
with open(src, newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    head = next(rows)
    ws.append(["青溪县服务对象台账"])
    ws.append(head)
    dates = {i for i, h in enumerate(head) if h in ("birth_date", "registered_on")}
    phone = head.index("phone")
    for r in rows:
        for i in dates:
            r[i] = datetime.date.fromisoformat(r[i])
        r[phone] = int(r[phone])
        ws.append(r)
wb.save(out)
