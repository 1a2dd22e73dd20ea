import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASELINE_YEAR, useSurvey } from './catalogue.js';
import { Command, CommanderError, Option } from 'commander';
import { SetupError, message, renderSetupProblem, type Lang } from './messages.js';
import type { OrgsOptions } from './commands/orgs.js';
import type { TemplateOptions } from './commands/template.js';
import type { ValidateOptions } from './commands/validate.js';
import { batched, prettyJsonChunks } from './io/json.js';
import type { MergeOptions } from './commands/merge.js';
import type { PoolOptions } from './read/pool.js';
import { progressBar } from './ui/progress.js';
import { table } from './ui/table.js';
import type { ReportOptions } from './commands/report.js';
import type { FeedbackOptions } from './commands/feedback.js';
import { VERSION } from './version.js';
import { word } from './words.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

// Each command's code is loaded when that command runs (an import() in its action, types only up here): --help
// loaded every command and its libraries, 0.4 s of a 0.2 s job, and each run loaded all the others too.

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

const parseYear =
  (option: string) =>
  (v: string): number => {
    if (!/^\d{4}$/.test(v.trim())) throw new SetupError([{ code: 'bad-year', params: { option, value: v } }]);
    return Number(v);
  };
const parseList = (v: string): string[] => v.split(/[,，\s]+/).filter(Boolean);
/** What commander hands a command's action: its run options as typed there, less what the CLI supplies itself. */
type CommandOptions<T> = Omit<T, 'cwd' | 'paths' | 'dirs' | 'onProgress' | 'lang' | keyof PoolOptions> & { lang: Lang; json?: boolean };

// Options several commands share, declared once.
const underOption = (
  help = '只审核/汇总该单位及其下级（如市级自己汇总本市）/ only this branch and everything below it (e.g. a city merging its own returns)',
): Option => new Option('--under <code>', help);
const surveyOption = (): Option =>
  new Option('--survey <file>', '调查定义文件（JSON），缺省为内置的吉林省 2021 年表式 / survey definition file (JSON); default: the built-in Jilin 2021 form');
const langOption = (): Option => new Option('--lang <lang>', '消息语言 / message language').choices(['zh', 'en']).default('zh');
const orgsOption = (): Option =>
  new Option('--orgs <file>', '单位名录文件（CSV 或 xlsx），缺省为内置的吉林省名录 / registry file (CSV or xlsx); default: built-in Jilin');
const yearOption = (help = '统计年度，缺省取报表所载年度 / survey year (default: the year the forms carry)'): Option =>
  new Option('--year <yyyy>', help).argParser(parseYear('--year'));
const baselineOption = (): Option =>
  new Option(
    '--baseline <file|dir>',
    "基准年数据：CSV/xlsx、上年报表所在文件夹，或上年 merge 的输出文件夹（summary.json）/ " +
      "baseline figures: CSV/xlsx, a folder of last year's forms, or last year's merge folder (summary.json)",
  );
const sofficeOption = (): Option =>
  new Option('--soffice <path>', 'LibreOffice 的 soffice 程序（缺省自动查找）/ the LibreOffice soffice program (default: found on PATH or where it installs)');
const signKeyOption = (help: string): Option => new Option('--sign-key <file>', help);
const outOption = (help = '输出文件夹 / output folder'): Option => new Option('--out <dir>', help).makeOptionMandatory();
const forceOption = (help = '覆盖已存在的文件 / overwrite existing files'): Option => new Option('--force', help);
const jsonOption = (help: string): Option => new Option('--json', help);

// commander's own usage errors are in English; say them in Chinese first.
const COMMANDER_ERRORS_ZH: [RegExp, string][] = [
  [/unknown option '([^']+)'/, '未知选项 $1'],
  [/unknown command '([^']+)'/, '未知命令 $1'],
  [/missing required argument '([^']+)'/, '缺少参数 $1'],
  [/option '([^']+)' argument missing/, '选项 $1 缺少取值'],
  [/required option '([^']+)' not specified/, '缺少必需的选项 $1'],
  [/too many arguments/, '参数过多'],
  [/option '([^']+)' argument '([^']+)' is invalid/, '选项 $1 的取值 $2 无效'],
];

