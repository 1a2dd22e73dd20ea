"""Re-save rc-org forms the way a script would: openpyxl loads each one and saves it again.
usage: /usr/bin/python3 openpyxl-resave.py SRC_DIR OUT_DIR [FIRST STEP]
"""
import os
import sys
import warnings

from openpyxl import load_workbook

warnings.simplefilter("ignore")  # openpyxl warns about the data-validation extension it does not keep

src, out = sys.argv[1], sys.argv[2]
first, step = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (0, 1)
names = sorted(n for n in os.listdir(src) if n.endswith(".xlsx"))
for name in names[first::step]:
    wb = load_workbook(os.path.join(src, name))
    wb.save(os.path.join(out, name))
