import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
  type IParagraphStyleOptions,
} from 'docx';
import { rateKeys, formatNumber, formatPercent, isFact, type UnitRate } from '../core/rates.js';
import type { ReportModel, UnitModel } from './model.js';
import { pageText } from '../text-safety.js';
import { officialOf, type OfficialHeader } from './official.js';
import { rateLabels, areaWord, goalsParagraph, letterText, listLine, provinceParagraph } from './words.js';

// 工作通报（草稿）.docx: the bulletin as a 公文 draft (GB/T 9704-2012) that the office finishes in WPS or Word and
// issues. Formatting lives in named paragraph styles (公文标题, 公文正文, 一级标题 …) so that an edit in WPS keeps the
// look; the text itself comes from the model and words.ts, shared with the page. The document stays Chinese whatever
// --lang says: it is the official document.

/** Font names with their stand-ins: Word and WPS substitute a missing font by the w:altName of the font table. */
const FONT_TABLE: { name: string; alt: string; family: 'roman' | 'modern' | 'swiss'; pitch: 'fixed' | 'variable' }[] = [
  { name: '仿宋_GB2312', alt: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', alt: 'FangSong', family: 'modern', pitch: 'fixed' },
  { name: '楷体_GB2312', alt: '楷体', family: 'modern', pitch: 'fixed' },
  { name: '楷体', alt: 'KaiTi', family: 'modern', pitch: 'fixed' },
  { name: '黑体', alt: 'SimHei', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', alt: '宋体', family: 'roman', pitch: 'variable' },
  { name: '宋体', alt: 'SimSun', family: 'roman', pitch: 'variable' },
];

/** One face for every script of a run: 公文 numerals are set in the body face too. */
const face = (name: string) => ({ eastAsia: name, ascii: name, hAnsi: name, cs: name, hint: 'eastAsia' });
const FONTS = {
  body: face('仿宋_GB2312'),
  kai: face('楷体_GB2312'),
  hei: face('黑体'),
  title: face('方正小标宋简体'),
  song: face('宋体'),
};

const half = (pt: number): number => pt * 2; // docx sizes are half-points
/** 3号 */
const BODY_PT = 16;
/** 2号 */
const TITLE_PT = 22;
/** 4号, the page numbers */
const FOLIO_PT = 14;
/** One body character (16 pt) in twips: indents are counted in characters. */
const CHAR = 320;
/** 22 lines in the 225 mm type area: 28.95 pt exact, in twips. */
const LINE = 579;

export const STYLE_IDS = {
  title: 'GwTitle',
  docNumber: 'GwDocNumber',
  to: 'GwTo',
  body: 'GwBody',
  heading1: 'GwHeading1',
  heading2: 'GwHeading2',
  annexNote: 'GwAnnexNote',
  signer: 'GwSigner',
  date: 'GwDate',
  annexLabel: 'GwAnnexLabel',
  table: 'GwTable',
  tableNote: 'GwTableNote',
  folio: 'GwFolio',
} as const;

const exact = (line = LINE) => ({ line, lineRule: LineRuleType.EXACT });

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE_IDS.body,
    name: '公文正文',
    basedOn: 'Normal',
    quickFormat: true,
    run: { font: FONTS.body, size: half(BODY_PT) },
    paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, spacing: exact() },
  },
  {
    id: STYLE_IDS.title,
    name: '公文标题',
    basedOn: 'Normal',
    next: STYLE_IDS.to,
    quickFormat: true,
    // 小标宋 where the office has it; the font table sends Word/WPS to 宋体 otherwise, and bold keeps 宋体 a title.
    run: { font: FONTS.title, size: half(TITLE_PT), bold: true },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(700), after: LINE }, keepNext: true, keepLines: true },
  },
  {
    id: STYLE_IDS.docNumber,
    name: '发文字号',
    basedOn: STYLE_IDS.body,
    paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { ...exact(), after: 2 * LINE }, keepNext: true },
  },
  {
    id: STYLE_IDS.to,
    name: '主送机关',
    basedOn: STYLE_IDS.body,
    next: STYLE_IDS.body,
    paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, keepNext: true },
  },
  {
    id: STYLE_IDS.heading1,
    name: '一级标题',
    basedOn: STYLE_IDS.body,
    next: STYLE_IDS.body,
    quickFormat: true,
    run: { font: FONTS.hei },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 0 },
  },
  {
    id: STYLE_IDS.heading2,
    name: '二级标题',
    basedOn: STYLE_IDS.body,
    next: STYLE_IDS.body,
    quickFormat: true,
    run: { font: FONTS.kai },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 1 },
  },
  {
    id: STYLE_IDS.annexNote,
    name: '附件说明',
    basedOn: STYLE_IDS.body,
    paragraph: { alignment: AlignmentType.LEFT, keepLines: true },
  },
  {
    id: STYLE_IDS.signer,
    name: '发文机关署名',
    basedOn: STYLE_IDS.body,
    next: STYLE_IDS.date,
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0 }, spacing: { ...exact(), before: 2 * LINE }, keepNext: true, keepLines: true },
  },
  {
    id: STYLE_IDS.date,
    name: '成文日期',
    basedOn: STYLE_IDS.body,
    paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: 4 * CHAR }, keepLines: true },
  },
  {
    id: STYLE_IDS.annexLabel,
    name: '附件标识',
    basedOn: STYLE_IDS.body,
    run: { font: FONTS.hei },
    paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, keepNext: true },
  },
  {
    id: STYLE_IDS.table,
    name: '表格文字',
    basedOn: 'Normal',
    // 五号 in the table: seven columns of 3号 would not fit the 156 mm type area.
    run: { font: FONTS.body, size: half(10.5) },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO } },
  },
  {
    id: STYLE_IDS.tableNote,
    name: '表注',
    basedOn: STYLE_IDS.table,
    run: { size: half(12) },
    paragraph: { alignment: AlignmentType.LEFT, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 60, after: 120 }, keepLines: true },
  },
  {
    id: STYLE_IDS.folio,
    name: '页码',
    basedOn: 'Normal',
    run: { font: FONTS.song, size: half(FOLIO_PT) },
  },
];

