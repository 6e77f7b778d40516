// ANSI screen -> SVG terminal picture, for the README pictures (`npm run media`). Input is what
// `tmux capture-pane -p -e` prints: text lines with SGR escapes (16 basic, 256-colour and truecolor
// foreground/background, bold, dim, italic, underline, inverse). Output is a self-contained SVG
// with one text run per same-style stretch of cells, placed on the cell grid, font-family monospace,
// so no fonts have to be shipped. Other escapes (cursor moves, OSC titles) are dropped.

/** Terminal colours: default foreground/background and the 16 basic colours (a dark theme). */
export const theme = Object.freeze({
	foreground: '#d4d4d4',
	background: '#1e1e1e',
	basic: Object.freeze([
		'#1e1e1e',
		'#f14c4c',
		'#23d18b',
		'#e5c07b',
		'#3b8eea',
		'#d670d6',
		'#29b8db',
		'#cccccc',
		'#666666',
		'#ff6b6b',
		'#3fe0a0',
		'#f5e56b',
		'#61afef',
		'#e67ee6',
		'#56d4ef',
		'#ffffff',
	]),
});

const hex2 = n => n.toString(16).padStart(2, '0');
const rgb = (r, g, b) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** The xterm 256-colour palette entry `n` as #rrggbb (0-15 use the theme's basic colours). */
export function color256(n) {
	if (n < 16) return theme.basic[n];
	if (n < 232) {
		const steps = [0, 95, 135, 175, 215, 255];
		const index = n - 16;
		return rgb(steps[Math.floor(index / 36)], steps[Math.floor(index / 6) % 6], steps[index % 6]);
	}

	const level = 8 + (n - 232) * 10;
	return rgb(level, level, level);
}

const defaultStyle = Object.freeze({
	fg: undefined,
	bg: undefined,
	bold: false,
	dim: false,
	italic: false,
	underline: false,
	inverse: false,
});

/** Read an extended colour (`5;n` or `2;r;g;b`) from SGR params at `index`; returns [colour, params consumed]. */
function extendedColor(params, index) {
	const mode = params[index];
	if (mode === 5 && params[index + 1] !== undefined) return [color256(clampByte(params[index + 1])), 2];
	if (mode === 2 && params[index + 3] !== undefined) {
		return [rgb(clampByte(params[index + 1]), clampByte(params[index + 2]), clampByte(params[index + 3])), 4];
	}

	return [undefined, params.length - index];
}

function clampByte(value) {
	return Math.max(0, Math.min(255, Number.isFinite(value) ? value : 0));
}

/** Apply one SGR sequence's parameter string (e.g. "1;38;5;208") to a style; returns the new style. */
function applySgr(style, parameterText) {
	const next = {...style};
	// Colon sub-parameters (38:2::r:g:b, 38:5:n) become the same list as the semicolon form.
	const groups = parameterText === '' ? ['0'] : parameterText.split(';');
	const params = [];
	for (const group of groups) {
		if (group.includes(':')) {
			const parts = group.split(':').map(part => (part === '' ? undefined : Number(part)));
			// 38:2:colourspace:r:g:b has an extra (often empty) colourspace field.
			if (parts[1] === 2 && parts.length >= 6) parts.splice(2, 1);
			params.push(...parts.filter(part => part !== undefined));
		} else {
			params.push(group === '' ? 0 : Number(group));
		}
	}

	for (let index = 0; index < params.length; index++) {
		const code = params[index];
		if (code === 0) Object.assign(next, defaultStyle);
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 3) next.italic = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 22) {
			next.bold = false;
			next.dim = false;
		} else if (code === 23) next.italic = false;
		else if (code === 24) next.underline = false;
		else if (code === 27) next.inverse = false;
		else if (code >= 30 && code <= 37) next.fg = theme.basic[code - 30];
		else if (code >= 90 && code <= 97) next.fg = theme.basic[code - 90 + 8];
		else if (code >= 40 && code <= 47) next.bg = theme.basic[code - 40];
		else if (code >= 100 && code <= 107) next.bg = theme.basic[code - 100 + 8];
		else if (code === 39) next.fg = undefined;
		else if (code === 49) next.bg = undefined;
		else if (code === 38 || code === 48) {
			const [colour, used] = extendedColor(params, index + 1);
			if (code === 38) next.fg = colour;
			else next.bg = colour;
			index += used;
		}
	}

	return next;
}

/** Columns a character takes: 2 for East Asian wide and emoji, 0 for combining marks, else 1. */
function charWidth(char) {
	const code = char.codePointAt(0) ?? 0;
	if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
	if (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1faff) ||
		(code >= 0x20000 && code <= 0x3fffd)
	)
		return 2;
	return 1;
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), or any other two-byte escape.
// eslint-disable-next-line no-control-regex
const escapePattern = /\u001B\[([0-?]*)([ -/]*)([@-~])|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-_]/gy;

/**
 * Parse an ANSI screen into rows of cells `{char, style}`. Style carries over line ends, as in
 * tmux's output where a colour set on one line may still hold on the next. Wide characters take
 * their cell plus an empty continuation cell (`char: ''`).
 */
