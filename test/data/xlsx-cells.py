# Every text cell of a workbook as JSON {sheet: {cell: text}}, read by openpyxl (a second program).
#   xlsx-cells.py FILE.xlsx
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)} for ws in wb.worksheets}
print(json.dumps(out, ensure_ascii=False))
