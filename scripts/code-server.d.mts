// Types for scripts/code-server.mjs, which the VS Code extension's e2e test imports.
export declare const CODE_SERVER_VERSION: string;
export declare const CODE_SERVER_NODE_VERSION: string;
/** The Node that runs code-server (not the project's Node). */
export declare const codeServerNode: string;
/** code-server's entry script, run as `codeServerNode codeServerEntry ...`. */
export declare const codeServerEntry: string;
export declare function ensureCodeServer(): void;