export function parseAnsi(text) {
	const rows = [];
	let style = {...defaultStyle};
	for (const line of text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) {
		const cells = [];
		let index = 0;
		while (index < line.length) {
			if (line[index] === '\u001B') {
				escapePattern.lastIndex = index;
				const match = escapePattern.exec(line);
				if (match) {
					if (match[3] === 'm' && match[2] === '') style = applySgr(style, match[1] ?? '');
					index = escapePattern.lastIndex;
					continue;
				}

				index++;
				continue;
			}

			const char = String.fromCodePoint(line.codePointAt(index));
			index += char.length;
			if (char === '\t') {
				do cells.push({char: ' ', style});
				while (cells.length % 8 !== 0);
				continue;
			}

			if (char < ' ' || char === '\u007F') continue;
			const width = charWidth(char);
			if (width === 0) {
				const last = cells.at(-1);
				if (last) last.char += char;
				continue;
			}

			cells.push({char, style});
			if (width === 2) cells.push({char: '', style});
		}

		rows.push(cells);
	}

	return rows;
}

/** Escape text for XML character data and attribute values. */
export function escapeXml(text) {
	return text.replace(/[&<>"']/g, char => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[char]);
}

function resolved(style) {
	let fg = style.fg ?? theme.foreground;
	let bg = style.bg;
	if (style.inverse) {
		[fg, bg] = [bg ?? theme.background, fg];
	}

	return {fg, bg, bold: style.bold, dim: style.dim, italic: style.italic, underline: style.underline};
}

const sameText = (a, b) => a.fg === b.fg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;

/**
 * Render an ANSI screen as an SVG terminal window. Options: columns/rows (the grid; default: the
 * widest line / number of lines), title (shown in the window bar), fontSize (px, default 14).
 */
export function ansiToSvg(text, options = {}) {
	const grid = parseAnsi(text);
	const columns = options.columns ?? Math.max(1, ...grid.map(cells => cells.length));
	const rows = options.rows ?? Math.max(1, grid.length);
	const fontSize = options.fontSize ?? 14;
	const cellWidth = Math.round(fontSize * 0.6 * 100) / 100;
	const lineHeight = Math.round(fontSize * 1.25 * 100) / 100;
	const padding = 14;
	const bar = options.title === undefined ? 0 : 30;
	const width = Math.ceil(padding * 2 + columns * cellWidth);
	const height = Math.ceil(bar + padding * 2 + rows * lineHeight);
	const x = column => Math.round((padding + column * cellWidth) * 100) / 100;
	const y = row => Math.round((bar + padding + row * lineHeight) * 100) / 100;

	const backgrounds = [];
	const texts = [];
	for (const [rowIndex, cells] of grid.slice(0, rows).entries()) {
		const visible = cells.slice(0, columns).map(cell => ({char: cell.char, ...resolved(cell.style)}));
		// Background runs.
		for (let start = 0; start < visible.length;) {
			const bg = visible[start].bg;
			let end = start + 1;
			while (end < visible.length && visible[end].bg === bg) end++;
			if (bg !== undefined) {
				backgrounds.push(
					`<rect x="${x(start)}" y="${y(rowIndex)}" width="${Math.round((end - start) * cellWidth * 100) / 100}" height="${lineHeight}" fill="${bg}"/>`,
				);
			}

			start = end;
		}

		// Text runs: same look, split at blanks so every run starts on its own cell.
		for (let start = 0; start < visible.length;) {
			if (visible[start].char === ' ' || visible[start].char === '') {
				start++;
				continue;
			}

			let end = start + 1;
			while (
				end < visible.length &&
				sameText(visible[end], visible[start]) &&
				!(visible[end].char === ' ' && (visible[end + 1]?.char ?? ' ') === ' ')
			)
				end++;
			const next = end;
			// A trailing blank would be squeezed out by the browser and the glyphs stretched over it.
			while (end > start + 1 && visible[end - 1].char === ' ') end--;
			const cell = visible[start];
			const content = visible
				.slice(start, end)
				.map(item => item.char)
				.join('');
			const attributes = [`x="${x(start)}"`, `y="${y(rowIndex) + lineHeight / 2}"`, `fill="${cell.fg}"`];
			if (cell.bold) attributes.push('font-weight="bold"');
			if (cell.dim) attributes.push('fill-opacity="0.6"');
			if (cell.italic) attributes.push('font-style="italic"');
			if (cell.underline) attributes.push('text-decoration="underline"');
			const cellsWide = end - start;
			// Pin the run to the grid whatever the font's real advance is.
			attributes.push(`textLength="${Math.round(cellsWide * cellWidth * 100) / 100}"`, 'lengthAdjust="spacingAndGlyphs"');
			texts.push(`<text ${attributes.join(' ')}>${escapeXml(content)}</text>`);
			start = next;
		}
	}

	const title =
		options.title === undefined
			? ''
			: [
					'<circle cx="20" cy="15" r="5.5" fill="#ff5f57"/><circle cx="38" cy="15" r="5.5" fill="#febc2e"/><circle cx="56" cy="15" r="5.5" fill="#28c840"/>',
					`<text x="${width / 2}" y="15" fill="#8a8a8a" font-family="sans-serif" text-anchor="middle" dominant-baseline="central" font-size="12">${escapeXml(options.title)}</text>`,
				].join('\n');
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
		options.title === undefined ? '' : `<title>${escapeXml(options.title)}</title>`,
		`<rect width="${width}" height="${height}" rx="8" fill="${theme.background}"/>`,
		title,
		'<g shape-rendering="crispEdges">',
		...backgrounds,
		'</g>',
		`<g font-family="ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="${fontSize}" dominant-baseline="central" xml:space="preserve">`,
		...texts,
		'</g>',
		'</svg>',
		'',
	]
		.filter(line => line !== '')
		.join('\n');
}
