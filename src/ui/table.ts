import Table from 'cli-table3';

/** A plain cli-table3 table; colours are added by the caller only on a terminal. */
export function table(head: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]): string {
  // No rule between body rows: a 14-row table stays readable on one screen.
  const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const t = new Table({ head, chars: compact, style: { head: [], border: [] }, ...(align ? { colAligns: align } : {}) });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}
