import { createRequire } from 'node:module';

// exceljs 4.4.0 crashes on a workbook whose cell notes are stored where openpyxl and some other programs put
// them (xl/comments/comment1.xml, an absolute relationship target): it finds the relationship but not the part,
// and reads `.comments` of undefined (exceljs issue #2797). rc-org never needs the notes of a returned form — and
// its own correction forms carry notes that a branch may save through such a program — so a note exceljs could
// not find is read as no note. Applied once per process (each reading worker calls it).

type Reconcile = (model: unknown, options: Record<string, unknown>) => unknown;
let patched = false;

const orEmpty = (parts: unknown): Record<string, unknown> =>
  new Proxy((parts ?? {}) as Record<string, unknown>, { get: (t, k) => (typeof k === 'string' && !(k in t) ? { comments: [] } : t[k as string]) });

export function tolerateMisplacedNotes(): void {
  if (patched) return;
  patched = true;
  const require = createRequire(import.meta.url);
  const WorkSheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js') as { prototype: { reconcile: Reconcile } };
  const original = WorkSheetXform.prototype.reconcile;
  WorkSheetXform.prototype.reconcile = function (this: unknown, model, options) {
    if (options) {
      options.comments = orEmpty(options.comments);
      options.vmlDrawings = orEmpty(options.vmlDrawings);
    }
    return original.call(this, model, options);
  };
}
