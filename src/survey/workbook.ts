import type ExcelJS from 'exceljs';
import { SetupError, type MessageCode, type Params } from '../messages.js';
import { inspectXlsx } from '../read/sniff.js';
import { surveyFrom, type LoadedSurvey } from './load.js';
import type { Survey } from '../survey-schema.js';
import { createHash } from 'node:crypto';

// A survey definition as a workbook, in the manner of XLSForm (issue 20 item 6), so the office edits next year's
// form in Excel or WPS: a `settings` sheet of name/value rows (nested fields as dotted names, list items as [n]),
// and one table per collection — `levels`, `sheets`, `indicators`, `rules`, `goals` — one row each, one column per
// field (nested fields dotted, an indicator's row on each annex as SHEET.row / SHEET.label / SHEET.unitText).
// A list in a cell is one item per line (Alt+Enter); a rule's params are `name = expression` lines.
// Reading gives the same JSON as the file it was written from (test/survey-workbook.e2e.test.ts), and a problem is
// named by sheet and cell: `file:indicators!C5: message`.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** How a column's cell becomes a JSON value. */
type Kind =
  | 'text' // a string (a number typed into it, such as a version 2022.1, is taken as its text)
  | 'number'
  | 'bool'
  | 'lines' // a list of strings, one per line (empty: an empty list)
  | 'optional-lines' // the same, but an empty cell leaves the field out
  | 'number-or-null' // empty is null (a rate with no goal)
  | 'text-or-null' // the word null is null (a new indicator's previous)
  | 'params'; // name = expression, one per line

interface Column {
  header: string;
  /** Where the value goes in the row's object (dotted); empty cells leave optional fields out. */
  path: string;
  kind: Kind;
}

const col = (header: string, kind: Kind = 'text', path = header): Column => ({ header, path, kind });

const LEVEL_COLUMNS = [col('key'), col('zh'), col('en'), col('rank', 'number'), col('role'), col('aliases', 'lines')];
const SHEET_COLUMNS = [
  col('key'),
  col('name'),
  col('title'),
  col('role'),
  col('header', 'lines'),
  col('notes', 'lines'),
  ...['paperSize', 'orientation', 'fitToWidth', 'fitToHeight', 'horizontalCentered'].map((k) =>
    col(`print.${k}`, k === 'orientation' ? 'text' : k === 'horizontalCentered' ? 'bool' : 'number'),
  ),
  ...['left', 'right', 'top', 'bottom', 'header', 'footer'].map((k) => col(`print.margins.${k}`, 'number')),
];
const indicatorColumns = (sheets: readonly string[]): Column[] => [
  col('key'),
  col('no', 'number'),
  col('en'),
  col('unit'),
  col('kind'),
  col('levels', 'lines'),
  col('entry'),
  col('previous', 'text-or-null'),
  col('growth', 'bool'),
  col('nouns.one'),
  col('nouns.many'),
  col('nouns.title'),
  ...sheets.flatMap((s) => [col(`${s}.row`, 'number'), col(`${s}.label`), col(`${s}.unitText`)]),
  col('aliases', 'optional-lines'),
];
const RULE_COLUMNS = [
  col('key'),
  col('code'),
  col('severity'),
  col('sheet'),
  col('indicator'),
  col('forEach.entry'),
  col('forEach.kinds', 'optional-lines'),
  col('levels', 'optional-lines'),
  col('when'),
  col('params', 'params'),
  col('message.zh'),
  col('message.en'),
];
const GOAL_COLUMNS = [
  col('key'),
  col('zh'),
  col('titleEn'),
  col('goalZh'),
  col('clause'),
  col('numerator'),
  col('denominator'),
  col('basis', 'lines'),
  col('goal', 'number-or-null'),
  col('ranked', 'bool'),
];

/** The settings that are text even when they look like a number (a version such as 2022.1). */
const TEXT_SETTINGS =
  /^(\$schema|id|version|title\..*|issuer\..*|bulletin\.deadline|layout\.(font|lastColumn|notApplicable|.*Fill|besideColor|identitySheet|instructions\[\d+\])|layout\.columns\[\d+\]\.(key|letter|header)|columns\.(code|year)\[\d+\])$/;

// ── writing ──

