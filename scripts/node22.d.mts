/** Types of scripts/node22.mjs (plain JavaScript so that it starts on any Node). */
export declare const MIN_MAJOR: number;
export declare const PINNED: {
  version: string;
  packages: Record<string, { name: string; integrity: string } | undefined>;
};
export declare function needsNode22(version: string): boolean;
export declare function matchesIntegrity(bytes: Uint8Array, integrity: string): boolean;
export declare function installFromTarball(options: { tarball: string; integrity: string; root: string; version: string }): string;
export declare function ensureNode22(root: string, log?: (line: string) => void): string;
