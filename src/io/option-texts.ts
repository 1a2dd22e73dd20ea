import { SetupError } from '../messages.js';
import { MAX_OPTION_CHARS, textDefect } from '../text-safety.js';

/**
 * The text policy on entry for texts given on the command line (--title, --to, --contact): the same rule as a
 * registry name (src/text-safety.ts), reported naming the option (exit 2). Options not given are skipped.
 */
export function checkOptionTexts(options: Readonly<Record<string, string | null | undefined>>): void {
  const problems: SetupError['problems'][number][] = [];
  for (const [option, text] of Object.entries(options)) {
    if (text === undefined || text === null) continue;
    const d = textDefect(text, MAX_OPTION_CHARS);
    if (d === null) continue;
    problems.push(
      d.kind === 'too-long'
        ? { code: 'option-too-long', params: { option, length: d.length, max: d.max } }
        : { code: 'option-bad-character', params: { option, kind: d.kind, char: d.char, position: d.position } },
    );
  }
  if (problems.length > 0) throw new SetupError(problems);
}
