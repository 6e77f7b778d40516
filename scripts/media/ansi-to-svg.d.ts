// Types for ansi-to-svg.js (a plain Node script so `npm run media` needs no build step of its own).
export interface CellStyle {
	readonly fg: string | undefined;
	readonly bg: string | undefined;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly inverse: boolean;
}

export interface Cell {
	char: string;
	readonly style: CellStyle;
}

export interface AnsiToSvgOptions {
	readonly columns?: number;
	readonly rows?: number;
	readonly title?: string;
	readonly fontSize?: number;
}

export declare const theme: {readonly foreground: string; readonly background: string; readonly basic: readonly string[]};
export declare function color256(n: number): string;
export declare function parseAnsi(text: string): Cell[][];
export declare function escapeXml(text: string): string;
export declare function ansiToSvg(text: string, options?: AnsiToSvgOptions): string;
