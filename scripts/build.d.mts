/**
 * Builds root/dist/ (default: this checkout) from the TypeScript under src/, adapters/, commands/
 * and scripts/ when it changed since the last build. Resolves to the number of files written
 * (0 when dist/ was up to date); rejects with esbuild's error on a syntax error.
 */
export declare function buildDist(root?: string): Promise<number>;
