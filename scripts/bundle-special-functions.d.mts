// Types of scripts/bundle-special-functions.mjs, for the test that bundles the @stdlib functions again.
export const MODULE: string;
export const FUNCTIONS: [name: string, pkg: string, type: string][];
export function moduleText(): Promise<string>;
