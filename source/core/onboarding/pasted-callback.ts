/**
 * The paste fallback of step 9: when the browser cannot reach the loopback callback (a remote
 * session without port forwarding, a blocked port, an `oob` client), the user pastes what the
 * browser shows: the full redirect URL from the address bar, OSCAR's oob page text, or the bare
 * verifier. Errors say what was wrong without echoing the pasted text.
 */

type PastedCallbackErrorCode = 'empty' | 'wrong-token' | 'denied' | 'garbage';

export class PastedCallbackError extends Error {
	constructor(
		readonly code: PastedCallbackErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'PastedCallbackError';
	}
}

interface PastedCallback {
	readonly verifier: string;
	/** The request token the paste names, when it names one (a bare verifier does not). */
	readonly token?: string;
}

// What CXF's verifiers and tokens look like, and what survives in a URL unencoded.
const bareValue = /^[\w.~+/=-]{4,512}$/;
const oobPage = /request token\s+(\S+)\s+has verifier\s+(\S+)/i;

function fromParams(params: URLSearchParams, expectedToken: string): PastedCallback {
	const tokens = params.getAll('oauth_token');
	const verifiers = params.getAll('oauth_verifier');
	if (tokens.length > 1 || verifiers.length > 1) {
		throw new PastedCallbackError('garbage', 'The pasted URL carries oauth_token or oauth_verifier twice: copy the address bar again.');
	}

	const token = tokens[0];
	if (token !== undefined && token !== expectedToken) {
		throw new PastedCallbackError(
			'wrong-token',
			'The pasted URL belongs to another authorization (its oauth_token is not the one just requested): paste the address from the window you opened for this authorization, or start again.',
		);
	}

	const verifier = verifiers[0];
	if (verifier === undefined) {
		if (token !== undefined) {
			throw new PastedCallbackError(
				'denied',
				'The pasted URL has no oauth_verifier: OSCAR redirects that way when the authorization is denied. Start again and press "Authorize" as the dedicated user.',
			);
		}

		throw new PastedCallbackError(
			'garbage',
			'The pasted URL has no oauth_verifier: paste the full address the browser was redirected to after you authorized.',
		);
	}

	if (verifier === '') throw new PastedCallbackError('garbage', 'The pasted URL has an empty oauth_verifier: copy the address bar again.');
	return token === undefined ? {verifier} : {verifier, token};
}

/** Parse a pasted redirect URL, query string, oob page text or bare verifier. */
export function parsePastedCallback(text: string, expectedToken: string): PastedCallback {
	const value = text
		.trim()
		.replace(/^(["'<])(.*)["'>]$/s, '$2')
		.trim();
	if (value === '')
		throw new PastedCallbackError('empty', 'Nothing was pasted: paste the address the browser was redirected to, or the verifier.');
	const oob = oobPage.exec(value);
	if (oob) {
		const [, token, verifier] = oob;
		if (token !== expectedToken) {
			throw new PastedCallbackError(
				'wrong-token',
				'The pasted page names another request token: it belongs to an earlier authorization. Start again and paste the new page.',
			);
		}

		return {verifier: verifier!.replace(/[.,;]$/, ''), token};
	}

	if (/^[a-z][a-z\d+.-]*:\/\//i.test(value)) {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw new PastedCallbackError('garbage', 'The pasted text starts like a URL but is not a valid one: copy the whole address bar.');
		}

		return fromParams(url.searchParams, expectedToken);
	}

	if (/oauth_(token|verifier)=/.test(value)) return fromParams(new URLSearchParams(value.replace(/^[^?]*\?/, '')), expectedToken);
	if (bareValue.test(value)) {
		if (value === expectedToken) {
			throw new PastedCallbackError(
				'garbage',
				'That is the request token (oauth_token), not the verifier: paste the oauth_verifier value or the whole redirected address.',
			);
		}

		return {verifier: value};
	}

	throw new PastedCallbackError(
		'garbage',
		'The pasted text is neither the redirected address (http://127.0.0.1:PORT/callback?oauth_token=...&oauth_verifier=...) nor a verifier.',
	);
}
