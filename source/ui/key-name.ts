/**
 * How key names are shown to people. The names themselves ('down', 'shift+down', 'ctrl+a', 'G',
 * 'space') come from the one tokenizer (key-tokenizer.ts) and are the vocabulary of the keymap
 * table, its footer hints and the help overlay.
 */

/** How a key name is shown to people: 'down' -> '↓', 'pagedown' -> 'PgDn'. */
export function displayKey(name: string): string {
	const names: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		'shift+up': 'shift+↑',
		'shift+down': 'shift+↓',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		escape: 'Esc',
		tab: 'Tab',
		'shift+tab': 'shift+Tab',
		space: 'Space',
	};
	return names[name] ?? name;
}