/** Scalars of a nested value as dotted names: layout.columns[0].width → 6. */
function flatten(v: Json, name: string, out: [string, Json][]): void {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${name}[${i}]`, out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) flatten(x, name ? `${name}.${k}` : k, out);
  else out.push([name, v]);
}

function get(o: unknown, dotted: string): unknown {
  let v = o;
  for (const k of dotted.split('.')) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function cellValue(v: unknown, kind: Kind): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (kind === 'lines' || kind === 'optional-lines') return (v as string[]).join('\n');
  if (kind === 'params') return (v as { name: string; value: string }[]).map((p) => `${p.name} = ${p.value}`).join('\n');
  if (v === null) return kind === 'text-or-null' ? 'null' : null;
  return v as ExcelJS.CellValue;
}

function addTable(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly object[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(get(r, c.path), c.kind)));
  ws.columns.forEach((c, i) => {
    c.width = Math.min(60, Math.max(10, columns[i]!.header.length + 2));
    c.alignment = { vertical: 'top', wrapText: true };
  });
}

/** The definition as a workbook (rc-org survey export). */
export async function surveyToWorkbook(s: Survey): Promise<ExcelJS.Workbook> {
  const ExcelJSLib = (await import('exceljs')).default;
  const wb = new ExcelJSLib.Workbook();
  const { levels, sheets, indicators, rules, rates, ...settings } = s;
  const flat: [string, Json][] = [];
  flatten(settings, '', flat);
  addTable(
    wb,
    'settings',
    [col('name'), col('value')],
    flat.map(([name, value]) => ({ name, value })),
  );
  addTable(wb, 'levels', LEVEL_COLUMNS, levels);
  addTable(wb, 'sheets', SHEET_COLUMNS, sheets);
  const sheetKeys = sheets.map((x) => x.key);
  addTable(
    wb,
    'indicators',
    indicatorColumns(sheetKeys),
    indicators.map((i) => ({ ...i, ...Object.fromEntries(i.rows.map((r) => [r.sheet, r])) })),
  );
  addTable(wb, 'rules', RULE_COLUMNS, rules);
  addTable(wb, 'goals', GOAL_COLUMNS, rates);
  return wb;
}

// ── reading ──

interface CellProblem {
  where: string;
  code: MessageCode;
  params: Params;
}

/** What a cell shows, as a plain value: rich text as its text, a formula as its result; a date or an error as itself. */
function scalarOf(cell: ExcelJS.Cell): string | number | boolean | null | { other: string } {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return { other: 'date' };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) {
    const r = v.result;
    return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? r : r === undefined || r === null ? null : { other: 'object' };
  }
  if ('text' in v && typeof v.text === 'string') return v.text;
  return { other: 'object' };
}

/** The cell's value as JSON of its kind, or a problem; undefined for an empty cell. */
function readCell(cell: ExcelJS.Cell, kind: Kind): { value?: Json; problem?: [MessageCode, Params] } {
  const v = scalarOf(cell);
  if (v !== null && typeof v === 'object')
    return { problem: ['survey-wrong-type', { expected: kind === 'number' || kind === 'number-or-null' ? 'number' : 'string', found: v.other }] };
  if (v === null || v === '') return kind === 'number-or-null' ? { value: null } : kind === 'lines' || kind === 'params' ? { value: [] } : {};
  switch (kind) {
    case 'text':
      return { value: typeof v === 'string' ? v : String(v) };
    case 'text-or-null':
      return { value: v === 'null' ? null : String(v) };
    case 'number':
    case 'number-or-null': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
      return Number.isFinite(n)
        ? { value: n }
        : { problem: ['survey-wrong-type', { expected: 'number', found: typeof v === 'boolean' ? 'boolean' : 'string' }] };
    }
    case 'bool':
      if (typeof v === 'boolean') return { value: v };
      if (typeof v === 'string' && /^(true|false|是|否)$/i.test(v.trim())) return { value: /^(true|是)$/i.test(v.trim()) };
      return { problem: ['survey-wrong-type', { expected: 'boolean', found: typeof v === 'number' ? 'number' : 'string' }] };
    case 'lines':
    case 'optional-lines':
      return { value: lines(String(v)) };
    case 'params': {
      const out: Json[] = [];
      for (const line of lines(String(v))) {
        const eq = line.indexOf('=');
        // The first = that is not part of == / <= / >= / != would be wrong: a param's name never holds one.
        if (eq <= 0 || /[<>=!]/.test(line[eq + 1] ?? '')) return { problem: ['survey-param-line', { line }] };
        out.push({ name: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
      }
      return { value: out };
    }
  }
}

const lines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Put a value at a dotted path inside an object, creating the objects on the way (own, plain properties only). */
function put(o: Record<string, Json>, dotted: string, v: Json): void {
  const keys = dotted.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) {
    if (!Object.hasOwn(at, k)) Object.defineProperty(at, k, { value: {}, enumerable: true, writable: true, configurable: true });
    at = at[k] as Record<string, Json>;
  }
  Object.defineProperty(at, keys[keys.length - 1]!, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A workbook read back into a definition's shape, with where each part came from (for problems at their cell). */
function readWorkbook(wb: ExcelJS.Workbook): { raw: Record<string, Json>; cells: Map<string, string>; problems: CellProblem[] } {
  const cells = new Map<string, string>();
  const problems: CellProblem[] = [];
  const raw: Record<string, Json> = {};
  const keyOf = (path: Path): string => JSON.stringify(path);

  /** The rows of a table sheet, each as an object built from its columns; cells are remembered by path. */
  const table = (name: string, columns: readonly Column[], at: Path, build?: (row: Record<string, Json>, r: number) => Record<string, Json>): Json[] => {
    const ws = wb.getWorksheet(name);
    cells.set(keyOf(at), name);
    if (!ws) {
      problems.push({ where: name, code: 'survey-sheet-missing', params: { sheet: name } });
      return [];
    }
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((c, i) => header.set(String(c.text).trim(), i));
    for (const c of columns)
      if (!header.has(c.header))
        problems.push({ where: `${name}!${ws.getRow(1).getCell(header.size + 1).address}`, code: 'survey-column-missing', params: { column: c.header } });
    const known = new Set(columns.map((c) => c.header));
    for (const [h, i] of header)
      if (!known.has(h)) problems.push({ where: `${name}!${ws.getRow(1).getCell(i).address}`, code: 'survey-column-unknown', params: { column: h } });
    const out: Json[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.hasValues) continue;
      const i = out.length;
      const obj: Record<string, Json> = {};
      cells.set(keyOf([...at, i]), `${name}!${row.getCell(1).address}`);
      for (const c of columns) {
        const index = header.get(c.header);
        if (index === undefined) continue;
        const cell = row.getCell(index);
        const where = `${name}!${cell.address}`;
        cells.set(keyOf([...at, i, ...c.path.split('.')]), where);
        const { value, problem } = readCell(cell, c.kind);
        if (problem) problems.push({ where, code: problem[0], params: problem[1] });
        else if (value !== undefined) put(obj, c.path, value);
      }
      out.push(build ? build(obj, i) : obj);
    }
    return out;
  };

  // settings: name/value rows; names are dotted paths with [n] for list items.
  const settings = wb.getWorksheet('settings');
  if (!settings) problems.push({ where: 'settings', code: 'survey-sheet-missing', params: { sheet: 'settings' } });
  else
    for (let r = 2; r <= settings.rowCount; r++) {
      const row = settings.getRow(r);
      const name = String(row.getCell(1).text).trim();
      if (name === '') continue;
      const where = `settings!${row.getCell(2).address}`;
      const path = settingPath(name);
      if (!path) {
        problems.push({ where: `settings!${row.getCell(1).address}`, code: 'survey-setting-name', params: { name } });
        continue;
      }
      const { value, problem } = readCell(row.getCell(2), TEXT_SETTINGS.test(name) ? 'text' : 'number');
      const cellText = row.getCell(2).value;
      // A setting is a number where it holds a number, else text (or true/false).
      const v: Json | undefined = problem ? (typeof cellText === 'boolean' ? cellText : String(row.getCell(2).text)) : value;
      if (v === undefined) continue;
      cells.set(keyOf(path), where);
      setAt(raw, path, v);
    }

  const sheetsRows = table('sheets', SHEET_COLUMNS, ['sheets']);
  const sheetKeys = sheetsRows.flatMap((s) => (s !== null && typeof s === 'object' && !Array.isArray(s) && typeof s.key === 'string' ? [s.key] : []));
  const levels = table('levels', LEVEL_COLUMNS, ['levels']);
  const indicators = table('indicators', indicatorColumns(sheetKeys), ['indicators'], (row, i) => {
    // SHEET.row / SHEET.label / SHEET.unitText become the indicator's rows, in the order of the sheets.
    const rows: Json[] = [];
    const ordered: Record<string, Json> = {};
    for (const [k, v] of Object.entries(row)) if (!sheetKeys.includes(k)) ordered[k] = v;
    for (const s of sheetKeys) {
      const part = Object.hasOwn(row, s) ? (row[s] as Record<string, Json>) : null;
      if (!part) continue;
      const j = rows.length;
      for (const f of ['row', 'label', 'unitText']) {
        const where = cells.get(keyOf(['indicators', i, s, f]));
        if (where) cells.set(keyOf(['indicators', i, 'rows', j, f]), where);
      }
      cells.set(keyOf(['indicators', i, 'rows', j]), cells.get(keyOf(['indicators', i, s, 'label'])) ?? 'indicators');
      rows.push({ sheet: s, ...part });
    }
    const { aliases, ...rest } = ordered;
    return { ...rest, rows, ...(aliases !== undefined ? { aliases } : {}) };
  });
  const rules = table('rules', RULE_COLUMNS, ['rules'], (row) => {
    // A rule without an indicator is applied to each indicator forEach selects (all, when it selects nothing).
    if (row.indicator === undefined && row.forEach === undefined) {
      const { key, code, severity, sheet, ...rest } = row;
      return { key: key!, code: code!, severity: severity!, sheet: sheet!, forEach: {}, ...rest };
    }
    return row;
  });
  const rates = table('goals', GOAL_COLUMNS, ['rates']);

  // The definition's own order of fields, so a round trip gives the same JSON text.
  const { $schema, format, id, version, year, baselineYear, title, issuer, layout, bulletin, columns, ...other } = raw;
  const ordered: Record<string, Json> = {};
  const entries: [string, Json | undefined][] = [
    ['$schema', $schema],
    ['format', format],
    ['id', id],
    ['version', version],
    ['year', year],
    ['baselineYear', baselineYear],
    ['title', title],
    ['issuer', issuer],
    ['levels', levels],
    ['layout', layout],
    ['sheets', sheetsRows],
    ['indicators', indicators],
    ['rules', rules],
    ['rates', rates],
    ['bulletin', bulletin],
    ['columns', columns],
    ...Object.entries(other),
  ];
  for (const [k, v] of entries) if (v !== undefined) put(ordered, k, v);
  return { raw: ordered, cells, problems };
}

/** layout.columns[0].width → ['layout', 'columns', 0, 'width']; null for a name that is not such a path. */
function settingPath(name: string): Path | null {
  if (!/^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*|\[\d{1,4}\])*$/.test(name)) return null;
  return [...name.matchAll(/\$?[A-Za-z][A-Za-z0-9_]*|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
}

/** Put a value at a path of keys and indices, making objects and arrays on the way (own properties only). */
function setAt(root: Record<string, Json>, path: Path, v: Json): void {
  let at: Json = root;
  path.forEach((k, i) => {
    const last = i === path.length - 1;
    const container = at as Record<string | number, Json>;
    if (last) {
      Object.defineProperty(container, k, { value: v, enumerable: true, writable: true, configurable: true });
      return;
    }
    if (!Object.hasOwn(container, k) || container[k] === null || typeof container[k] !== 'object')
      Object.defineProperty(container, k, { value: typeof path[i + 1] === 'number' ? [] : {}, enumerable: true, writable: true, configurable: true });
    at = container[k]!;
  });
}

/** A definition from a workbook (rc-org survey import): the same checks as a JSON file, each problem at its cell. */
export async function surveyFromWorkbook(bytes: Uint8Array, file: string): Promise<LoadedSurvey & { json: string }> {
  // The checks every returned form gets before exceljs sees it: not a zip, an old format, a zip bomb, a sheet or
  // defined name that would make exceljs write onto Object.prototype.
  const problem = await inspectXlsx(bytes);
  if (problem) throw new SetupError([{ ...problem, file }]);
  const ExcelJSLib = (await import('exceljs')).default;
  const wb = new ExcelJSLib.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch {
    throw new SetupError([{ code: 'file-not-zip', params: {}, file }]);
  }
  const { raw, cells, problems } = readWorkbook(wb);
  if (problems.length > 0) throw new SetupError(problems.map((p) => ({ code: p.code, params: p.params, file: `${file}:${p.where}` })));
  /** The cell of a path, or of the nearest part above it that has one (a missing field: its row's first cell). */
  const locate = (path: readonly (string | number)[]): string | null => {
    for (let n = path.length; n >= 1; n--) {
      const where = cells.get(JSON.stringify(path.slice(0, n)));
      if (where) return where;
    }
    return 'settings';
  };
  const { survey, compiled } = surveyFrom(raw, file, locate);
  const json = JSON.stringify(raw, null, 2) + '\n';
  return { survey, compiled, source: file, sha256: createHash('sha256').update(json).digest('hex'), json };
}
