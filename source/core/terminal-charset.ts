/**
 * Whether the terminal can show more than ASCII, and ASCII stand-ins for everything the dashboard
 * draws. A terminal without a UTF-8 locale (LANG=C, LC_ALL=POSIX, nothing set at all) shows box
 * lines and check marks as mojibake that also breaks the column layout; there the dashboard draws
 * `+ ! x ?` for statuses, `>` for the cursor and `-` `|` `+` for boxes. Pure: no terminal here.
 */

/** The locale that decides the character set, as the C library reads it: LC_ALL, then LC_CTYPE, then LANG. */
export function ctypeLocale(env: NodeJS.ProcessEnv): string {
	for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG'] as const) {
		const value = env[name];
		if (value !== undefined && value !== '') return value;
	}

	return 'POSIX';
}

/** True when the terminal should get ASCII only: `--ascii`, or a locale without UTF-8. */
export function prefersAscii(env: NodeJS.ProcessEnv, flag = false): boolean {
	return flag || !/utf-?8/i.test(ctypeLocale(env));
}

/** Single-cell ASCII for the characters the dashboard draws itself (the theme uses the same ones). */
const standIns: Readonly<Record<string, string>> = {
	'✔': '+',
	'✖': 'x',
	'▲': '!',
	'⚠': '!',
	'·': '.',
	'•': '*',
	'›': '>',
	'‹': '<',
	'…': '.',
	'↑': '^',
	'↓': 'v',
	'←': '<',
	'→': '>',
	'▾': 'v',
	'▸': '>',
	'─': '-',
	'│': '|',
	'═': '=',
	'║': '|',
	'╭': '+',
	'╮': '+',
	'╰': '+',
	'╯': '+',
	'┌': '+',
	'┐': '+',
	'└': '+',
	'┘': '+',
	'├': '+',
	'┤': '+',
	'┬': '+',
	'┴': '+',
	'┼': '+',
	'–': '-',
	'—': '-',
	'‘': "'",
	'’': "'",
	'“': '"',
	'”': '"',
	'±': '+',
	'\u00A0': ' ',
};

// East Asian wide and fullwidth ranges plus emoji: they take two cells, so they become two stand-ins.
const wide =
	/[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/**
 * `text` with every non-ASCII character replaced by ASCII of the same width: known drawing glyphs by
 * their stand-in, anything else by `?` (two for a wide character), so the layout stays aligned.
 * Escape sequences are ASCII and pass unchanged.
 */
export function asciiFold(text: string): string {
	return text.replace(
		// eslint-disable-next-line no-control-regex
		/[^\u0000-\u007F]/gu,
		character => standIns[character] ?? (wide.test(character) ? '??' : /[\p{M}\p{Cf}]/u.test(character) ? '' : '?'),
	);
}
