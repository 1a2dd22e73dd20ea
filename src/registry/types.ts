import type { Level } from '../catalogue.js';

/** A branch as the registry lists it; `parent` is null for the root. */
export interface OrgRow {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
}

/** Who to call about a branch: the registry's optional 联系人 / 电话 / 邮箱 columns (rc-org feedback). */
export interface OrgContact {
  readonly person: string;
  readonly phone: string;
  readonly email: string;
}

export interface Org extends OrgRow {
  /** The name printed on forms, e.g. 长春市南关区红十字会. */
  readonly fullName: string;
  /** Present when the registry file has contact columns and this row fills at least one. */
  readonly contact?: OrgContact;
  readonly children: readonly string[];
  readonly depth: number;
}

export interface Registry {
  readonly root: Org;
  /** Every branch, in tree order (parent before children, registry order among siblings). */
  readonly orgs: readonly Org[];
  readonly byCode: ReadonlyMap<string, Org>;
  /** Where it came from: 'built-in' or a file path. */
  readonly source: string;
  /** Whether the registry file has any contact column (联系人 / 电话 / 邮箱), filled or not. */
  readonly hasContacts?: boolean;
}
