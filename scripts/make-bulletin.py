#!/usr/bin/python3
"""Make fixtures/bulletin-2021/: 长春市's 2021 year as the bulletin and the letters have to speak of it (issue 18).

Run from the repository root, after `npm run build`:   /usr/bin/python3 scripts/make-bulletin.py

Every workbook starts as a real template (`node bin/rc-org.js template --under 220100 --year 2021`) and is filled
with openpyxl (as a branch using a script or re-saving in another program would) from the figures of
fixtures/example-2021 and fixtures/changchun-2021 (invented: 示例数据（虚构，仅供演示）). Then the year's
situations are planted: a return cut off in transfer that still carries rc-org's name, two versions from one
branch, a branch that sent nothing, an explained and an unexplained decrease, a form with a cell to correct.
Needs /usr/bin/python3 with openpyxl (python3-openpyxl).
"""
import os
import re
import shutil
import subprocess
import tempfile

import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
OUT = os.path.join(ROOT, 'fixtures', 'bulletin-2021')
RETURNS = os.path.join(OUT, 'returns')
SOURCES = [os.path.join(ROOT, 'fixtures', 'example-2021', 'returns'), os.path.join(ROOT, 'fixtures', 'changchun-2021', 'returns')]
FIRST_ROW = 5
ROWS = 14
VALUE_COL = 3
NOTE_COL = 5


def read_figures(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {sheet: [wb[sheet].cell(row=FIRST_ROW + i, column=VALUE_COL).value for i in range(ROWS)] for sheet in ('附件1', '附件2')}


def main():
    work = tempfile.mkdtemp(prefix='rcorg-bulletin-')
    blank = os.path.join(work, 'blank')
    subprocess.run(['node', os.path.join(ROOT, 'bin', 'rc-org.js'), 'template', '--out', blank, '--year', '2021', '--under', '220100'],
                   check=True, stdout=subprocess.DEVNULL)

    figures = {}
    for src in SOURCES:  # fixtures/example-2021 has no 南关区; fixtures/changchun-2021's is the one the baseline fits
        for f in sorted(os.listdir(src)):
            m = re.match(r'2021_(2201\d\d)_.*\.xlsx$', f)
            if m and m.group(1) not in figures:
                figures[m.group(1)] = read_figures(os.path.join(src, f))

    def template(code):
        return os.path.join(blank, [f for f in os.listdir(blank) if f.startswith('2021_%s_' % code)][0])

    def fill(code, name, edit=None):
        wb = openpyxl.load_workbook(template(code))
        for sheet in ('附件1', '附件2'):
            for i, v in enumerate(figures[code][sheet]):
                if isinstance(v, (int, float)):
                    wb[sheet].cell(row=FIRST_ROW + i, column=VALUE_COL).value = v
        if edit:
            edit(wb)
        path = os.path.join(RETURNS, name)
        wb.save(path)
        return path

    def decrease(row, by, note=None):
        """附件1 falls `by` below the 2020 baseline on `row` (1-based); 附件2 says so; 说明 explains it, or not."""
        def edit(wb):
            a1 = wb['附件1'].cell(row=FIRST_ROW + row - 1, column=VALUE_COL)
            a2 = wb['附件2'].cell(row=FIRST_ROW + row - 1, column=VALUE_COL)
            a1.value = a1.value - a2.value - by
            a2.value = -by
            if note:
                wb['附件2'].cell(row=FIRST_ROW + row - 1, column=NOTE_COL).value = note
        return edit

    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(RETURNS)

    fill('220100', '2021_220100_长春市_组织体系建设统计表.xlsx')
    # 南关区: 成人会员数 (附件1/附件2 row 10) 120 below 2020, nothing said in 说明 — a warning to answer
    fill('220102', '2021_220102_南关区_组织体系建设统计表.xlsx', decrease(10, 120))
    # 宽城区: its form, cut off in transfer — the zip ends half-way; the name is still rc-org's own
    kuancheng = fill('220103', '2021_220103_宽城区_组织体系建设统计表.xlsx')
    with open(kuancheng, 'rb') as f:
        data = f.read()
    with open(kuancheng, 'wb') as f:
        f.write(data[: len(data) // 2])
    # 朝阳区: 团体会员数 (附件1!C13) written in words — one cell to correct
    def in_words(wb):
        wb['附件1'].cell(row=FIRST_ROW + 8, column=VALUE_COL).value = '十二'
    fill('220104', '2021_220104_朝阳区_组织体系建设统计表.xlsx', in_words)
    fill('220105', '二道区报表（最终版）.xlsx')
    fill('220106', '2021_220106_绿园区_组织体系建设统计表.xlsx')
    fill('220112', '2021_220112_双阳区_组织体系建设统计表.xlsx')
    fill('220113', '2021_220113_九台区_组织体系建设统计表.xlsx')
    # 农安县: 基层组织数 (row 8) 2 below 2020, explained in 说明 — a warning that does not count
    fill('220122', '2021_220122_农安县_组织体系建设统计表.xlsx', decrease(8, 2, '2所村小撤并，基层组织相应减少'))
    # 榆树市 (220182) sends nothing
    fill('220183', '2021_220183_德惠市_组织体系建设统计表.xlsx')
    # 公主岭市: two versions; the second has 成人会员数 (row 10) 100 higher on both annexes
    fill('220184', '2021_220184_公主岭市_组织体系建设统计表.xlsx')
    def second_version(wb):
        for sheet in ('附件1', '附件2'):
            c = wb[sheet].cell(row=FIRST_ROW + 9, column=VALUE_COL)
            c.value = c.value + 100
    fill('220184', '公主岭市-修改后.xlsx', second_version)

    shutil.copyfile(os.path.join(ROOT, 'fixtures', 'changchun-2021', 'baseline-2020.csv'), os.path.join(OUT, 'baseline-2020.csv'))
    shutil.rmtree(work, ignore_errors=True)
    print('make-bulletin: wrote', os.path.relpath(OUT, ROOT))


if __name__ == '__main__':
    main()
