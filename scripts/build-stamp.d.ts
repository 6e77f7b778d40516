/** The hash of every build input's path and content under `from` (the project by default). */
export function sourceHash(from?: string): string;
/** Build when dist/ is missing or stale; true when dist/ is current afterwards. */
export function ensureBuilt(): boolean;
