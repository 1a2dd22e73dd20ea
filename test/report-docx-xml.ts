// Reading a .docx as Word would: the package unzipped (jszip), paragraphs with their style, text and properties,
// run properties resolved through the style chain (basedOn, then docDefaults), and each page of the document
// as LibreOffice lays it out (soffice → PDF → pdftotext). Shared by the GB/T 9704 and .docx tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { libreOfficeConvert } from './helpers.js';

export interface DocxParts {
  /** Every part of the package by its path (word/document.xml, word/styles.xml, …). */
  parts: Map<string, string>;
  document: string;
  styles: string;
}

export async function readDocx(file: string): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) parts.set(name, await zip.files[name]!.async('string'));
  return { parts, document: parts.get('word/document.xml')!, styles: parts.get('word/styles.xml')! };
}

export interface Para {
  xml: string;
  style: string | null;
  text: string;
}

/** The body's paragraphs in order (table cells' included), each with its style id and its text. */
export function paragraphs(documentXml: string): Para[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    xml: m[0],
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1]!)?.[1] ?? null,
    text: [...m[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

/** A twips attribute of an element, e.g. attr(xml, 'w:pgMar', 'w:top'). */
export function attr(xml: string, element: string, name: string): string | null {
  const el = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0];
  return el ? (new RegExp(`${name}="([^"]*)"`).exec(el)?.[1] ?? null) : null;
}

const styleXml = (stylesXml: string, id: string): string | null =>
  new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>([\\s\\S]*?)</w:style>`).exec(stylesXml)?.[1] ?? null;

/** A run or paragraph property of a style, looked up through basedOn and then the document defaults. */
export function styleProp(stylesXml: string, id: string, element: string, name: string): string | null {
  for (let cur: string | null = id, depth = 0; cur && depth < 10; depth++) {
    const xml = styleXml(stylesXml, cur);
    if (xml === null) break;
    const v = attr(xml, element, name);
    if (v !== null) return v;
    cur = /<w:basedOn w:val="([^"]+)"/.exec(xml)?.[1] ?? null;
  }
  const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(stylesXml)?.[1] ?? '';
  return attr(defaults, element, name);
}

/** Whether a style (or one it is based on) switches an on/off property on, e.g. w:keepNext. */
export function styleHas(stylesXml: string, id: string, element: string): boolean {
  for (let cur: string | null = id, depth = 0; cur && depth < 10; depth++) {
    const xml = styleXml(stylesXml, cur);
    if (xml === null) return false;
    if (new RegExp(`<${element}(?:\\s+w:val="(?:true|1|on)")?\\s*/>`).test(xml)) return true;
    cur = /<w:basedOn w:val="([^"]+)"/.exec(xml)?.[1] ?? null;
  }
  return false;
}

export const MM_PER_TWIP = 25.4 / 1440;

/** The .docx printed by LibreOffice: the text of each page (pdftotext -layout), blank lines left out. */
export function pagesOf(docx: string, outDir: string): { pdf: string; pages: string[][] } {
  mkdirSync(outDir, { recursive: true });
  const [pdf] = libreOfficeConvert([docx], 'pdf', outDir);
  const info = spawnSync('pdfinfo', [pdf!], { encoding: 'utf8' });
  if (info.error) throw new Error(`pdfinfo could not be run (${info.error.message}): install poppler-utils.`);
  const count = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
  const pages: string[][] = [];
  for (let n = 1; n <= count; n++) {
    const r = spawnSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf!, '-'], { encoding: 'utf8' });
    pages.push(r.stdout.split('\n').filter((l) => l.trim() !== ''));
  }
  return { pdf: pdf!, pages };
}

/** Page text without the spaces pdftotext puts between runs and fonts. */
export const squeeze = (lines: string[]): string => lines.join('').replace(/\s+/g, '');

export const docxIn = (dir: string): string => join(dir, '工作通报（草稿）.docx');