function withChinese(str: string): string {
  for (const [re, zh] of COMMANDER_ERRORS_ZH) {
    const m = re.exec(str);
    if (m) return `错误：${m[0].replace(re, zh)}\n${str}`;
  }
  return str;
}

type SetExit = (code: number) => void;

/** Build the program. Each action stores its exit code; nothing here calls process.exit. */
export function buildProgram(io: Io, setExit: SetExit): Command {
  const program = new Command('rc-org')
    .description('红十字会组织体系建设统计表：下发、审核、汇总\nIssue, check and consolidate the Red Cross organisation-system survey.')
    .version(VERSION, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .addHelpCommand('help [command]', '显示某个命令的帮助 / help for a command')
    .showHelpAfterError('（用 --help 查看用法 / see --help）')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (str, write) => write(withChinese(str)) })
    .exitOverride();

  // --survey FILE is put in force for the whole run, before the command's action: its views print the survey's words.
  program.hook('preAction', async (_program, action) => {
    const file = action.getOptionValue('survey') as string | undefined;
    if (file === undefined) return;
    const { surveyInForceOf } = await import('./survey/load.js');
    useSurvey(await surveyInForceOf(io.cwd, file));
    action.setOptionValue('survey', undefined);
  });

  addOrgsCommand(program, io, setExit);
  addTemplateCommand(program, io, setExit);
  addValidateCommand(program, io, setExit);
  addMergeCommand(program, io, setExit);
  addReportCommand(program, io, setExit);
  addFeedbackCommand(program, io, setExit);
  addSurveyCommand(program, io, setExit);
  return program;
}

/** orgs: the branch registry as a tree, JSON or CSV. */
function addOrgsCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('orgs')
    .description('列出单位名录（树形、JSON 或 CSV）\nList the branch registry as a tree, JSON or CSV.')
    .addOption(orgsOption())
    .addOption(jsonOption('输出 JSON / print JSON'))
    .option('--csv', '输出可被 --orgs 读回的 CSV / print CSV that --orgs reads back')
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (o: CommandOptions<OrgsOptions> & { csv?: boolean }) => {
      if (o.json && o.csv) throw new SetupError([{ code: 'mixed-options', params: { a: '--json', b: '--csv' } }]);
      const { registryAsCsv, registryAsJson, registryAsTree, runOrgs } = await import('./commands/orgs.js');
      const registry = await runOrgs({ cwd: io.cwd, orgs: o.orgs });
      io.out(o.json ? JSON.stringify(registryAsJson(registry), null, 2) + '\n' : o.csv ? registryAsCsv(registry) : registryAsTree(registry, o.lang));
      setExit(0);
    });
}

/** template: one blank form per branch. */
function addTemplateCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('template')
    .description('为每个单位生成一份空白、受保护、自带单位标识的报表\nWrite one blank, protected, self-identifying workbook per branch.')
    .addOption(outOption())
    .addOption(yearOption('统计年度，缺省为今年 / survey year (default: this year)'))
    .option('--baseline-year <yyyy>', `基准年，缺省 ${DEFAULT_BASELINE_YEAR} / baseline year (default ${DEFAULT_BASELINE_YEAR})`, parseYear('--baseline-year'))
    .addOption(orgsOption())
    .option('--only <codes>', '只生成这些代码的单位（逗号分隔）/ only these branch codes (comma-separated)', parseList)
    .addOption(underOption('只生成该单位及其下级 / this branch and everything below it'))
    .addOption(forceOption())
    .addOption(signKeyOption('用此密钥文件为每份模板签名（HMAC-SHA-256）/ sign each identity with this key file (HMAC-SHA-256)'))
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (o: CommandOptions<TemplateOptions>) => {
      const { runTemplate } = await import('./commands/template.js');
      const bar = progressBar(word('progressTemplate', o.lang), true, o.lang);
      const report = await runTemplate({ cwd: io.cwd, ...o, onProgress: (d, t) => bar.update(d, t) }).finally(() => bar.stop());
      io.out(table([...word('templateHead', o.lang)], [[report.year, report.baselineYear, report.files.length, report.dir]]) + '\n');
      // A form for the wrong year costs a round trip to every branch; say which year was used.
      if (report.yearDefaulted) io.err(`rc-org: ${message('template-year-default', { year: report.year }, o.lang)}\n`);
      setExit(0);
    });
}

