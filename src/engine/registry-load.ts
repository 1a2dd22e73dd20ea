import { resolve } from 'node:path';
import { readSetupTable } from '../io/setup-file.js';
import { SetupError } from '../messages.js';
import { defaultRegistry } from '../registry/default.js';
import { buildRegistry } from '../registry/build.js';
import { findColumn, type PlainTable } from '../core/plain.js';
import type { Registry } from '../registry/types.js';

/** Load the registry from --orgs FILE (CSV or xlsx), or the built-in one. Throws SetupError (exit 2). */
export async function loadRegistry(file: string | undefined, cwd: string): Promise<Registry> {
  if (!file) return defaultRegistry();
  const path = resolve(cwd, file);
  return registryFromTable(await readSetupTable({ abs: path, shown: file, what: 'registry' }), file, path);
}

// Accepted headers for each registry column, English and Chinese.
export const REGISTRY_COLUMNS = {
  code: ['code', '代码', '单位代码', '编码', '行政区划代码', '区划代码'],
  name: ['name', '名称', '单位名称', '单位', '机构名称'],
  level: ['level', '级别', '层级', '单位级别'],
  parent: ['parent', '上级代码', '上级', '上级单位代码', '上级编码', 'parent_code', 'parentCode'],
} as const;

// Optional contact columns (rc-org feedback puts them on the chase list), English and Chinese.
export const REGISTRY_CONTACT_COLUMNS = {
  person: ['contact', 'contact person', '联系人', '联系人姓名', '负责人'],
  phone: ['phone', 'telephone', 'tel', 'mobile', '电话', '联系电话', '手机', '手机号', '手机号码', '办公电话'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '电子邮件', '邮件'],
} as const;

/**
 * The registry a table holds (an --orgs file, read by loadRegistry above): its columns found by their
 * headers, its rows built and checked. `file` is the name problems are said against. Throws SetupError (exit 2).
 */
export function registryFromTable(table: PlainTable, file: string, path: string): Registry {
  const cols = Object.fromEntries(Object.entries(REGISTRY_COLUMNS).map(([k, names]) => [k, findColumn(table.header, names)])) as Record<
    keyof typeof REGISTRY_COLUMNS,
    number
  >;
  const missing = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => cols[k] < 0);
  if (missing.length > 0) {
    throw new SetupError(
      missing.map((k) => ({
        code: 'registry-missing-column' as const,
        params: { column: k, names: REGISTRY_COLUMNS[k].join(' / ') },
        file,
        line: table.headerLine,
      })),
    );
  }
  const cell = (cells: string[], i: number): string => cells[i] ?? '';
  const contactCols = Object.fromEntries(Object.entries(REGISTRY_CONTACT_COLUMNS).map(([k, names]) => [k, findColumn(table.header, names)])) as Record<
    keyof typeof REGISTRY_CONTACT_COLUMNS,
    number
  >;
  const hasContacts = Object.values(contactCols).some((i) => i >= 0);
  const built = buildRegistry(
    table.rows.map((r) => ({
      line: r.line,
      code: cell(r.cells, cols.code),
      name: cell(r.cells, cols.name),
      level: cell(r.cells, cols.level),
      parent: cell(r.cells, cols.parent),
      ...(hasContacts
        ? { contact: { person: cell(r.cells, contactCols.person), phone: cell(r.cells, contactCols.phone), email: cell(r.cells, contactCols.email) } }
        : {}),
    })),
    path,
  );
  if ('problems' in built) throw new SetupError(built.problems.map((p) => ({ ...p, file })));
  return built.registry;
}
