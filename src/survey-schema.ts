import { z } from 'zod';

// A survey definition: everything rc-org knows about one year's form, as data (issue 20). This zod schema is the
// one description of the format; the published JSON Schema (templates/survey.schema.json) is generated from it
// (`schemaAsJson`), and the types below are inferred from it. What a schema cannot say — keys unique, references
// that exist, expressions that parse — the loader checks (src/survey/load.ts).
//
// Every keyed collection is an array of objects with a `key`, never a JSON object keyed by name: a definition is
// read only through the properties the schema names, so a key such as "__proto__" is just a string.

export const SURVEY_FORMAT = 1;
/** Characters of an expression: far above any rule a person writes, far below what could slow anything down. */
export const MAX_EXPRESSION_CHARS = 4000;

const key = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/)
  .meta({ description: 'A key: a letter, then letters, digits or _ (at most 40); used in expressions and JSON.' });
const text = (max: number) => z.string().min(1).max(max);
const words = z.strictObject({ zh: text(2000), en: text(2000) });
const expression = text(MAX_EXPRESSION_CHARS).meta({ description: 'An expression (docs/survey-format.md): evaluated, never run as code.' });
const count = (max: number) => z.number().int().min(0).max(max);

export const levelSchema = z.strictObject({
  key,
  zh: text(40),
  en: text(40),
  /** Lower ranks sit above higher ones in the registry; units of equal rank are siblings in rank. */
  rank: count(20).meta({ description: 'Position in the hierarchy: a parent must have a lower rank than its children.' }),
  role: z
    .enum(['root', 'branch', 'special'])
    .meta({ description: 'root: the issuing level; branch: the levels below it; special: units outside the administrative levels.' }),
  /** Words a registry file may use for this level (省, 市级, county …). */
  aliases: z.array(text(40)).max(40),
});

export const printSchema = z.strictObject({
  /** Excel's paper size code (9 is A4). */
  paperSize: count(200),
  orientation: z.enum(['portrait', 'landscape']),
  fitToWidth: count(100),
  fitToHeight: count(100),
  horizontalCentered: z.boolean(),
  margins: z.strictObject({
    left: z.number().min(0).max(10),
    right: z.number().min(0).max(10),
    top: z.number().min(0).max(10),
    bottom: z.number().min(0).max(10),
    header: z.number().min(0).max(10),
    footer: z.number().min(0).max(10),
  }),
});

export const sheetSchema = z.strictObject({
  key,
  /** The worksheet's name, which is also the annex label above the table (附件1). */
  name: text(31),
  title: text(200),
  role: z.enum(['current', 'increase']).meta({ description: 'current: figures as they stand; increase: change against the baseline year.' }),
  /** The official table's header cells, verbatim. */
  header: z.array(text(100)).min(1).max(10),
  /** Lines printed under the table on every copy, verbatim; {baselineYear} stands for the baseline year. */
  notes: z.array(text(1000)).max(20),
  print: printSchema,
});

export const KINDS = ['flag', 'count', 'hours'] as const;

export const indicatorRowSchema = z.strictObject({
  sheet: key,
  /** The item number on the form (序号), 1 for the first row of the table. */
  row: z.number().int().min(1).max(999),
  label: text(200),
  /** What the unit column beside the table says on this sheet (个, or 是=1 否=0 for a yes/no row). */
  unitText: text(40),
});

export const indicatorSchema = z.strictObject({
  key,
  /** Its number on the form (序号). */
  no: z.number().int().min(1).max(999),
  en: text(200),
  unit: text(10),
  kind: z.enum(KINDS).meta({ description: 'flag: 0/1 about the branch itself; count: a whole number; hours: decimal hours.' }),
  levels: z.array(key).min(1).max(20),
  /** On the increase sheet: derived (this year minus the baseline year) or entered directly (elections completed). */
  entry: z.enum(['derived', 'entered']),
  /** Its key in last year's definition; null for a new indicator; left out when the key has not changed. */
  previous: key.nullable().optional(),
  /** Whether the bulletin shows its growth against the baseline year. */
  growth: z.boolean(),
  /** English nouns for counts of it ("1 registered volunteer", "2 registered volunteers") and its short title. */
  nouns: z.strictObject({ one: text(100), many: text(100), title: text(100) }).optional(),
  rows: z.array(indicatorRowSchema).min(1).max(10),
  /** Further CSV column headers that mean this indicator (besides key, label, 附件N-row and sheet.key). */
  aliases: z.array(text(100)).max(20).optional(),
});

export const ruleParamSchema = z.strictObject({ name: key, value: expression });