/** validate: check returned forms, cell by cell. */
function addValidateCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('validate')
    .description('审核报回的报表，指出每个问题所在的单元格\nCheck returned forms and point at the exact cell of every problem.')
    .argument('<paths...>', '文件、文件夹或通配符（.xlsx、.csv）/ files, folders or glob patterns (.xlsx, .csv)')
    .addOption(yearOption())
    .addOption(orgsOption())
    .addOption(baselineOption())
    .addOption(sofficeOption())
    .addOption(jsonOption('只输出 JSON 报告 / print only the JSON report'))
    .addOption(signKeyOption("用此密钥文件核验模板签名 / verify each identity's signature with this key file"))
    .addOption(underOption())
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (paths: string[], o: CommandOptions<ValidateOptions>) => {
      const [{ exitCodeOf, runValidate }, { renderValidate }] = await Promise.all([import('./commands/validate.js'), import('./ui/validate-view.js')]);
      const bar = progressBar(word('progressCheck', o.lang), !o.json, o.lang);
      const report = await runValidate({ cwd: io.cwd, paths, ...o, onProgress: (d, t, f) => bar.update(d, t, f) }).finally(() => bar.stop());
      if (o.json) for (const chunk of batched(prettyJsonChunks({ ...report }, 'files'))) io.out(chunk);
      else io.out(renderValidate(report, o.lang));
      setExit(exitCodeOf(report));
    });
}

/** merge: roll the returns up into summaries. */
function addMergeCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('merge')
    .description('汇总：县 → 市 → 省，计算增加数，列出未报单位\nRoll county forms up into city and provincial summaries, with increments and who is missing.')
    .argument('<paths...>', '报表文件、文件夹或通配符（也可是下级的汇总表）/ returned forms, folders or globs (or summaries from below)')
    .addOption(outOption('输出文件夹（须为空，除非 --force）/ output folder (must be empty unless --force)'))
    .addOption(yearOption())
    .addOption(orgsOption())
    .addOption(baselineOption())
    .addOption(sofficeOption())
    .addOption(jsonOption('在标准输出打印 summary.json / print summary.json on stdout'))
    .addOption(forceOption('输出文件夹不为空时仍写入 / write even if the output folder is not empty'))
    .addOption(signKeyOption('用此密钥文件核验模板签名，并为汇总表签名 / verify signatures with this key file, and sign the summaries'))
    .addOption(underOption())
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (paths: string[], o: CommandOptions<MergeOptions>) => {
      const [{ SUMMARY_JSON, mergeExitCode, runMerge }, { renderMerge }] = await Promise.all([import('./commands/merge.js'), import('./ui/merge-view.js')]);
      const bar = progressBar(word('progressRead', o.lang), !o.json, o.lang);
      const report = await runMerge({ cwd: io.cwd, paths, ...o, onProgress: (d, t, f) => bar.update(d, t, f) }).finally(() => bar.stop());
      // --json prints summary.json as written: the same text, without stringifying the summary a second time.
      if (o.json)
        for await (const chunk of createReadStream(join(report.outDir, SUMMARY_JSON), { encoding: 'utf8', highWaterMark: 1 << 16 })) io.out(chunk as string);
      else io.out(renderMerge(report, o.lang));
      setExit(mergeExitCode(report));
    });
}

