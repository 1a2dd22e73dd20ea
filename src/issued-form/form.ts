import type ExcelJS from 'exceljs';
import { ANNEXES, appliesTo, levelWord, SURVEY, type Annex, TEMPLATE_VERSION } from '../catalogue.js';
import { identityRows, type Identity } from '../identity.js';
import type { Org } from '../registry/types.js';
import { cleanWorkbook, fileNamePart } from '../text-safety.js';
import { addAnnexSheet, addIdentitySheet } from './annex-sheet.js';

export type ExcelJSModule = typeof ExcelJS;

export async function loadExcelJS(): Promise<ExcelJSModule> {
  return (await import('exceljs')).default;
}

export interface FormSpec {
  org: Org;
  year: number;
  baselineYear: number;
  /** Pre-filled figures (the example data and tests use this; blank forms leave it out). */
  values?: Partial<Record<Annex, Partial<Record<string, number | null>>>>;
  notes?: Partial<Record<Annex, Partial<Record<string, string>>>>;
  /** template --sign-key: the province's key; the identity then carries an HMAC-SHA-256 signature. */
  signKey?: Uint8Array | null;
}

export function formIdentity(spec: FormSpec): Identity {
  return {
    format: 'rc-org/1',
    kind: 'form',
    code: spec.org.code,
    name: spec.org.name,
    level: spec.org.level,
    parent: spec.org.parent ?? '',
    year: spec.year,
    baselineYear: spec.baselineYear,
    templateVersion: TEMPLATE_VERSION,
    survey: SURVEY.survey.id,
  };
}

export { safeFileName } from '../text-safety.js';

/** A file rc-org writes for one branch: year, code, name, what it is — the name cut to fit, the code kept whole. */
export const branchFileName = (year: number, org: Pick<Org, 'code' | 'name'>, what: string): string =>
  fileNamePart(`${year}_${org.code}_`, org.name, `_${what}`);

export const formFileName = (year: number, org: Pick<Org, 'code' | 'name'>): string => branchFileName(year, org, `${SURVEY.survey.title.zh}.xlsx`);

/** The issued workbook for one branch: 附件1, 附件2 and the hidden identity, all protected without a password. */
export async function buildFormWorkbook(ExcelJSLib: ExcelJSModule, spec: FormSpec): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJSLib.Workbook();
  wb.creator = 'rc-org';
  wb.title = `${spec.year} ${spec.org.fullName} ${SURVEY.survey.title.zh}`;
  const levelZh = levelWord(spec.org.level, 'zh');
  const sheets = ANNEXES.map((annex) =>
    addAnnexSheet(wb, {
      annex,
      heading: `填报单位：${spec.org.fullName}（代码 ${spec.org.code}，${levelZh}）    统计年度：${spec.year} 年${annex === 'annex2' ? `    基准年：${spec.baselineYear} 年` : ''}`,
      baselineYear: spec.baselineYear,
      applies: (ind) => appliesTo(ind, spec.org.level),
      mode: 'input',
      values: spec.values?.[annex],
      notes: spec.notes?.[annex],
    }),
  );
  const idSheet = addIdentitySheet(wb, identityRows(formIdentity(spec), spec.signKey));
  // No password: nobody can be locked out, and exceljs's password hashing costs ~0.6 s a sheet.
  const options = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };
  for (const ws of [...sheets, idSheet]) await ws.protect('', options);
  cleanWorkbook(wb);
  return wb;
}
