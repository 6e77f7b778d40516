/**
 * RFC 3986 percent-encoding as OAuth 1.0a uses it: everything but the unreserved set
 * (RFC 5849 3.6; encodeURIComponent leaves !'()* alone). One copy for the client's signing and
 * the redaction of encoded secrets. The simulator and the tests' verifiers keep their own copies
 * on purpose: they check the client's signatures independently.
 */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