/** report: the bulletin drawn from merge folders. */
function addReportCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('report')
    .description(
      '工作通报：按市对照工作目标、发展情况、表扬与提醒、提示函（网页，可选 PDF 和 Word）\nDraft the bulletin (工作通报) from merge folders: a page, and optionally a PDF and an editable .docx.',
    )
    .argument('<dirs...>', 'rc-org merge 的输出文件夹（含 summary.json），多个年度可一起给出 / merge output folders (one per year)')
    .addOption(outOption())
    .option('--pdf', '同时用本机 Chromium 打印 A4 PDF / also print an A4 PDF with the local Chromium')
    .option('--docx', '同时生成可编辑的“工作通报（草稿）.docx” / also write an editable .docx draft')
    .option('--rules <file>', '表扬与提醒规则（JSON，见 README）/ praise and reminder rules (JSON, see README)')
    .option('--title <text>', "通报标题，缺省为“吉林省红十字会关于2021年度组织体系建设工作情况的通报”式 / the bulletin's title")
    .option('--doc-number <text>', '发文字号，如 吉红会发〔2022〕3号（缺省留空待填）/ the document number (default: a blank to fill in)')
    .option('--to <text>', '主送机关，缺省按名录中的直属单位生成 / the addressees (default: the direct subordinates in the registry)')
    .option('--date <yyyy-mm-dd>', '成文日期，缺省为今天 / the date of issue (default: today)')
    .addOption(forceOption())
    .addOption(jsonOption('输出 JSON 摘要 / print a JSON summary'))
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (dirs: string[], o: CommandOptions<ReportOptions>) => {
      const [{ runReport }, { renderReport }] = await Promise.all([import('./commands/report.js'), import('./ui/report-view.js')]);
      const r = await runReport({ cwd: io.cwd, dirs, ...o });
      if (o.json)
        io.out(
          JSON.stringify(
            {
              year: r.model.year,
              years: r.model.trend.map((y) => y.year),
              written: r.written,
              htmlBytes: r.htmlBytes,
              praise: r.model.praise.map((e) => e.code),
              remind: r.model.remind.map((e) => e.code),
            },
            null,
            2,
          ) + '\n',
        );
      else io.out(renderReport(r, o.lang));
      setExit(0);
    });
}

/** feedback: correction forms, messages and the chase list. */
function addFeedbackCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('feedback')
    .description(
      '退回修改与催报：为每个需处理的单位写出退回修改表、消息，并列出催报名单\nSend each branch its problems back (marked correction forms, messages) and list who to chase.',
    )
    .argument('<paths...>', '报表文件、文件夹或通配符（.xlsx、.csv）/ returned forms, folders or globs (.xlsx, .csv)')
    .addOption(outOption('输出文件夹（须为空，除非 --force）/ output folder (must be empty unless --force)'))
    .addOption(yearOption())
    .addOption(orgsOption())
    .addOption(baselineOption())
    .addOption(sofficeOption())
    .addOption(underOption())
    .option('--due <yyyy-mm-dd>', '报送期限，写入消息和退回修改表 / deadline, written into the messages and forms')
    .option('--contact <text>', '联系人及电话，写入消息和退回修改表 / who to contact, written into the messages and forms')
    .option('--blank-for-missing', '为未报送的单位各写一份空白报表 / also write a blank form for each branch that has not reported')
    .addOption(
      signKeyOption('用此密钥文件核验模板签名，并为退回修改表和空白报表签名 / verify signatures with this key file, and sign the correction and blank forms'),
    )
    .addOption(jsonOption('在标准输出打印 JSON 报告 / print the JSON report on stdout'))
    .addOption(forceOption('输出文件夹不为空时仍写入 / write even if the output folder is not empty'))
    .addOption(surveyOption())
    .addOption(langOption())
    .action(async (paths: string[], o: CommandOptions<FeedbackOptions>) => {
      const [{ feedbackExitCode, runFeedback }, { renderFeedback }] = await Promise.all([import('./commands/feedback.js'), import('./ui/feedback-view.js')]);
      const bar = progressBar(word('progressCheck', o.lang), !o.json, o.lang);
      const report = await runFeedback({ cwd: io.cwd, paths, ...o, onProgress: (d, t, f) => bar.update(d, t, f) }).finally(() => bar.stop());
      if (o.json) io.out(JSON.stringify(report, null, 2) + '\n');
      else io.out(renderFeedback(report, o.lang));
      setExit(feedbackExitCode(report));
    });
}

