export declare const CLI_SOURCES: string[];
export declare const CLI_BUNDLE: string;
export declare function newestMtime(root: string, paths?: readonly string[]): number;
export declare function bundleIsStale(root: string, bundle?: string, paths?: readonly string[]): boolean;
