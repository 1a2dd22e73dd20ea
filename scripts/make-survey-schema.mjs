#!/usr/bin/env node
// Writes templates/survey.schema.json, the published JSON Schema of the survey definition format, from the zod
// schema (src/survey-schema.ts) of the BUILT program. test/survey-schema.test.ts checks the committed file is this.
//
// Run: npm run build && node scripts/make-survey-schema.mjs
//
// templates/jilin-2021.json itself is not generated: it is the form's home, edited by hand like any definition.

import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { schemaAsJson } = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'survey-schema.js')).href);
await writeFile(join(ROOT, 'templates', 'survey.schema.json'), JSON.stringify(schemaAsJson(), null, 2) + '\n');
console.log('wrote templates/survey.schema.json');