type Para = Paragraph | Table;
const para = (style: string, text: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph =>
  new Paragraph({ style, widowControl: true, children: [new TextRun(pageText(text))], ...extra });

/** Width of a line of text in body characters: a Chinese character is one, a half-width digit or letter half. */
const widthInChars = (text: string): number => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

/**
 * 落款: the date 右空四字, the issuing body centred over the date (GB/T 9704-2012 7.3.5.1). Right indents, in twips.
 * `keepWithNext` ties the signature to what precedes it, so that it never stands alone on a page.
 */
function signature(h: Pick<OfficialHeader, 'issuer' | 'date'>): Paragraph[] {
  const dateWidth = widthInChars(h.date);
  const signerRight = Math.max(0, 4 + (dateWidth - widthInChars(h.issuer)) / 2);
  return [para(STYLE_IDS.signer, h.issuer, { indent: { right: Math.round(signerRight * CHAR) } }), para(STYLE_IDS.date, h.date)];
}

/** A rate in a table cell: the per cent over its fraction; one unit's yes/no indicator is a fact, 是 or 否. */
function rateLines(r: UnitRate): string[] {
  if (r.value === null) return ['—'];
  if (isFact(r)) return [r.num >= 1 ? '是' : '否'];
  return [formatPercent(r.value), `（${formatNumber(r.num)}/${formatNumber(r.den)}）`];
}

const cell = (lines: string[], bold = false): TableCell =>
  new TableCell({
    children: lines.map((t) => new Paragraph({ style: STYLE_IDS.table, children: [new TextRun({ text: pageText(t), bold })] })),
  });

/** Column widths in twips, adding up to the 156 mm type area (8,844): the rates share what the first two leave. */
const columnWidths = (): number[] => {
  const n = Math.max(1, rateKeys().length);
  return [1500, 1044, ...Array<number>(n).fill(Math.floor(6300 / n))];
};

function ratesTable(m: ReportModel): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  // Rows never split and each keeps with the next: the table stays whole and with its note below.
  const rowOpts = { cantSplit: true, keepNext: true };
  const header = new TableRow({
    ...rowOpts,
    tableHeader: true,
    children: [cell(['单位'], true), cell(['已报/应报'], true), ...rateKeys().map((k) => cell([rateLabels()[k]!.zh], true))],
  });
  const row = (u: UnitModel, name: string): TableRow =>
    new TableRow({
      ...rowOpts,
      children: [cell([u.complete ? name : `${name}※`]), cell([`${u.returned}/${u.expected}`]), ...rateKeys().map((k) => cell(rateLines(u.rates[k]!)))],
    });
  const widths = columnWidths();
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...m.units.map((u) => row(u, u.name)), row(m.province, areaWord(m))],
  });
}

