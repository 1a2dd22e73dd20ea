import Table from 'cli-table3';

/** A plain cli-table3 table; colours are added by the caller only on a terminal. */
export function table(head: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]): string {
  const t = new Table({ head, style: { head: [], border: [] }, ...(align ? { colAligns: align } : {}) });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}
