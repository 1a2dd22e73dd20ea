# A second program fixes a correction form, as a branch would in its own spreadsheet: openpyxl (not exceljs) opens
# the workbook, sets the given cells and saves it under a new name. Run with /usr/bin/python3 (openpyxl lives there).
#   openpyxl-fix.py IN.xlsx OUT.xlsx '{"附件1": {"C14": 6400, "C6": null}, ...}'
import json
import sys

import openpyxl

src, dst, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
for sheet, cells in edits.items():
    ws = wb[sheet]
    for addr, value in cells.items():
        ws[addr].value = value
wb.save(dst)
