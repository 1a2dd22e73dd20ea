// A made-up national registry for the benchmark: a national root, ~31 provinces and county-level branches under
// them, with codes that cannot be mistaken for GB/T 2260 ones (they start with letters).
//
// The registry model has three ranks (province > city/special > county) and one root, so the national picture is
// mapped onto it: the national society is the root (level `province`), the 31 provinces sit at the `city` rank and
// the county-level branches under them. For reading and checking, every form costs the same whatever its level.

export const PROVINCES = 31;

/** `n` branches in all: 1 root + min(31, n-1) provinces + the rest as counties, spread evenly. */
export function makeRegistryRows(n) {
  if (n < 3) throw new Error('BENCH_N must be at least 3');
  const provinces = Math.min(PROVINCES, n - 2);
  const counties = n - 1 - provinces;
  const rows = [{ code: 'ZN0000', name: '模拟总会', level: 'province', parent: '' }];
  const pcode = (p) => `ZP${String(p + 1).padStart(2, '0')}`;
  for (let p = 0; p < provinces; p++) rows.push({ code: pcode(p), name: `模拟第${String(p + 1).padStart(2, '0')}省`, level: 'city', parent: 'ZN0000' });
  for (let c = 0; c < counties; c++) {
    const p = c % provinces;
    rows.push({ code: `${pcode(p)}K${String(c + 1).padStart(5, '0')}`, name: `模拟${String(c + 1).padStart(5, '0')}县`, level: 'county', parent: pcode(p) });
  }
  return rows;
}

export function registryCsv(rows) {
  return '\ufeffcode,name,level,parent\n' + rows.map((r) => [r.code, r.name, r.level, r.parent].join(',')).join('\n') + '\n';
}
