/**
 * Terminal escape sequences the wizard needs: OSC 52 (set the clipboard of the terminal the
 * user sits at, which works over SSH where no clipboard program can reach the user's desktop)
 * and OSC 8 (clickable hyperlinks). Pure string builders; writing them is the UI's job.
 */

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

// Control characters inside an escape sequence would end it early and let data inject sequences.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * OSC 52 "copy to clipboard". Inside tmux (TMUX set) the sequence is wrapped in tmux's DCS
 * passthrough (`ESC P tmux; ... ESC \`, inner ESCs doubled); tmux 3.3+ forwards it only with
 * `set -g allow-passthrough on`, or handles plain OSC 52 itself with `set -g set-clipboard on`.
 */
export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
	const sequence = `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
	if (env.TMUX) return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ST}`;
	return sequence;
}

/** OSC 8 hyperlink: `text` shown, `url` opened on click (terminals without OSC 8 show the text). */
export function osc8(url: string, text: string): string {
	return `${ESC}]8;;${url.replace(controls, '')}${ST}${text.replace(controls, '')}${ESC}]8;;${ST}`;
}