/** A 2号 line holds 20 characters of the 156 mm type area. */
const TITLE_LINE_CHARS = 20;

/**
 * The title, on two lines where it is too long for one, broken where the words break (发文机关 + 关于…年度 over
 * the matter and 文种) rather than wherever the line happens to end.
 */
function titleParagraph(title: string): Paragraph {
  const at = title.search(/(?<=年度)(?=\S)/u);
  if (widthInChars(title) <= TITLE_LINE_CHARS || at <= 0 || widthInChars(title.slice(0, at)) > TITLE_LINE_CHARS) return para(STYLE_IDS.title, title);
  return new Paragraph({
    style: STYLE_IDS.title,
    children: [new TextRun(pageText(title.slice(0, at))), new TextRun({ text: pageText(title.slice(at)), break: 1 })],
  });
}

/** The 提示函 as 附件, in the order of the 提醒 list. */
function letters(m: ReportModel): { name: string; to: string; body: string[] }[] {
  const byCode = new Map(m.units.map((u) => [u.code, u]));
  return m.remind.flatMap((e) => {
    const unit = byCode.get(e.code);
    if (!unit) return [];
    const l = letterText(e, unit, m);
    return [{ name: `致${l.to}的提示函`, to: l.to, body: l.body }];
  });
}

/**
 * 附件说明, one line under the body: "附件：1. …", later items under the first one's number (左空二字, then 附件：).
 * Its first line keeps with the body before it and its last three with the 落款 (a page never holds the signature
 * with less than three lines above it); a long list may break in between.
 */
function annexNote(names: string[]): Paragraph[] {
  const keep = (i: number): boolean => i === 0 || i >= names.length - 3;
  const first = { spacing: { before: LINE }, keepNext: true };
  if (names.length === 1) return [para(STYLE_IDS.annexNote, `附件：${names[0]}`, first)];
  return names.map((n, i) =>
    i === 0
      ? para(STYLE_IDS.annexNote, `附件：${i + 1}. ${n}`, first)
      : para(STYLE_IDS.annexNote, `${i + 1}. ${n}`, { indent: { left: 5 * CHAR, firstLine: 0 }, keepNext: keep(i) }),
  );
}

/** A numbered list; `keepLast` ties its last item to what follows (the closing lines and the 落款). */
function numbered(entries: ReportModel['praise'], m: ReportModel, none: string, keepLast = false): Paragraph[] {
  const lines = entries.length ? entries.map((e, i) => `${i + 1}. ${listLine(e, m)}`) : [none];
  return lines.map((t, i) => (keepLast && i === lines.length - 1 ? keepWithNext(t) : para(STYLE_IDS.body, t)));
}

/** Keep a paragraph with the one after it (the closing lines with the 落款). */
const keepWithNext = (p: string, style: string = STYLE_IDS.body): Paragraph => para(style, p, { keepNext: true, keepLines: true });

