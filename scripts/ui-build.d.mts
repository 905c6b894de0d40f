// Types for scripts/ui-build.mjs, which the browser tests' setup imports.
/** The UI build the servers serve (ui/dist of this checkout). */
export declare const uiDist: string;
/** What is wrong with the UI build in `dist` (default ui/dist), with what to do; undefined for a production build. */
export declare function uiBuildProblem(dist?: string): string | undefined;
