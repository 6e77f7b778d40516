/**
 * What server text may become evidence. Two rules, applied at the one place probe results are made
 * (source/oscar/probes/evidence.ts) and wherever a command prints an OSCAR answer:
 * - the values of oauth_token_secret, oauth_verifier and oauth_signature are secrets whatever the
 *   step (a request-token answer, a callback URL, an Authorization header): they become [redacted];
 * - a Java stack trace is shown as its exception line and top frame, never whole.
 */

const oauthSecretNames = 'oauth_token_secret|oauth_verifier|oauth_signature';

// name=value (form, query), name="value" (Authorization header), "name":"value" (JSON), and the
// percent-encoded name%3Dvalue of a signature base string; the value ends where its syntax does.
const oauthSecretValue = new RegExp(
	`(${oauthSecretNames})((?:\\s*=\\s*"?)|(?:"\\s*:\\s*")|(?:%3[Dd]))((?:(?!%26|\\[redacted\\])[^&"\\s,;<>])*)`,
	'g',
);

/** Every oauth_token_secret, oauth_verifier and oauth_signature value replaced with [redacted]. */
export function redactOAuthValues(text: string): string {
	return text.replace(oauthSecretValue, (whole, name: string, separator: string, value: string) =>
		value === '' ? whole : `${name}${separator}[redacted]`,
	);
}

const stackTraceHead = /^[ \t]*((?:[\w$]+\.)+[\w$]*(?:Exception|Error|Throwable)\b[^\r\n]*)\r?\n[ \t]*at[ \t]+([^\r\n]+)/m;

/** "java.lang.NullPointerException at a.b.C.m(C.java:1)" when the text holds a Java stack trace. */
export function stackTraceTop(text: string): string | undefined {
	const match = stackTraceHead.exec(text);
	return match ? `${match[1]!.trim()} at ${match[2]!.trim()}` : undefined;
}
