// The types of layers.config.js, for the tests that read the table.
export interface Layer {
  name: string;
  says: string;
  /** Files, and folders ending in '/' (their .ts files, not sub-folders). */
  members: string[];
  pure?: boolean;
  /** true: each member is a unit of its own; 'files': each file of the members is. */
  apart?: true | 'files';
}
export interface Tie {
  from: string;
  to: string;
  why: string;
}
export declare const LAYERS: Layer[];
export declare const TIES: Tie[];
export declare const COMMANDS_APART: boolean;
export declare const CORE_PACKAGES: string[];
