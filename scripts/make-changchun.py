#!/usr/bin/python3
"""Make fixtures/changchun-2021/: 长春市's 2021 returns as a city clerk receives them (issue 10).

Run from the repository root, after `npm run build`:   /usr/bin/python3 scripts/make-changchun.py

Every workbook starts as a real template (`node bin/rc-org.js template --under 220100 --year 2021`). Some are
filled with openpyxl, some in LibreOffice through UNO (as a branch using LibreOffice would), and then saved the
ways branches save them: .xls, .ods, "Save as CSV" of the form, renamed, two versions. The figures are those of
fixtures/example-2021 (invented: 示例数据（虚构，仅供演示）) and of 南关区 in fixtures/validate.
Needs /usr/bin/python3 with openpyxl and uno (python3-openpyxl, python3-uno) and LibreOffice (soffice).
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl
import uno
from com.sun.star.beans import PropertyValue

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT = os.path.join(ROOT, 'fixtures', 'changchun-2021')
RETURNS = os.path.join(OUT, 'returns')
EXTRA = os.path.join(OUT, 'extra')
EXAMPLE = os.path.join(ROOT, 'fixtures', 'example-2021')
NANGUAN_SOURCE = os.path.join(ROOT, 'fixtures', 'validate', '南关区-最终版(1).xlsx')
FIRST_ROW = 5
ROWS = 14


def read_figures(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {sheet: [wb[sheet].cell(row=FIRST_ROW + i, column=3).value for i in range(ROWS)] for sheet in ('附件1', '附件2')}


def template(code):
    name = [f for f in os.listdir(BLANK) if f.startswith('2021_%s_' % code)][0]
    return os.path.join(BLANK, name)


def fill_openpyxl(code, out, edit=None):
    """Fill the issued form with openpyxl (keeps the hidden identity sheet and the protection)."""
    figs = FIGURES[code]
    wb = openpyxl.load_workbook(template(code))
    for sheet in ('附件1', '附件2'):
        for i, v in enumerate(figs[sheet]):
            if isinstance(v, (int, float)):
                wb[sheet].cell(row=FIRST_ROW + i, column=3).value = v
    if edit:
        edit(wb)
    wb.save(out)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix='rcorg-cc-profile-')
        pipe = 'rcorg_cc_%d' % os.getpid()
        self.proc = subprocess.Popen([
            'soffice', '--headless', '--invisible', '--nologo', '--norestore', '--nodefault',
            '-env:UserInstallation=file://' + self.profile,
            '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe,
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        for _ in range(120):
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                self.desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
                return self
            except Exception:
                time.sleep(0.5)
        raise RuntimeError('LibreOffice did not start')

    def __exit__(self, *exc):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def fill(self, code, outputs):
        """Open the issued form in LibreOffice, type the figures, save in each (path, filter, options) given."""
        figs = FIGURES[code]
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(template(code)), '_blank', 0, (prop('Hidden', True),))
        try:
            for sheet_name in ('附件1', '附件2'):
                sheet = doc.Sheets.getByName(sheet_name)
                for i, v in enumerate(figs[sheet_name]):
                    if isinstance(v, (int, float)):
                        sheet.getCellByPosition(2, FIRST_ROW - 1 + i).setValue(v)
            for path, filt, options in outputs:
                args = [prop('FilterName', filt), prop('Overwrite', True)]
                if options:
                    args.append(prop('FilterOptions', options))
                doc.storeToURL(uno.systemPathToFileUrl(path), tuple(args))
        finally:
            doc.close(True)


def namespace_prefixed(src, dst):
    """The same workbook with every worksheet's XML in a prefixed namespace (<x:worksheet xmlns:x=...>), as some
    generators write it: valid OOXML that LibreOffice opens and exceljs does not."""
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.match(r'xl/(worksheets/sheet\d+|workbook)\.xml$', item.filename):
                text = data.decode('utf-8')
                main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
                text = text.replace('xmlns="%s"' % main, 'xmlns:x="%s"' % main, 1)
                # prefix every element of the main namespace (not those that already carry a prefix)
                text = re.sub(r'<(/?)(?![?!])([A-Za-z][\w]*)(?=[\s/>])', lambda m: '<%sx:%s' % (m.group(1), m.group(2)), text)
                data = text.encode('utf-8')
            zi = zipfile.ZipInfo(item.filename, date_time=(2021, 12, 28, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


def main():
    global BLANK, FIGURES
    work = tempfile.mkdtemp(prefix='rcorg-cc-')
    BLANK = os.path.join(work, 'blank')
    subprocess.run(['node', os.path.join(ROOT, 'bin', 'rc-org.js'), 'template', '--out', BLANK, '--year', '2021', '--under', '220100'], check=True, stdout=subprocess.DEVNULL)

    FIGURES = {}
    for f in os.listdir(os.path.join(EXAMPLE, 'returns')):
        m = re.match(r'2021_(2201\d\d)_', f)
        if m:
            FIGURES[m.group(1)] = read_figures(os.path.join(EXAMPLE, 'returns', f))
    FIGURES['220102'] = read_figures(NANGUAN_SOURCE)

    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(RETURNS)
    os.makedirs(EXTRA)
    R = lambda name: os.path.join(RETURNS, name)

    # openpyxl: clean, warning, errors, explained warning, two versions
    fill_openpyxl('220102', R('2021_220102_南关区_组织体系建设统计表.xlsx'))
    fill_openpyxl('220113', R('2021_220113_九台区_组织体系建设统计表.xlsx'))

    def implausible_hours(wb):
        # 600 hours per volunteer (the usual level is at most 500): a warning, nothing explained
        v = wb['附件1'].cell(row=FIRST_ROW + 11, column=3).value
        old = wb['附件1'].cell(row=FIRST_ROW + 13, column=3).value
        wb['附件1'].cell(row=FIRST_ROW + 13, column=3).value = v * 600
        wb['附件2'].cell(row=FIRST_ROW + 13, column=3).value = wb['附件2'].cell(row=FIRST_ROW + 13, column=3).value + v * 600 - old
    fill_openpyxl('220103', R('2021_220103_宽城区_组织体系建设统计表.xlsx'), implausible_hours)

    def typed_in_words(wb):
        wb['附件1'].cell(row=FIRST_ROW + 8, column=3).value = '十二'  # 团体会员数 in words
    fill_openpyxl('220104', R('2021_220104_朝阳区_组织体系建设统计表.xlsx'), typed_in_words)

    def explained(wb):
        # more elections completed than were due, explained in the 说明 column: a warning that does not count
        wb['附件1'].cell(row=FIRST_ROW + 2, column=3).value = 0
        wb['附件2'].cell(row=FIRST_ROW + 2, column=3).value = 1
        wb['附件2'].cell(row=FIRST_ROW + 2, column=5).value = '上年应换届的一并完成'
    fill_openpyxl('220122', R('2021_220122_农安县_组织体系建设统计表.xlsx'), explained)

    fill_openpyxl('220184', R('2021_220184_公主岭市_组织体系建设统计表.xlsx'))

    def second_version(wb):
        for sheet in ('附件1', '附件2'):
            c = wb[sheet].cell(row=FIRST_ROW + 9, column=3)
            c.value = c.value + 10
    fill_openpyxl('220184', R('公主岭市-修改后.xlsx'), second_version)

    # LibreOffice: clean, renamed, saved as .xls, .ods, and "Save as CSV" (the first sheet only)
    with Office() as office:
        office.fill('220100', [(R('2021_220100_长春市_组织体系建设统计表.xlsx'), 'Calc MS Excel 2007 XML', None)])
        office.fill('220105', [(R('二道区报表（最终版）.xlsx'), 'Calc MS Excel 2007 XML', None)])
        office.fill('220106', [(R('2021_220106_绿园区_组织体系建设统计表.xls'), 'MS Excel 97', None)])
        office.fill('220183', [(R('2021_220183_德惠市_组织体系建设统计表.ods'), 'calc8', None)])
        office.fill('220112', [(R('2021_220112_双阳区_组织体系建设统计表.csv'), 'Text - txt - csv (StarCalc)', '44,34,76,1')])
        # 榆树市 sends nothing; its filled form is kept apart for the conversion tests
        office.fill('220182', [(os.path.join(EXTRA, 'clean-220182.xlsx'), 'Calc MS Excel 2007 XML', None)])

    namespace_prefixed(os.path.join(EXTRA, 'clean-220182.xlsx'), os.path.join(EXTRA, 'namespace-prefixed-220182.xlsx'))
    os.remove(os.path.join(EXTRA, 'clean-220182.xlsx'))

    # the baseline of the branches of 长春市 (2020), and the same without 九台区
    with open(os.path.join(EXAMPLE, 'baseline-2020.csv'), encoding='utf-8-sig') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r and r[0].startswith('2201')]

    def write_baseline(path, rs):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator='\r\n')
        w.writerow(header)
        w.writerows(rs)
        with open(path, 'w', encoding='utf-8-sig', newline='') as f:
            f.write(buf.getvalue())
    write_baseline(os.path.join(OUT, 'baseline-2020.csv'), body)
    write_baseline(os.path.join(EXTRA, 'baseline-2020-without-jiutai.csv'), [r for r in body if r[0] != '220113'])
    shutil.rmtree(work, ignore_errors=True)
    print('make-changchun: wrote', os.path.relpath(OUT, ROOT))


if __name__ == '__main__':
    main()
