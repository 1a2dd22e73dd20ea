// What a non-return file in the returns folder is, from its content (src/core/recognise.ts), and where soffice is
// found (src/read/convert.ts). Pure, table-driven.

import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formExportCode, recogniseCsv, recogniseOwnOutput } from '../src/core/recognise.js';
import { findSoffice } from '../src/read/convert.js';
import { parseCsvTable } from '../src/io/table.js';
import { tempDir } from './helpers.js';

const csv = (text: string) => ({ table: parseCsvTable(Buffer.from(text, 'utf8')), text });

describe('recogniseCsv', () => {
  it.each<[string, string, ReturnType<typeof recogniseCsv>]>([
    [
      "rc-org's summary-long.csv",
      '\ufeffcode,name,level,parent,annex,indicator,label,value,source\r\n220102,南关区,county,220100,annex1,volunteers,x,1,a.xlsx\r\n',
      { kind: 'own-output', what: 'summary-long' },
    ],
    [
      'a baseline (labels)',
      '代码,名称,县级红十字会理顺管理体制数,市级红十字会应换届数,县级红十字会应换届个数,市级红十字会已设立党组数,县级红十字会已设立党组数,市级红十字会已设立监事会数,县级红十字会已设立监事会数,红十字会基层组织数,红十字会团体会员数,红十字会成人会员数,红十字会青少年会员数,红十字会注册志愿者数,红十字会志愿服务组织数,红十字会志愿服务总时长\n220102,南关区,1,,0,,0,,0,74,19,5800,2900,1050,4,24100\n',
      { kind: 'baseline' },
    ],
    [
      'a baseline (keys)',
      'code,grassrootsOrgs,groupMembers,adultMembers,youthMembers,volunteers,volunteerOrgs,serviceHours,countyReformed\n220102,1,2,3,4,5,6,7,1\n',
      { kind: 'baseline' },
    ],
    [
      'the form saved as CSV',
      '"附件1",,,\n"组织体系建设工作情况调查表",,,\n"填报单位：长春市双阳区红十字会（代码 220112，县级）    统计年度：2021 年",,,\n"序号","工作事项","个(人、小时)"\n1,"县级红十字会理顺管理体制数",1\n',
      { kind: 'form-export', code: '220112' },
    ],
    ['a CSV return (both annexes): not recognised, checked as a return', 'code,附件1-8,附件2-8\n220102,86,12\n', null],
    ['something else', 'a,b\n1,2\n', null],
  ])('%s', (_, text, want) => {
    const c = csv(text);
    expect(recogniseCsv(c.table, c.text)).toEqual(want);
  });
});

describe('formExportCode', () => {
  it('finds the title and the 代码 line; nothing in an unrelated text', () => {
    expect(formExportCode('组织体系建设年工作成效统计表\n填报单位：某某（代码：220102）')).toEqual({ code: '220102' });
    expect(formExportCode('组织体系建设工作情况调查表 without a code')).toEqual({ code: null });
    expect(formExportCode('代码 220102 但不是报表')).toBeNull();
  });
});

describe('recogniseOwnOutput', () => {
  it.each<[string, string, ReturnType<typeof recogniseOwnOutput>]>([
    ['summary.json (schema 2)', '{\n  "schema": 2,\n  "generator": "rc-org 0.2.0",\n  "year": 2021', { kind: 'own-output', what: 'summary-json' }],
    ['summary.json (before schema 2)', '{\n  "year": 2021,\n  "baselineYear": 2020,\n  "totals": {', { kind: 'own-output', what: 'summary-json' }],
    ['a report page', '<!DOCTYPE html><html><head><meta name="generator" content="rc-org 0.2.0">', { kind: 'own-output', what: 'report' }],
    ['some other JSON', '{"name":"x"}', null],
    ['some other page', '<html><body>hello</body></html>', null],
  ])('%s', (_, text, want) => {
    expect(recogniseOwnOutput(text)).toEqual(want);
  });
});

describe('findSoffice', () => {
  it('finds an executable soffice on PATH, and nothing on an empty PATH', () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'soffice'), '#!/bin/sh\n');
    chmodSync(join(bin, 'soffice'), 0o755);
    expect(findSoffice({ PATH: `${join(dir, 'none')}:${bin}` })).toBe(join(bin, 'soffice'));
    expect(findSoffice({ PATH: join(dir, 'none') })).toBeNull();
    expect(findSoffice({})).toBeNull();
  });
});
