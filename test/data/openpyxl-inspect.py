# What a second reader (openpyxl) sees in a workbook: sheets, states, protection, data validations, and every cell
# with a note (value, fill, locked), as JSON; `validated` lists the cells under a data-validation rule. Run with /usr/bin/python3.
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": [], "notes": {}}
for ws in wb.worksheets:
    validated = sorted({f"{get_column_letter(c)}{r}" for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges
                        for c in range(rng.min_col, rng.max_col + 1) for r in range(rng.min_row, rng.max_row + 1)})
    out["sheets"].append({"name": ws.title, "state": ws.sheet_state, "protected": bool(ws.protection.sheet), "validated": validated})
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                out["notes"][f"{ws.title}!{c.coordinate}"] = {"value": c.value, "fill": c.fill.fgColor.rgb, "locked": c.protection.locked, "text": c.comment.text}
print(json.dumps(out, ensure_ascii=False))
