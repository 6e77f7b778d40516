/**
 * Ink's (input, key) pair -> one readable key name ('down', 'shift+down', 'ctrl+a', 'G', 'space'),
 * the vocabulary of the keymap table, its footer hints and the help overlay.
 */
import type {Key} from 'ink';

export function keyName(input: string, key: Key): string {
	const shift = key.shift ? 'shift+' : '';
	if (key.upArrow) return `${shift}up`;
	if (key.downArrow) return `${shift}down`;
	if (key.leftArrow) return `${shift}left`;
	if (key.rightArrow) return `${shift}right`;
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return `${shift}tab`;
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input.length > 0) return `ctrl+${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	return input;
}

/** How a key name is shown to people: 'down' -> '↓', 'pagedown' -> 'PgDn'. */
export function displayKey(name: string): string {
	const names: Record<string, string> = {
		up: '↑', down: '↓', left: '←', right: '→', 'shift+up': 'shift+↑', 'shift+down': 'shift+↓',
		pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', enter: 'Enter', escape: 'Esc', tab: 'Tab',
		'shift+tab': 'shift+Tab', space: 'Space',
	};
	return names[name] ?? name;
}
