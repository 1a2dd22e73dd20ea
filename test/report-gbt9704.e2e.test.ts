// The bulletin's .docx against GB/T 9704-2012 (DOMAIN.md §11), on the returns of fixtures/bulletin-2021 merged by
// the built CLI twice: as the province (the other cities sent nothing), with 发文字号 and 成文日期 given, and as
// 长春市's own clerk (--under 220100) with neither. From word/document.xml and styles: A4, 天头 37 mm and
// 订口 28 mm (± 1 mm), the 156 × 225 mm type area, title 2号 (22 pt) 小标宋, body 3号 (16 pt) 仿宋, headings
// 黑体 / 楷体, "— 1 —" folios, the title, 发文字号, 主送 and 落款 paragraphs; then LibreOffice prints it and every
// page but the last holds at least six lines, the 落款 among them.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixturePath, spawnCli, tempDir } from './helpers.js';
import { MM_PER_TWIP, attr, docxIn, pagesOf, paragraphs, readDocx, squeeze, styleHas, styleProp, type DocxParts, type Para } from './report-docx-xml.js';

interface Run {
  docx: DocxParts;
  paras: Para[];
  pages: string[][];
}

const FIXTURE = 'fixtures/bulletin-2021';

function merged(extra: string[]): string {
  const dir = tempDir('rc-org-gbt-');
  const r = spawnCli(
    ['merge', fixturePath(`${FIXTURE}/returns`), '--baseline', fixturePath(`${FIXTURE}/baseline-2020.csv`), '--out', join(dir, 'merged'), ...extra],
    { cwd: dir, timeoutMs: 120_000 },
  );
  // 1: the returns hold planted mistakes; the summary is written all the same.
  expect([0, 1], r.stderr).toContain(r.code);
  return dir;
}

