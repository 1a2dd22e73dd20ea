#!/usr/bin/env python3
"""Edit workbooks the way a branch does in an office suite, through LibreOffice's UNO API.

Used by make-fixtures.mjs for the fixtures that must look like what Excel/WPS/LibreOffice save
(rows really inserted, merges shifted, sheets really moved and renamed). Needs LibreOffice and
the python3-uno package (Debian/Ubuntu: apt-get install -y python3-uno).

Usage: python3 lo-edit.py JOBS.json     (a JSON list of jobs; see run_job)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office():
    profile = tempfile.mkdtemp(prefix='rcorg-lo-profile-')
    pipe = 'rcorg_fixtures_%d' % os.getpid()
    proc = subprocess.Popen([
        'soffice', '--headless', '--invisible', '--nologo', '--norestore', '--nodefault',
        '-env:UserInstallation=file://' + profile,
        '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe,
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    last = None
    for _ in range(120):
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
            return proc, profile, desktop
        except Exception as e:  # office still starting
            last = e
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError('LibreOffice did not start: %s' % last)


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def run_job(desktop, job):
    doc = desktop.loadComponentFromURL(url(job['in']), '_blank', 0, (prop('Hidden', True),))
    try:
        sheets = doc.Sheets
        op = job['op']
        if op == 'insert-rows':
            # What a branch does in Excel/WPS: unprotect (no password), insert rows above the table, type a line.
            sheet = sheets.getByName(job['sheet'])
            sheet.unprotect('')
            sheet.Rows.insertByIndex(job['at'], job.get('count', 1))
            if job.get('text'):
                sheet.getCellRangeByName('A%d' % (job['at'] + 1)).setString(job['text'])
            sheet.protect('')
        elif op == 'move-rename':
            # Drag a sheet tab to another position, rename another one.
            for name, pos in job.get('moves', []):
                sheets.moveByName(name, pos)
            for old, new in job.get('renames', []):
                sheets.getByName(old).setName(new)
        else:
            raise ValueError('unknown op %s' % op)
        doc.storeToURL(url(job['out']), (prop('FilterName', 'Calc MS Excel 2007 XML'), prop('Overwrite', True)))
    finally:
        doc.close(True)


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        jobs = json.load(f)
    proc, profile, desktop = start_office()
    try:
        for job in jobs:
            run_job(desktop, job)
            print('lo-edit: %s -> %s' % (job['op'], job['out']))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as the office quits
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    main()
