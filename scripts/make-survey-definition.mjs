#!/usr/bin/env node
// Writes templates/jilin-2021.json, the Jilin 2021 survey as a definition file (issue 20), from what the code knows
// today, and templates/survey.schema.json, the JSON Schema of the format (generated from src/survey/schema.ts).
//
// Run: npm run build && node scripts/make-survey-definition.mjs
//
// Tables the code exports are read from the BUILT modules (dist/), so the file says exactly what the code does.
// The cross-row rules and the rates are functions in the code, not tables: they are written here in the
// definition's expression language, and test/survey-definition.test.ts checks that evaluating them gives the same
// verdicts and rates as src/core/rules.ts and src/core/rates.ts on a table of figures. The same test checks every
// other field of the file against the code tables, and that this script's output is what is committed.

import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (rel) => import(pathToFileURL(join(ROOT, 'dist', rel)).href);

/** The definition, built from the code's tables. Exported for the test, which compares it with the committed file. */
export async function buildDefinition() {
  const { INDICATORS, LEVELS, LEVEL_LABELS, ANNEXES, ANNEX_TITLES, TABLE_HEADER, DEFAULT_BASELINE_YEAR, labelOf } = await dist('src/catalogue.js');
  const { FORM_LAYOUT, TEMPLATE_VERSION } = await dist('templates/form-layout.js');
  const { unitText } = await dist('src/issued-form/annex-sheet.js');
  const { CODE_COLUMN_NAMES, YEAR_COLUMN_NAMES } = await dist('src/core/columns.js');
  const { LEVEL_RANK } = await dist('src/registry/types.js');
  const rates = await dist('src/core/rates.js');
  const rules = await dist('src/core/rules.js');
  const { RATE_TITLES, RATE_LABELS, indicatorName, quantity } = await dist('src/report/words.js');

  const { paper, ...layout } = FORM_LAYOUT;
  const roles = { province: 'root', city: 'branch', county: 'branch', special: 'special' };
  // The registry's level words (src/registry/build.ts keeps them in a private Map; the test checks each one).
  const aliases = {
    province: ['province', '省', '省级'],
    city: ['city', '市', '市级', '州', '市（州）', '市(州)', '地市级'],
    county: ['county', '县', '县级', '县（市、区）', '县(市、区)', '区'],
    special: ['special', '特殊', '特殊单位', '其他'],
  };
  const print = {
    paperSize: paper.size,
    orientation: paper.orientation,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const BASELINE_YEAR = '{baselineYear}';

  return {
    $schema: './survey.schema.json',
    format: 1,
    id: 'jilin-organisation-system',
    version: TEMPLATE_VERSION,
    year: 2021,
    baselineYear: DEFAULT_BASELINE_YEAR,
    title: { zh: '组织体系建设统计表', en: 'Organisation-system survey' },
    issuer: { name: '吉林省红十字会', document: '吉红会发〔2021〕35号' },
    levels: LEVELS.map((key) => ({ key, zh: LEVEL_LABELS[key].zh, en: LEVEL_LABELS[key].en, rank: LEVEL_RANK[key], role: roles[key], aliases: aliases[key] })),
    layout: { ...layout, columns: layout.columns.map((c) => ({ ...c })), rows: { ...layout.rows }, instructions: [...layout.instructions] },
    sheets: ANNEXES.map((annex) => ({
      key: annex,
      name: ANNEX_TITLES[annex].label,
      title: ANNEX_TITLES[annex].title,
      role: annex === 'annex1' ? 'current' : 'increase',
      header: [...TABLE_HEADER],
      // catalogue.annex2Note(year) with the year left as a placeholder; the test checks the two agree.
      notes: annex === 'annex2' ? [`说明：表中“增加数”是指与 ${BASELINE_YEAR} 年相比的增加数。`] : [],
      print,
    })),
    indicators: INDICATORS.map((i) => ({
      key: i.key,
      no: i.no,
      en: i.en,
      unit: i.unit,
      kind: i.kind,
      levels: [...i.levels],
      entry: i.derived ? 'derived' : 'entered',
      growth: rates.GROWTH_KEYS.includes(i.key),
      ...(rates.GROWTH_KEYS.includes(i.key)
        ? { nouns: { one: quantity(i.key, 1, 'en').replace(/^1 /, ''), many: quantity(i.key, 2, 'en').replace(/^2 /, ''), title: indicatorName(i.key, 'en') } }
        : {}),
      rows: ANNEXES.map((annex) => ({ sheet: annex, row: i.no, label: labelOf(i, annex), unitText: unitText(i, annex) })),
    })),
    rules: crossRowRules(rules, rates),
    rates: rates.RATE_KEYS.map((key) => ({
      key,
      zh: RATE_LABELS[key].zh,
      titleEn: RATE_TITLES.en[key],
      goalZh: RATE_LABELS[key].goalZh,
      clause: RATE_LABELS[key].clause,
      ...RATE_FORMULAE(rates)[key],
      goal: rates.DEFAULT_RULES.goals[key],
      ranked: rates.DEFAULT_RULES.goals[key] !== null,
    })),
    bulletin: {
      near: rates.DEFAULT_RULES.near,
      minGrowthAboveMedian: rates.DEFAULT_RULES.praise.minGrowthAboveMedian,
      minRanked: rates.MIN_RANKED,
      deadline: rates.DEFAULT_RULES.deadline,
    },
    columns: { code: [...CODE_COLUMN_NAMES], year: [...YEAR_COLUMN_NAMES] },
  };
}

/** src/core/rates.ts unitRates(), as numerators and denominators over a unit's totals and its returned branches. */
const RATE_FORMULAE = (r) => ({
  countyReformed: { numerator: 'annex1.countyReformed', denominator: 'count(county)', basis: ['county'] },
  countyPartyGroup: { numerator: 'annex1.countyPartyGroup', denominator: 'count(county)', basis: ['county'] },
  supervisory: { numerator: 'annex1.citySupervisory + annex1.countySupervisory', denominator: 'count(city, county)', basis: ['city', 'county'] },
  election: {
    numerator: 'annex2.cityElectionDue + annex2.countyElectionDue',
    denominator: 'annex1.cityElectionDue + annex1.countyElectionDue',
    basis: ['city', 'county'],
  },
  volunteerTeams: {
    numerator: `countIf(ifnull(annex1.volunteerOrgs, 0) >= ${r.VOLUNTEER_TEAMS_PER_COUNTY}, county)`,
    denominator: 'count(county)',
    basis: ['county'],
  },
});

/** src/core/rules.ts, rule by rule, with the messages of src/messages.ts as templates. */
function crossRowRules(r, rates) {
  const perVolunteer = 'annex1.serviceHours / annex1.volunteers';
  const hoursParams = [
    { name: 'hours', value: 'annex1.serviceHours' },
    { name: 'volunteers', value: 'annex1.volunteers' },
    { name: 'perVolunteer', value: `round(${perVolunteer}, 1)` },
    { name: 'limit', value: String(r.IMPLAUSIBLE_HOURS_PER_VOLUNTEER) },
  ];
  // An increment that differs from this year minus the baseline by more than rounding.
  const mismatch = 'abs(annex2.$ - (annex1.$ - baseline.$)) > 0.000001';
  return [
    {
      key: 'hoursWithoutVolunteers',
      code: 'hours-without-volunteers',
      severity: 'warning',
      sheet: 'annex1',
      indicator: 'serviceHours',
      when: 'annex1.serviceHours > 0 and annex1.volunteers == 0',
      params: [{ name: 'hours', value: 'annex1.serviceHours' }],
      message: {
        zh: '志愿服务总时长为 {hours} 小时，但注册志愿者为 0 人。请核对这两项；如属实，请在“说明”栏注明。',
        en: '{hours} service hours, but 0 registered volunteers. Check both figures; if correct, explain in the 说明 column.',
      },
    },
    {
      key: 'hoursBeyondYear',
      code: 'hours-beyond-year',
      severity: 'error',
      sheet: 'annex1',
      indicator: 'serviceHours',
      when: `annex1.serviceHours > 0 and annex1.volunteers != 0 and ${perVolunteer} > ${r.HOURS_PER_YEAR}`,
      params: hoursParams,
      message: {
        zh: '志愿服务总时长 {hours} 小时，按注册志愿者 {volunteers} 人计每人 {perVolunteer} 小时，超过一年的 8760 小时。请核对时长和人数。',
        en: '{hours} service hours over {volunteers} registered volunteers is {perVolunteer} h each, more than the 8,760 hours in a year. Check both figures.',
      },
    },
    {
      key: 'hoursImplausible',
      code: 'hours-implausible',
      severity: 'warning',
      sheet: 'annex1',
      indicator: 'serviceHours',
      when:
        `annex1.serviceHours > 0 and annex1.volunteers != 0 and ` +
        `${perVolunteer} > ${r.IMPLAUSIBLE_HOURS_PER_VOLUNTEER} and ${perVolunteer} <= ${r.HOURS_PER_YEAR}`,
      params: hoursParams,
      message: {
        zh: '志愿服务总时长 {hours} 小时，按注册志愿者 {volunteers} 人计每人 {perVolunteer} 小时，高于常见水平（{limit} 小时）。请核实，如属实请在“说明”栏注明。',
        en: '{hours} service hours over {volunteers} registered volunteers is {perVolunteer} h each, above the usual level ({limit} h). Please verify; if correct, explain in the 说明 column.',
      },
    },
    {
      key: 'electionCompletedAboveDue',
      code: 'election-completed-above-due',
      severity: 'warning',
      sheet: 'annex2',
      forEach: { entry: 'entered' },
      when: 'annex2.$ > annex1.$',
      params: [
        { name: 'due', value: 'annex1.$' },
        { name: 'completed', value: 'annex2.$' },
      ],
      message: {
        zh: '附件2“{label:annex2}”为 {completed}，大于附件1“{label:annex1}”的 {due}。完成换届数一般不超过应换届数，请核实。',
        en: '附件2 "{label:annex2}" is {completed}, more than 附件1 "{label:annex1}" ({due}). Completed elections rarely exceed those due; please verify.',
      },
    },
    {
      key: 'volunteerTeamsBelowPlan',
      code: 'volunteer-teams-below-plan',
      severity: 'warning',
      sheet: 'annex1',
      indicator: 'volunteerOrgs',
      levels: ['county'],
      when: `annex1.volunteerOrgs < ${rates.VOLUNTEER_TEAMS_PER_COUNTY}`,
      params: [
        { name: 'found', value: 'annex1.volunteerOrgs' },
        { name: 'required', value: String(rates.VOLUNTEER_TEAMS_PER_COUNTY) },
      ],
      message: {
        zh: '县级红十字会志愿服务组织 {found} 支，少于工作方案要求的 {required} 支（工作方案第二部分第（三）项第14条：每个县级红十字会至少建立 {required} 支志愿服务队伍）。请核实；如属实，请在“说明”栏注明。',
        en: 'The county branch has {found} volunteer service teams, fewer than the {required} the work plan asks for (part 2, section (3), item 14: at least {required} volunteer teams per county branch). Please verify; if correct, explain in the 说明 column.',
      },
    },
    {
      key: 'incrementMismatch',
      code: 'increment-mismatch',
      severity: 'error',
      sheet: 'annex2',
      forEach: { entry: 'derived' },
      when: mismatch,
      params: [
        { name: 'found', value: 'annex2.$' },
        { name: 'current', value: 'annex1.$' },
        { name: 'baseline', value: 'baseline.$' },
        { name: 'expected', value: 'annex1.$ - baseline.$' },
      ],
      message: {
        zh: '附件2“{label}”为 {found}，但附件1 本年 {current} 减去 {baselineYear} 年 {baseline} 应为 {expected}。请改为 {expected}，或核对附件1 与基准数。',
        en: '附件2 "{label}" is {found}, but 附件1 {current} minus {baselineYear}\'s {baseline} is {expected}. Change it to {expected}, or check 附件1 and the baseline.',
      },
    },
    {
      key: 'incrementJump',
      code: 'increment-jump',
      severity: 'warning',
      sheet: 'annex2',
      forEach: { entry: 'derived', kinds: ['count', 'hours'] },
      when: `not (${mismatch}) and annex2.$ > ${r.JUMP_FACTOR} * max(baseline.$, ${r.JUMP_FLOOR})`,
      params: [
        { name: 'found', value: 'annex2.$' },
        { name: 'baseline', value: 'baseline.$' },
        { name: 'factor', value: String(r.JUMP_FACTOR) },
      ],
      message: {
        zh: '“{label}”增加 {found}，是基准年 {baseline} 的 {factor} 倍以上。请核实，如属实请在“说明”栏注明。',
        en: '"{label}" grew by {found}, over {factor} times the baseline {baseline}. Please verify; if correct, explain in the 说明 column.',
      },
    },
    {
      key: 'incrementDecrease',
      code: 'increment-decrease',
      severity: 'warning',
      sheet: 'annex2',
      forEach: { entry: 'derived' },
      // A mismatch is reported as such, not also as a decrease.
      when: `annex2.$ < 0 and not (known(baseline.$) and known(annex1.$) and ${mismatch})`,
      params: [{ name: 'found', value: 'annex2.$' }],
      message: {
        zh: '“{label}”为 {found}，比基准年减少。请核实，如属实请在“说明”栏注明原因。',
        en: '"{label}" is {found}: a decrease against the baseline year. Please verify; if correct, explain in the 说明 column.',
      },
    },
  ];
}

/** The committed text of a JSON file: two-space indent, a final newline. */
export const jsonText = (value) => JSON.stringify(value, null, 2) + '\n';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { schemaAsJson } = await dist('src/survey/schema.js');
  await writeFile(join(ROOT, 'templates', 'jilin-2021.json'), jsonText(await buildDefinition()));
  await writeFile(join(ROOT, 'templates', 'survey.schema.json'), jsonText(schemaAsJson()));
  console.log('wrote templates/jilin-2021.json and templates/survey.schema.json');
}