export function bulletinDocument(m: ReportModel): Document {
  const h = officialOf(m);
  const area = areaWord(m);
  const rated = rateKeys().some((k) => m.province.rates[k]!.value !== null);
  const annexes = letters(m);
  const closing = '希望受到表扬的单位再接再厉；受到提醒的单位对照工作方案查找差距，按提示函要求抓好整改落实。';
  // 表扬, 提醒, and the decreases explained in the 说明 column (acknowledged, not reminded) when there are any.
  const lists: [string, ReportModel['praise'], string | null][] = [
    ['（一）表扬', m.praise, '本期没有单位符合表扬条件。'],
    ['（二）提醒', m.remind, '本期没有单位需要提醒。'],
    ...(m.noted.length ? [['（三）已说明的减少', m.noted, null] as [string, ReportModel['praise'], string | null]] : []),
  ];

  const children: Para[] = [
    para(STYLE_IDS.docNumber, h.docNumber),
    titleParagraph(h.title),
    para(STYLE_IDS.to, h.to),
    para(STYLE_IDS.body, `按照组织体系建设工作方案的部署，现将${m.year}年度${area}组织体系建设统计汇总情况通报如下：`),
    para(STYLE_IDS.heading1, '一、总体情况'),
    para(STYLE_IDS.body, provinceParagraph(m)),
    para(STYLE_IDS.heading1, '二、对照工作目标'),
    rated ? keepWithNext(`${goalsParagraph(m)}各单位情况见下表。`) : para(STYLE_IDS.body, goalsParagraph(m)),
    ...(rated
      ? [ratesTable(m), para(STYLE_IDS.tableNote, '注：※表示报表未报齐，比率仅依据已报送单位；“—”表示无可计算的单位；只涉及一个单位的项目写“是”或“否”。')]
      : []),
    para(STYLE_IDS.heading1, '三、表扬与提醒'),
    // The last item of the last list, the closing paragraph and the 附件说明 keep with the 落款: should the end of the
    // bulletin not fit, what goes over to the next page is text with the signature, never the signature alone.
    ...lists.flatMap(([heading, entries, none], i) => [para(STYLE_IDS.heading2, heading), ...numbered(entries, m, none ?? '', i === lists.length - 1)]),
    keepWithNext(closing),
    ...annexNote(annexes.map((a) => a.name)),
    ...signature(h),
  ];
  annexes.forEach((a, i) => {
    children.push(
      // 附件另面编排: each letter starts a page of its own.
      para(STYLE_IDS.annexLabel, annexes.length === 1 ? '附件' : `附件${i + 1}`, { pageBreakBefore: true }),
      para(STYLE_IDS.title, '提示函', { spacing: { before: LINE, after: LINE } }),
      para(STYLE_IDS.to, `${a.to}：`),
      // As in the bulletin: a letter that runs over a page carries its last two paragraphs over with the 落款.
      ...a.body.map((t, j) => (j >= a.body.length - 2 ? keepWithNext(t) : para(STYLE_IDS.body, t))),
      ...signature(h),
    );
  });

  return new Document({
    creator: pageText(h.issuer),
    lastModifiedBy: h.issuer,
    title: pageText(h.title),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: FONTS.body, size: half(BODY_PT) }, paragraph: { spacing: exact() } },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            // 天头 37 mm, 订口 28 mm: the 156 × 225 mm type area of GB/T 9704 on A4.
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              header: convertMillimetersToTwip(15),
              // The page number's line sits 7 mm under the type area.
              footer: convertMillimetersToTwip(23),
            },
          },
        },
        footers: { default: folio('right'), even: folio('left') },
        children,
      },
    ],
  });
}

/** "— 1 —" in 4号 半角 numerals: odd pages on the right, even pages on the left, one character in from the edge. */
function folio(side: 'left' | 'right'): Footer {
  const indent = side === 'right' ? { right: 280 } : { left: 280 };
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE_IDS.folio,
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** word/fontTable.xml naming every face with its stand-in (docx writes an empty one). */
function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.alt)}"/><w:charset w:val="86"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

export async function docxBytes(m: ReportModel): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(bulletinDocument(m), false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]));
}