async function bulletin(dir: string, args: string[]): Promise<Run> {
  const r = spawnCli(['report', 'merged', '--out', 'bulletin', '--docx', ...args], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const file = docxIn(join(dir, 'bulletin'));
  const docx = await readDocx(file);
  return { docx, paras: paragraphs(docx.document), pages: pagesOf(file, join(dir, 'printed')).pages };
}

const PROVINCE_TO = '各市（州）红十字会、长白山管委会社管办，梅河口市红十字会，各县（市、区）红十字会：';

let province: Run;
let city: Run;

beforeAll(async () => {
  province = await bulletin(merged([]), ['--date', '2022-01-10', '--doc-number', '吉红会发〔2022〕3号']);
  city = await bulletin(merged(['--under', '220100']), []);
}, 300_000);

const mm = (twips: string | null): number => Number(twips) * MM_PER_TWIP;
const byStyle = (run: Run, style: string): Para[] => run.paras.filter((p) => p.style === style);

describe('GB/T 9704: paper, margins, type', () => {
  it.each([
    ['province', () => province],
    ['city', () => city],
  ])('%s: A4, 天头 37 mm, 订口 28 mm, type area 156 × 225 mm', (_run, get) => {
    const sect = /<w:sectPr\b[\s\S]*?<\/w:sectPr>/.exec(get().docx.document)![0];
    const [w, h] = [mm(attr(sect, 'w:pgSz', 'w:w')), mm(attr(sect, 'w:pgSz', 'w:h'))];
    const [top, bottom, left, right] = ['w:top', 'w:bottom', 'w:left', 'w:right'].map((a) => mm(attr(sect, 'w:pgMar', a)));
    expect(w).toBeCloseTo(210, 0);
    expect(h).toBeCloseTo(297, 0);
    expect(Math.abs(top! - 37)).toBeLessThanOrEqual(1);
    expect(Math.abs(left! - 28)).toBeLessThanOrEqual(1);
    expect(Math.abs(w - left! - right! - 156)).toBeLessThanOrEqual(1);
    expect(Math.abs(h - top! - bottom! - 225)).toBeLessThanOrEqual(1);
  });

  it('title 2号 (w:sz 44) 小标宋 centred, from the root: 吉林省红十字会关于2021年度组织体系建设工作情况的通报', () => {
    const [title] = byStyle(province, 'GwTitle');
    expect(title!.text).toBe('吉林省红十字会关于2021年度组织体系建设工作情况的通报');
    const styles = province.docx.styles;
    expect(styleProp(styles, 'GwTitle', 'w:sz', 'w:val')).toBe('44');
    expect(styleProp(styles, 'GwTitle', 'w:rFonts', 'w:eastAsia')).toBe('方正小标宋简体');
    expect(styleProp(styles, 'GwTitle', 'w:jc', 'w:val')).toBe('center');
    // The fallback: Word and WPS substitute 宋体 for 小标宋 by the font table.
    expect(province.docx.parts.get('word/fontTable.xml')).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
  });

  it('body 3号 (w:sz 32) 仿宋_GB2312 with 仿宋 and FangSong as stand-ins; 一、 in 黑体, （一） in 楷体', () => {
    const styles = province.docx.styles;
    const body = byStyle(province, 'GwBody');
    expect(body.length).toBeGreaterThan(5);
    expect(body[0]!.text).toMatch(/^按照组织体系建设工作方案的部署，现将2021年度全省/);
    expect(styleProp(styles, 'GwBody', 'w:sz', 'w:val')).toBe('32');
    expect(styleProp(styles, 'GwBody', 'w:rFonts', 'w:eastAsia')).toBe('仿宋_GB2312');
    const fonts = province.docx.parts.get('word/fontTable.xml')!;
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="仿宋"><w:altName w:val="FangSong"\/>/);
    expect(byStyle(province, 'GwHeading1').map((p) => p.text)).toEqual(['一、总体情况', '二、对照工作目标', '三、表扬与提醒']);
    expect(styleProp(styles, 'GwHeading1', 'w:rFonts', 'w:eastAsia')).toBe('黑体');
    expect(styleProp(styles, 'GwHeading1', 'w:sz', 'w:val')).toBe('32');
    expect(byStyle(city, 'GwHeading2').map((p) => p.text)).toEqual(['（一）表扬', '（二）提醒', '（三）已说明的减少']); // 农安县's 说明
    expect(styleProp(styles, 'GwHeading2', 'w:rFonts', 'w:eastAsia')).toBe('楷体_GB2312');
    for (const h of ['GwHeading1', 'GwHeading2']) expect(styleHas(styles, h, 'w:keepNext')).toBe(true);
  });

  it('folios "— 1 —" in 4号 (w:sz 28): odd pages on the right, even on the left', () => {
    const footers = [...province.docx.parts].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers).toHaveLength(2);
    for (const f of footers) expect(f).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
    expect(footers.map((f) => attr(f, 'w:jc', 'w:val')).sort()).toEqual(['left', 'right']);
    expect(styleProp(province.docx.styles, 'GwFolio', 'w:sz', 'w:val')).toBe('28');
    expect(province.docx.parts.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    expect(squeeze(province.pages[0]!)).toContain('—1—');
    expect(squeeze(province.pages[1]!)).toContain('—2—');
  });
});

