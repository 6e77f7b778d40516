/**
 * A secret that came from a server (a client secret, a token secret, an access token) and must
 * never reach a screen, a log or a file by accident: printing it, interpolating it or serializing it
 * shows "[secret]". Code that really needs the value (to store a freshly registered client's secret,
 * or to compare) asks for it by name with reveal() or matches().
 */
const shown = '[secret]';

export class SecretValue {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
	}

	/** The value itself: only for storing it where secrets belong (the 0600 config). */
	reveal(): string {
		return this.#value;
	}

	/** True when `candidate` is this secret (used to compare without showing either). */
	matches(candidate: string | undefined): boolean {
		return candidate !== undefined && candidate === this.#value;
	}

	get isEmpty(): boolean {
		return this.#value === '';
	}

	toString(): string {
		return shown;
	}

	toJSON(): string {
		return shown;
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return `SecretValue(${shown})`;
	}
}
