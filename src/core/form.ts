import { ANNEX_TITLES, INDICATORS, SURVEY, labelOf, type Figures, FORM_LAYOUT, TEMPLATE_VERSION, itemRow, lastItemRow } from '../catalogue.js';
import { readIdentity, signatureStatus, type Identity } from '../identity.js';
import type { PlainWorkbook } from './plain.js';
import type { Registry } from '../registry/types.js';
import { checkEntries, type Entry } from './check.js';
import { finding, type Finding, type ReturnResult } from './finding.js';
import { address, identityPairs, indexSheet, locateTable, tableRange, type LocatedTable, type SheetIndex } from './locate.js';
import { readSummary } from './summary-read.js';
import { cellText, readCell } from './values.js';

// One returned workbook, already read into plain sheets, checked against the registry and the rules. Pure.

export interface FormContext {
  registry: Registry;
  /** Baseline 附件1 figures by branch code, when --baseline was given. */
  baseline: ReadonlyMap<string, Figures> | null;
  /** --sign-key: when given, every identity must carry a signature made with it. */
  signKey?: Uint8Array | null;
}

/** Where the template puts each table (A–E, item rows): what a moved table is compared with. */
const templateTableRange = (): string => `A${itemRow(1)}:${FORM_LAYOUT.lastColumn}${lastItemRow()}`;

export function tableEntries(idx: SheetIndex, t: LocatedTable): Entry[] {
  return INDICATORS.flatMap((i): Entry[] => {
    const row = t.rows[i.key];
    if (row === undefined) return [];
    return [
      {
        annex: t.annex,
        key: i.key,
        sheet: t.sheet,
        cell: address(t.valueCol, row),
        reading: readCell(idx.get(row, t.valueCol)),
        note: t.noteCol === null ? '' : cellText(idx.get(row, t.noteCol)),
      },
    ];
  });
}

export function checkIdentity(
  file: string,
  wb: PlainWorkbook,
  registry: Registry,
  signKey?: Uint8Array | null,
): { identity: Identity | null; findings: Finding[] } {
  const where = { file, sheet: null, cell: null, indicator: null };
  const pairs = identityPairs(wb);
  const id = readIdentity(pairs);
  if (id.status === 'missing') return { identity: null, findings: [finding('identity-missing', where)] };
  if (id.status === 'edited')
    return {
      identity: null,
      findings: [finding('identity-edited', { ...where, sheet: FORM_LAYOUT.identitySheet }, { detail: id.detail ? `：${id.detail}` : '' })],
    };
  if (signKey && pairs) {
    const signed = signatureStatus(pairs, id.identity, signKey);
    // An identity the key does not vouch for is not trusted at all: its figures are not read.
    if (signed !== 'ok')
      return {
        identity: null,
        findings: [finding(signed === 'unsigned' ? 'identity-unsigned' : 'identity-forged', { ...where, sheet: FORM_LAYOUT.identitySheet })],
      };
  }
  const org = registry.byCode.get(id.identity.code);
  if (!org) return { identity: id.identity, findings: [finding('identity-unknown', where, { code: id.identity.code, name: id.identity.name })] };
  const found = `${id.identity.code} ${id.identity.name} ${id.identity.level} ↑${id.identity.parent || '—'}`;
  const expected = `${org.code} ${org.name} ${org.level} ↑${org.parent ?? '—'}`;
  return { identity: id.identity, findings: found === expected ? [] : [finding('identity-mismatch', where, { found, expected })] };
}

export function checkWorkbook(file: string, sha256: string, wb: PlainWorkbook, ctx: FormContext): ReturnResult {
  const { identity, findings } = checkIdentity(file, wb, ctx.registry, ctx.signKey);
  const org = identity ? ctx.registry.byCode.get(identity.code) : undefined;
  const result: ReturnResult = {
    file,
    sha256,
    kind: identity?.kind === 'summary' ? 'summary' : 'form',
    org: org ? { code: org.code, name: org.name, level: org.level } : null,
    year: identity?.year ?? null,
    ...(identity ? { baselineYear: identity.baselineYear } : {}),
    findings,
    figures: null,
  };
  if (!org || !identity) return result;
  // A form of another version of the template may have its rows elsewhere: its figures are not read, and the
  // branch is sent the current form (feedback), as for a form of another year.
  const other = { file, sheet: FORM_LAYOUT.identitySheet, cell: null, indicator: null };
  // A form of another survey (another province's, or a definition with the same version by chance) is not this form.
  if (identity.survey !== undefined && identity.survey !== SURVEY.survey.id) {
    result.findings.push(finding('identity-other-survey', other, { found: identity.survey, expected: SURVEY.survey.id, title: SURVEY.survey.title.zh }));
    return result;
  }
  if (identity.templateVersion !== TEMPLATE_VERSION) {
    result.findings.push(finding('identity-other-template', other, { found: identity.templateVersion, expected: TEMPLATE_VERSION }));
    return result;
  }
  if (identity.kind === 'summary') {
    const summary = readSummary(file, wb, identity, ctx.registry);
    result.findings.push(...summary.findings);
    result.parts = summary.parts;
    if (summary.statuses) result.statuses = summary.statuses;
    return result;
  }

  const tables = readTables(file, wb);
  result.findings.push(...tables.findings);
  if (tables.notes) result.notes = tables.notes;
  const checked = checkEntries(
    tables.entries,
    { file, level: org.level, baseline: ctx.baseline?.get(org.code) ?? null, baselineYear: identity.baselineYear },
    tables.missing,
  );
  result.findings.push(...checked.findings);
  result.findings.sort(byPlace(wb.sheets.map((s) => s.name)));
  result.figures = checked.figures;
  if (Object.keys(tables.cells).length > 0) result.cells = tables.cells;
  return result;
}