describe('GB/T 9704: 发文字号, 主送, 落款', () => {
  it('发文字号 and 成文日期 as given on the command line', () => {
    expect(byStyle(province, 'GwDocNumber').map((p) => p.text)).toEqual(['吉红会发〔2022〕3号']);
    // One 落款 for the bulletin, one for each 提示函 in the annex.
    const dates = byStyle(province, 'GwDate').map((p) => p.text);
    expect(dates.length).toBeGreaterThan(1);
    expect(new Set(dates)).toEqual(new Set(['2022年1月10日']));
  });

  it('without them: a visible blank for 发文字号, today written without spaces or leading zeros', () => {
    expect(byStyle(city, 'GwDocNumber').map((p) => p.text)).toEqual(['〔    〕 号']);
    const d = new Date();
    // (a run across midnight would see tomorrow: allow either day)
    const days = [d, new Date(d.getTime() - 86_400_000)].map((x) => `${x.getFullYear()}年${x.getMonth() + 1}月${x.getDate()}日`);
    expect(days).toContain(byStyle(city, 'GwDate')[0]!.text);
  });

  it('主送: one paragraph under the title, flush left, the registry grouped as the notice does, ending in "："', () => {
    const i = province.paras.findIndex((p) => p.style === 'GwTitle');
    const to = province.paras[i + 1]!;
    expect(to.style).toBe('GwTo');
    expect(to.text).toBe(PROVINCE_TO);
    expect(to.text.endsWith('：')).toBe(true);
    expect(styleProp(province.docx.styles, 'GwTo', 'w:ind', 'w:firstLine')).toBe('0');
    const cityTo = byStyle(city, 'GwTo')[0]!;
    expect(cityTo.text).toBe('各县（市、区）红十字会：');
  });

  it('落款: the issuing body over the 成文日期 (右空四字), after the 附件说明, signed by the root', () => {
    for (const [run, issuer] of [
      [province, '吉林省红十字会'],
      [city, '长春市红十字会'],
    ] as const) {
      const signer = run.paras.findIndex((p) => p.style === 'GwSigner');
      expect(run.paras[signer]!.text).toBe(issuer);
      expect(run.paras[signer + 1]!.style).toBe('GwDate');
      expect(run.paras[signer - 1]!.style).toBe('GwAnnexNote');
      expect(byStyle(run, 'GwTitle')[0]!.text).toBe(`${issuer}关于2021年度组织体系建设工作情况的通报`);
    }
    // 右空四字: four 3号 characters (4 × 320 twips) from the right edge of the type area.
    expect(styleProp(province.docx.styles, 'GwDate', 'w:ind', 'w:right')).toBe('1280');
    expect(styleProp(province.docx.styles, 'GwDate', 'w:jc', 'w:val')).toBe('right');
    // One line per 提示函, numbered, in the order of the letters that follow.
    const notes = byStyle(province, 'GwAnnexNote').map((p) => p.text);
    const letters = byStyle(province, 'GwAnnexLabel').map((p) => p.text);
    expect(letters.length).toBeGreaterThan(1);
    expect(letters).toEqual(letters.map((_, i) => `附件${i + 1}`));
    expect(notes).toHaveLength(letters.length);
    expect(notes[0]).toMatch(/^附件：1\. 致.+红十字会的提示函$/);
    notes.slice(1).forEach((n, i) => expect(n).toMatch(new RegExp(`^${i + 2}\\. 致.+的提示函$`)));
    expect(
      notes.map((n) =>
        n
          .replace(/^附件：/, '')
          .replace(/^\d+\. 致/, '')
          .replace(/的提示函$/, ''),
      ),
    ).toEqual(
      byStyle(province, 'GwTo')
        .slice(1)
        .map((p) => p.text.replace(/：$/, '')),
    );
  });

  it('every XML part of the package is well-formed (read back by a second parser, Python expat)', () => {
    const script = [
      'import json, sys, xml.dom.minidom',
      'bad = []',
      'for name, text in json.load(sys.stdin).items():',
      '    try: xml.dom.minidom.parseString(text.encode("utf-8"))',
      '    except Exception as e: bad.append(name + ": " + str(e))',
      'print(json.dumps(bad))',
    ].join('\n');
    for (const run of [province, city]) {
      const xmlParts = Object.fromEntries([...run.docx.parts].filter(([name]) => /\.(xml|rels)$/.test(name)));
      expect(Object.keys(xmlParts)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/fontTable.xml', '[Content_Types].xml']));
      const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(xmlParts), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([]);
    }
  });

  it('no program name, version or summary.json anywhere in the package', () => {
    for (const run of [province, city]) {
      for (const [name, xml] of run.docx.parts) {
        expect(xml, name).not.toMatch(/rc-org|summary\.json|0\.1\.0/i);
      }
    }
  });
});

describe('GB/T 9704: printed (LibreOffice → PDF → pdftotext per page)', () => {
  it.each([
    ['province', () => province],
    ['city', () => city],
  ])('%s: every page but the last holds at least six lines; the 落款 shares its page with the body', (_run, get) => {
    const { pages } = get();
    expect(pages.length).toBeGreaterThan(2);
    const short = pages.slice(0, -1).flatMap((lines, i) => (lines.length < 6 ? [`page ${i + 1}: ${lines.length} lines`] : []));
    expect(short).toEqual([]);
    const issuer = get().paras.find((p) => p.style === 'GwSigner')!.text;
    const signed = pages.findIndex((lines) => squeeze(lines).includes(issuer + get().paras.find((p) => p.style === 'GwDate')!.text));
    expect(signed).toBeGreaterThanOrEqual(0);
    // Above the 落款, on its page: at least three lines of the body or of the 附件说明.
    const at = pages[signed]!.findIndex((l) => squeeze([l]) === issuer);
    expect(at).toBeGreaterThanOrEqual(3);
  });
});
