// rc-org report --docx end to end (the built CLI) on the small made-up registry (fixtures/report/small-registry-2021):
// the draft's text through LibreOffice, the 公文 header options (--title, --doc-number, --to, --date) in the
// document and on the page, a bad --date refused before anything is written, and --lang en leaving the document
// Chinese.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, spawnCli, tempDir } from './helpers.js';
import { docxIn, pagesOf, paragraphs, readDocx, squeeze } from './report-docx-xml.js';

const FIXTURE = 'fixtures/report/small-registry-2021';

function setup(): string {
  const dir = tempDir('rc-org-report-docx-');
  copyFixture(FIXTURE, dir, '2021');
  return dir;
}

const docxText = async (dir: string): Promise<{ style: string | null; text: string }[]> =>
  paragraphs((await readDocx(docxIn(join(dir, 'bulletin')))).document).map(({ style, text }) => ({ style, text }));

describe('rc-org report --docx', () => {
  it('writes report.html and the draft; LibreOffice prints it with its header, figures, rates, lists and letters', async () => {
    const dir = setup();
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--docx', '--date', '2022-01-10'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'bulletin')).sort()).toEqual(['report.html', '工作通报（草稿）.docx'].sort());
    const { pages } = pagesOf(docxIn(join(dir, 'bulletin')), join(dir, 'printed'));
    const text = pages.map(squeeze).join('');
    expect(text).toContain('〔〕号');
    expect(text).toContain('示例省红十字会关于2021年度组织体系建设工作情况的通报');
    expect(text).toContain('各市（州）红十字会、丁管委会，各县（市、区）红十字会：');
    for (const heading of ['一、总体情况', '二、对照工作目标', '三、表扬与提醒', '（一）表扬', '（二）提醒']) expect(text).toContain(heading);
    expect(text).toContain('（一）表扬1.甲市：县级理顺管理体制率、监事会设立率、换届完成率、志愿服务队达标率均达到工作目标；');
    expect(text).toContain('（二）提醒1.乙市：所属2个单位中尚有1个未报送或需重报；');
    expect(text).toContain('2.丙市：本级报表未报送；所属1个单位中尚有1个未报送或需重报。');
    expect(text).not.toMatch(/【规则|summary\.json|rc-org/);
    // The rates table (its cells wrap on paper, so read from the document): a column per rate, 乙市's boards.
    const cells = (await docxText(dir)).filter((p) => p.style === 'GwTable').map((p) => p.text);
    for (const label of ['县级理顺管理体制率', '县级党组设立率', '监事会设立率', '换届完成率', '志愿服务队达标率']) expect(cells).toContain(label);
    // 乙市: one of three branches without a usable return; one county reported (a fact: 否), boards 1 of 2.
    expect(cells.join('|')).toContain('乙市※|2/3|否|否|50.0%|（1/2）|—|否');
    expect(text).toContain('截至2021年12月31日，全省11个单位已报送8个');
    expect(text).toContain('红十字会基层组织105个，比2020年增加15个，增长16.7%');
    // Two letters, each an 附件 on its own page, named in the 附件说明 before the 落款.
    expect(text).toContain('附件：1.致乙市红十字会的提示函2.致丙市红十字会的提示函示例省红十字会2022年1月10日');
    const annexPages = pages.filter((p) => /^附件\d$/.test(squeeze([p[0]!])));
    expect(annexPages.map((p) => squeeze([p[0]!]))).toEqual(['附件1', '附件2']);
    expect(squeeze(annexPages[0]!)).toContain('提示函乙市红十字会：');
  }, 120_000);

  it('--title, --doc-number, --to and --date: in the document, and the same header on the page', async () => {
    const dir = setup();
    const r = spawnCli(
      [
        'report',
        '2021',
        '--out',
        'bulletin',
        '--docx',
        '--title',
        '示例省红十字会关于表扬先进的通报',
        '--doc-number',
        '示红会发〔2022〕7号',
        '--to',
        '各市红十字会',
        '--date',
        '2022-3-5',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const paras = await docxText(dir);
    const one = (style: string): string[] => paras.filter((p) => p.style === style).map((p) => p.text);
    expect(one('GwTitle')[0]).toBe('示例省红十字会关于表扬先进的通报');
    expect(one('GwDocNumber')).toEqual(['示红会发〔2022〕7号']);
    expect(one('GwTo')[0]).toBe('各市红十字会：');
    expect(one('GwSigner')[0]).toBe('示例省红十字会');
    expect(one('GwDate')[0]).toBe('2022年3月5日');
    const html = readFileSync(join(dir, 'bulletin', 'report.html'), 'utf8');
    expect(html).toContain('<h1>示例省红十字会关于表扬先进的通报</h1>');
    expect(html).toMatch(/data-official="head"[\s\S]*示红会发〔2022〕7号[\s\S]*各市红十字会：/);
    expect(html).toMatch(/data-official="sign"[\s\S]*示例省红十字会[\s\S]*2022年3月5日/);
    // Every letter on the page is signed as the document is: the issuing body and the 成文日期 without spaces.
    const signatures = [...html.matchAll(/示例省红十字会<br>([^<]*)/g)].map((x) => x[1]);
    expect(signatures.length).toBeGreaterThan(0);
    expect(new Set(signatures)).toEqual(new Set(['2022年3月5日']));
  });

  it.each(['2022-02-30', '2022/01/10', 'today'])('--date %s: exit 2, says what it wants, writes nothing', (date) => {
    const dir = setup();
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--docx', '--date', date], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--date 应为成文日期 YYYY-MM-DD（如 2022-01-10），实际为“${date}”`);
    expect(existsSync(join(dir, 'bulletin'))).toBe(false);
  });

  it('--lang en: the document stays Chinese (it is the official document)', async () => {
    const dir = setup();
    const r = spawnCli(['report', '2021', '--out', 'bulletin', '--docx', '--lang', 'en', '--date', '2022-01-10'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const paras = await docxText(dir);
    expect(paras.find((p) => p.style === 'GwTitle')!.text).toBe('示例省红十字会关于2021年度组织体系建设工作情况的通报');
    expect(paras.filter((p) => p.style === 'GwHeading1').map((p) => p.text)).toEqual(['一、总体情况', '二、对照工作目标', '三、表扬与提醒']);
    expect(paras.find((p) => p.style === 'GwDate')!.text).toBe('2022年1月10日');
    // The English page is a reading copy: it carries no 公文 header of its own.
    expect(readFileSync(join(dir, 'bulletin', 'report.html'), 'utf8')).not.toContain('data-official');
  });
});