/** What the two annex tables hold, as found: the entries to check, and what is missing or moved. */
interface TablesRead {
  entries: Entry[];
  /** `annex.key` of every row not found (its sheet or its label missing): reported here, not again as blank. */
  missing: Set<string>;
  findings: Finding[];
  /** Where the figures of a moved table sat. */
  cells: NonNullable<ReturnResult['cells']>;
  notes?: NonNullable<ReturnResult['notes']>;
}

/** Locate each annex's table by its labels and read its rows. */
function readTables(file: string, wb: PlainWorkbook): TablesRead {
  const sheets = wb.sheets.map(indexSheet);
  const read: TablesRead = { entries: [], missing: new Set<string>(), findings: [], cells: {} };
  for (const annex of ['annex1', 'annex2'] as const) {
    const t = locateTable(sheets, annex);
    if (!t) {
      read.findings.push(
        finding('sheet-missing', { file, sheet: null, cell: null, indicator: null }, { annex: ANNEX_TITLES[annex].label, title: ANNEX_TITLES[annex].title }),
      );
      INDICATORS.forEach((i) => read.missing.add(`${annex}.${i.key}`));
      continue;
    }
    const idx = sheets.find((s) => s.sheet.name === t.sheet)!;
    read.findings.push(...placeFindings(file, t, read.missing));
    const es = tableEntries(idx, t);
    // Where the table sits as issued, its cells follow from the layout; only a moved one is recorded.
    if (t.moved) read.cells[annex] = Object.fromEntries(es.map((e) => [e.key, `${e.sheet}!${e.cell}`]));
    const noted = es.filter((e) => e.note !== '');
    if (noted.length > 0) (read.notes ??= {})[annex] = Object.fromEntries(noted.map((e) => [e.key, e.note]));
    read.entries.push(...es);
  }
  return read;
}

/** A table found away from where it was issued, and each of its rows whose label is gone (added to `missing`). */
function placeFindings(file: string, t: LocatedTable, missing: Set<string>): Finding[] {
  const findings: Finding[] = [];
  const { annex } = t;
  if (t.moved) {
    findings.push(
      finding(
        'table-moved',
        { file, sheet: t.sheet, cell: null, indicator: null },
        {
          annex: ANNEX_TITLES[annex].label,
          sheet: t.sheet,
          range: tableRange(t),
          expectedSheet: ANNEX_TITLES[annex].label,
          expectedRange: templateTableRange(),
        },
      ),
    );
  }
  for (const i of INDICATORS) {
    if (t.rows[i.key] === undefined) {
      missing.add(`${annex}.${i.key}`);
      findings.push(finding('row-missing', { file, sheet: t.sheet, cell: null, indicator: i.key }, { no: i.no, label: labelOf(i, annex) }));
    }
  }
  return findings;
}

const cellOrder = (cell: string | null): [number, string] => {
  const m = cell ? /^([A-Z]+)(\d+)$/.exec(cell) : null;
  return m ? [Number(m[2]), m[1]!.padStart(3, ' ')] : [0, ''];
};

/** File-level findings first, then in sheet order, then row by row. */
export function byPlace(sheetOrder: readonly string[]) {
  return (a: Finding, b: Finding): number => {
    const sa = a.sheet === null ? -1 : sheetOrder.indexOf(a.sheet);
    const sb = b.sheet === null ? -1 : sheetOrder.indexOf(b.sheet);
    if (sa !== sb) return sa - sb;
    const [ra, ca] = cellOrder(a.cell);
    const [rb, cb] = cellOrder(b.cell);
    return ra - rb || ca.localeCompare(cb);
  };
}
