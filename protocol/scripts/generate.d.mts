// Types for scripts/generate.mjs, so the tests can call it.
export declare const paths: { schema: string; types: string; schemaModule: string };
export declare function generateTypes(schema: Record<string, unknown>): string;
export declare function generateSchemaModule(schema: Record<string, unknown>): string;
export declare function outputs(): Array<[file: string, text: string]>;
