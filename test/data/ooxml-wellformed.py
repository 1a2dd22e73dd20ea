# A second program opens what rc-org wrote: every XML part of each .xlsx/.docx parsed by Python's own XML parser
# (expat: any character XML 1.0 forbids is an error), and each .xlsx loaded by openpyxl. Prints one line per bad
# file ("file: reason") and exits 1 if there is any. Run with /usr/bin/python3 (openpyxl lives there).
#   ooxml-wellformed.py FILE...
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

bad = 0
for path in sys.argv[1:]:
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith('.xml') or name.endswith('.rels'):
                    ET.fromstring(z.read(name))
        if path.endswith('.xlsx'):
            openpyxl.load_workbook(path).close()
    except Exception as e:  # any failure to open is the finding
        bad += 1
        print(f'{path}: {type(e).__name__}: {e}')
sys.exit(1 if bad else 0)
