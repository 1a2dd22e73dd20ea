import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { RATE_KEYS, RATE_LABELS, formatNumber, formatPercent } from '../core/rates.js';
import type { ReportModel, UnitModel } from './model.js';
import { areaWord, letterText, listLine, provinceParagraph, ruleText } from './words.js';

// 工作通报（草稿）.docx: the bulletin as the office edits it in WPS or Word before it is issued. Plain paragraph
// formatting only (fonts, sizes, indents), which WPS renders as Word does; A4 with 公文-like margins.

// Word has no font stack: each run names the East Asian font and the Latin one; WPS/Word substitute a missing
// 仿宋/宋体/黑体 with the nearest installed CJK font.
const FONTS = {
  body: { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' },
  title: { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' },
  heading: { eastAsia: '黑体', ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial' },
};
const PT = (n: number): number => n * 2; // docx sizes are half-points
/** A first-line indent of two 16 pt characters (32 pt = 640 twips), as 公文 paragraphs have. */
const TWO_CHARS = 640;
/** 28 pt exact line spacing, in twips. */
const LINE = 560;

const body = (text: string, opts: { indent?: boolean; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: TWO_CHARS },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: FONTS.body, size: PT(16), bold: opts.bold })],
  });

const heading = (text: string): Paragraph =>
  new Paragraph({
    indent: { firstLine: TWO_CHARS },
    spacing: { before: 120, line: LINE, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: FONTS.heading, size: PT(16) })],
  });

/** A table cell of one or more centred lines (a rate over its fraction keeps the columns narrow). */
const cellText = (text: string, bold = false, ...more: string[]): TableCell =>
  new TableCell({
    children: [text, ...more].map(
      (t) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t, font: FONTS.body, size: PT(10.5), bold })] }),
    ),
  });

function ratesTable(m: ReportModel): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const header = new TableRow({
    tableHeader: true,
    children: [cellText('单位', true), cellText('已报/应报', true), ...RATE_KEYS.map((k) => cellText(RATE_LABELS[k].zh, true))],
  });
  const row = (u: UnitModel, name: string): TableRow =>
    new TableRow({
      children: [
        cellText(u.complete ? name : `${name}※`),
        cellText(`${u.returned}/${u.expected}`),
        ...RATE_KEYS.map((k) =>
          u.rates[k].value === null
            ? cellText('—')
            : cellText(formatPercent(u.rates[k].value), false, `（${formatNumber(u.rates[k].num)}/${formatNumber(u.rates[k].den)}）`),
        ),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...m.units.map((u) => row(u, u.name)), row(m.province, areaWord(m))],
  });
}

export function bulletinDocument(m: ReportModel): Document {
  const byCode = new Map(m.units.map((u) => [u.code, u]));
  const p = m.province;
  const goalsLine = RATE_KEYS.filter((k) => p.rates[k].value !== null)
    .map((k) => `${RATE_LABELS[k].zh} ${formatPercent(p.rates[k].value)}`)
    .join('，');
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: m.title, font: FONTS.title, size: PT(22), bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: m.date, font: FONTS.body, size: PT(16) })] }),
    body(`按照组织体系建设工作方案的部署，现将 ${m.year} 年度组织体系建设统计汇总情况通报如下。`),
    heading('一、总体情况'),
    body(provinceParagraph(m)),
    heading('二、对照工作目标'),
    body(
      goalsLine
        ? `${areaWord(m)}${goalsLine}。各单位情况见下表（※ 表示报表未报齐，比率仅依据已报送单位；“—”表示无可计算的单位）。`
        : '本年度尚无可计算的比率。',
    ),
    ratesTable(m),
    heading('三、表扬'),
    ...(m.praise.length ? m.praise.map((e, i) => body(`${i + 1}. ${listLine(e, m)}`)) : [body('本期没有单位符合表扬规则。')]),
    heading('四、提醒'),
    ...(m.remind.length ? m.remind.map((e, i) => body(`${i + 1}. ${listLine(e, m)}`)) : [body('本期没有单位需要提醒。')]),
    body('希望受到表扬的单位再接再厉；受到提醒的单位对照工作方案查找差距，按提示函要求抓好整改落实。'),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 400 },
      children: [new TextRun({ text: `${m.rootName}红十字会`, font: FONTS.body, size: PT(16) })],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: m.date, font: FONTS.body, size: PT(16) })] }),
  ];
  if (m.remind.length > 0) {
    children.push(new Paragraph({ children: [new PageBreak()] }), heading('附件：提示函（草稿）'));
    for (const e of m.remind) {
      const l = letterText(e, byCode.get(e.code)!, m);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 300, after: 120 },
          children: [new TextRun({ text: '提示函', font: FONTS.title, size: PT(18), bold: true })],
        }),
        body(`${l.to}：`, { indent: false }),
        ...l.body.map((t) => body(t)),
        body(`（依据：${e.hits.map((h) => ruleText(h, m, m.rules)).join('')}）`),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [new TextRun({ text: `${m.rootName}红十字会  ${m.date}`, font: FONTS.body, size: PT(16) })],
        }),
      );
    }
  }
  return new Document({
    creator: 'rc-org report',
    title: m.title,
    description: `${m.year} 年度组织体系建设工作通报（草稿），由 rc-org 根据汇总结果生成`,
    styles: { default: { document: { run: { font: FONTS.body, size: PT(16) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        children,
      },
    ],
  });
}

export async function docxBytes(m: ReportModel): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(bulletinDocument(m)));
}
