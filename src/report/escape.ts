import { pageText } from '../text-safety.js';

// Text from data, made safe for HTML (the page and the PDF's header): the text policy's pageText (no character XML
// cannot hold, no bidi control), then & < > " ' as entities.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown): string => pageText(String(v)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A user's text (a branch name, a file name) in the page's text: escaped and isolated, so that a right-to-left name
 *  cannot reorder the words around it. */
export const user = (v: unknown): string => `<bdi>${esc(v)}</bdi>`;