export const ruleSchema = z.strictObject({
  key,
  /** The message code rc-org reports it under. */
  code: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,59}$/)
    .meta({ description: 'The finding code, lower-case words joined by -.' }),
  severity: z.enum(['error', 'warning', 'notice']),
  /** The sheet whose cell the finding points at. */
  sheet: key,
  /** The row the finding points at; left out when `forEach` applies the rule to each indicator it selects. */
  indicator: key.optional(),
  /** Apply the rule once per indicator selected (at the levels the indicator applies to); `$` names it in expressions. */
  forEach: z.strictObject({ entry: z.enum(['derived', 'entered']).optional(), kinds: z.array(z.enum(KINDS)).min(1).optional() }).optional(),
  /** Only at these levels. */
  levels: z.array(key).min(1).max(20).optional(),
  /** The condition: the finding is reported when it is true (not when it is false or unknown). */
  when: expression,
  /** Figures the message quotes, each an expression; {label}, {label:SHEET} and {baselineYear} need none. */
  params: z.array(ruleParamSchema).max(20),
  message: words,
});

export const rateSchema = z.strictObject({
  key,
  zh: text(100),
  /** Its title on an English page. */
  titleEn: text(200),
  /** The goal as the plan words it. */
  goalZh: text(200),
  /** The plan's clause that sets it, e.g. 一（二）1. */
  clause: text(40),
  numerator: expression,
  denominator: expression,
  /** The levels of branch the rate rests on (its "basis" and "expected" counts). */
  basis: z.array(key).min(1).max(20),
  /** The goal as a share (1 = 100 %); null when the rate is only reported. */
  goal: z.number().min(0).max(1).nullable(),
  /** Whether units are ranked on it (only rates with a goal are). */
  ranked: z.boolean(),
});

export const layoutSchema = z.strictObject({
  font: text(40),
  columns: z
    .array(
      z.strictObject({
        key: z.enum(['no', 'label', 'value', 'unit', 'note']),
        letter: z.string().regex(/^[A-Z]{1,2}$/),
        width: z.number().min(1).max(255),
        header: text(100),
      }),
    )
    .length(5),
  rows: z.strictObject({ annexLabel: count(50), title: count(50), branch: count(50), header: count(50), firstItem: count(50) }),
  lastColumn: z.string().regex(/^[A-Z]{1,2}$/),
  notApplicable: text(10),
  notApplicableFill: z.string().regex(/^[0-9A-F]{8}$/),
  inputFill: z.string().regex(/^[0-9A-F]{8}$/),
  headerFill: z.string().regex(/^[0-9A-F]{8}$/),
  besideColor: z.string().regex(/^[0-9A-F]{8}$/),
  titleSize: z.number().min(6).max(72),
  bodySize: z.number().min(6).max(72),
  /** Printed under each table of a blank form (after the sheet's own notes). */
  instructions: z.array(text(1000)).max(20),
  /** The hidden sheet that carries the branch identity. */
  identitySheet: text(31),
});

export const bulletinSchema = z.strictObject({
  /** How far below a goal still counts as near (a share: 0.1 = 10 points). */
  near: z.number().min(0).max(1),
  /** Of the growth indicators, how many must grow faster than the median unit for praise. */
  minGrowthAboveMedian: count(100),
  /** Fewer units than this with data are not ranked. */
  minRanked: count(100),
  /** "By when" in the reminder letters. */
  deadline: text(100),
  /** The rows the bulletin's opening paragraph names, in order (default: every growth row). */
  headline: z.array(key).min(1).max(50).optional(),
});

export const surveySchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  /** The version of this file format (not of the form). */
  format: z.literal(SURVEY_FORMAT),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .meta({ description: 'The survey: lower-case letters, digits and -; the same id from year to year.' }),
  /** The form's version, written into every issued workbook's identity. */
  version: text(20),
  /** The survey year and the year its increases are counted against, unless a form or an option says otherwise. */
  year: z.number().int().min(1900).max(2200),
  baselineYear: z.number().int().min(1900).max(2200),
  title: words,
  issuer: z.strictObject({ name: text(100), document: text(100) }),
  levels: z.array(levelSchema).min(1).max(20),
  layout: layoutSchema,
  sheets: z.array(sheetSchema).min(1).max(10),
  indicators: z.array(indicatorSchema).min(1).max(500),
  rules: z.array(ruleSchema).max(500),
  rates: z.array(rateSchema).max(100),
  bulletin: bulletinSchema,
  /** CSV/xlsx column headers of the branch code and of the year, besides the indicator columns. */
  columns: z.strictObject({ code: z.array(text(40)).min(1).max(40), year: z.array(text(40)).min(1).max(40) }),
});

export type Survey = z.infer<typeof surveySchema>;
export type SurveyLevel = z.infer<typeof levelSchema>;
export type SurveySheet = z.infer<typeof sheetSchema>;
export type SurveyIndicator = z.infer<typeof indicatorSchema>;
export type SurveyRule = z.infer<typeof ruleSchema>;
export type SurveyRate = z.infer<typeof rateSchema>;
export type SurveyKind = (typeof KINDS)[number];

/** The JSON Schema published as templates/survey.schema.json, generated from the zod schema. */
export function schemaAsJson(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(surveySchema, { target: 'draft-2020-12' }),
    title: 'rc-org survey definition',
  };
}