/** survey: the form's definition file (check one, show the built-in one, convert to and from a workbook). */
function addSurveyCommand(program: Command, io: Io, setExit: SetExit): void {
  const survey = program
    .command('survey')
    .description(
      '调查表定义文件：检查、输出内置定义、与工作簿互转\nThe survey definition file: check one, print the built-in one, convert to and from a workbook.',
    )
    .addHelpCommand('help [command]', '显示某个命令的帮助 / help for a command');
  survey
    .command('check')
    .description('检查调查表定义文件，逐条指出 文件:位置: 问题\nCheck a survey definition file; each problem as file:path: message.')
    .argument('<file>', '调查表定义文件（.json）/ the survey definition file (.json)')
    .addOption(jsonOption('输出 JSON 摘要 / print a JSON summary'))
    .addOption(langOption())
    .action(async (file: string, o: { json?: boolean; lang: Lang }) => {
      const { runSurveyCheck } = await import('./commands/survey.js');
      const r = await runSurveyCheck({ cwd: io.cwd, file });
      io.out(o.json ? JSON.stringify({ valid: true, ...r }, null, 2) + '\n' : `${r.file}: ${message('survey-valid', { ...r }, o.lang)}\n`);
      setExit(0);
    });
  survey
    .command('show')
    .description('输出内置的调查表定义（吉林 2021），可复制后修改\nPrint the built-in survey definition (Jilin 2021), to copy and edit.')
    .addOption(langOption())
    .action(async () => {
      const { runSurveyShow } = await import('./commands/survey.js');
      io.out(runSurveyShow());
      setExit(0);
    });
  survey
    .command('export')
    .description(
      '把调查表定义写成工作簿（settings、levels、sheets、indicators、rules、goals），便于在 Excel/WPS 中修改\n' +
        'Write a survey definition as a workbook (settings, levels, sheets, indicators, rules, goals) to edit in Excel or WPS.',
    )
    .argument('[file]', '调查表定义文件（.json），缺省为内置定义 / the definition file (.json); default: the built-in one')
    .addOption(new Option('--out <file>', '输出的工作簿（.xlsx）/ the workbook to write (.xlsx)').makeOptionMandatory())
    .addOption(forceOption())
    .addOption(langOption())
    .action(async (file: string | undefined, o: { out: string; force?: boolean }) => {
      const { runSurveyExport } = await import('./commands/survey.js');
      const r = await runSurveyExport({ cwd: io.cwd, file, out: o.out, force: o.force });
      io.out(`${r.out}\n`);
      setExit(0);
    });
  survey
    .command('import')
    .description(
      '读取调查表定义工作簿，检查后写成 JSON；问题指出工作表和单元格\nRead a survey definition workbook, check it and write it as JSON; problems name the sheet and cell.',
    )
    .argument('<file>', '调查表定义工作簿（.xlsx）/ the definition workbook (.xlsx)')
    .addOption(new Option('--out <file>', '输出的定义文件（.json）/ the definition file to write (.json)').makeOptionMandatory())
    .addOption(forceOption())
    .addOption(jsonOption('输出 JSON 摘要 / print a JSON summary'))
    .addOption(langOption())
    .action(async (file: string, o: { out: string; force?: boolean; json?: boolean; lang: Lang }) => {
      const { runSurveyImport } = await import('./commands/survey.js');
      const r = await runSurveyImport({ cwd: io.cwd, file, out: o.out, force: o.force });
      io.out(o.json ? JSON.stringify({ valid: true, ...r }, null, 2) + '\n' : `${r.out}: ${message('survey-valid', { ...r }, o.lang)}\n`);
      setExit(0);
    });
}

/** Run the CLI; resolves to the exit code (0 clean, 1 data errors, 2 usage or setup). */
export async function run(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  // Setup errors are printed here, outside any command, so the language is read from argv directly.
  const lang: Lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'zh';
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for exits 0; help shown because no command was given is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0)) return 0;
      if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
      return 2; // commander has already printed the usage problem
    }
    if (e instanceof SetupError) {
      for (const p of e.problems) io.err(`rc-org: ${renderSetupProblem(p, lang)}\n`);
      return 2;
    }
    io.err(`rc-org: ${renderSetupProblem({ code: 'internal-error', params: { reason: (e as Error)?.message ?? String(e) } }, lang)}\n`);
    return 2;
  }
}
