/**
 * The diagnosis catalogue: every finding the tool can report, as data. Codes are stable
 * (they appear in --json, nagios and prometheus output and in the README's table).
 * Causes and fix steps are written for a clinic sysadmin, not for an OAuth expert: they name
 * the exact file, attribute or command, because "check your configuration" fixes nothing. Fix
 * steps are templates filled with the integration's real values by fix-steps.ts.
 */
import type {Severity} from './report.js';

/** An onboarding step 1-9 (../reference onboarding-steps), or null when no step repairs it. */
export type OnboardingStep = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface Diagnosis {
	readonly code: string;
	readonly severity: Severity;
	/** Short, for a table cell: "REST module off". */
	readonly title: string;
	/** One line: what is wrong. */
	readonly summary: string;
	readonly causes: readonly string[];
	/**
	 * Numbered steps, as templates: {id}, {host}, {port}, {base}, {ssh}, {callbackPort} and the
	 * proxy values are filled from the report and this machine by core/fix-steps.ts (fixSteps).
	 */
	readonly fix: readonly string[];
	/** CARLOS's steps where they differ (its tokens live 3600 s and are never deleted after a failure). */
	readonly fixCarlos?: readonly string[];
	readonly step: OnboardingStep | null;
}

const tlsFix = [
	"Get the clinic's CA certificate (PEM) from whoever issued the server certificate, or export it from a browser that trusts the site.",
	'Trust it explicitly: give the instance the CA file with --ca FILE (oscar-rest add instance {instance} {base} --ca FILE, or e in the dashboard).',
	'Never disable verification silently: --insecure-tls exists for emergencies only and is reported as the warning tls-insecure-accepted.',
] as const;

const timeoutCauses = (phase: string): string[] => [
	`A firewall drops the packets silently during the ${phase}, instead of refusing them.`,
	'The server or the network path is overloaded.',
	'The instance answers only inside the clinic network or a VPN that this machine is not on.',
];

const ok = (code: string, title: string, summary: string): Diagnosis => ({
	code,
	severity: 'ok',
	title,
	summary,
	causes: [],
	fix: [],
	step: null,
});

const entries: Diagnosis[] = [
	// ok
	ok('ok', 'Healthy', 'The integration is healthy: OSCAR answers, the clock agrees and the token works.'),
	ok('rest-module-on', 'REST module on', "OSCAR's REST module is enabled: the OAuth endpoints under /ws/oauth answer."),
	ok('clock-ok', 'Clock in sync', "This machine's clock and OSCAR's clock agree to within 120 seconds."),
	ok('credentials-ok', 'Key and secret work', 'OSCAR accepted a signed request-token call with this client key and secret.'),
	ok('token-ok', 'Token works', 'The access token is accepted and acts as the expected provider.'),
	ok('fingerprint-ok', 'OSCAR identified', 'The login page identifies the server as OSCAR (title and build tag).'),
	ok('proxy-url-ok', 'Public URL matches', 'The URL Tomcat sees matches the public URL, so signatures verify.'),

	// network
	{
		code: 'dns-not-found',
		severity: 'critical',
		title: 'Host name not found',
		summary: 'The host name in the base URL does not resolve to an address.',
		causes: [
			"A typo in the base URL's host name.",
			"The name exists only in the clinic's internal DNS or VPN, which this machine does not use.",
			'The DNS record was removed or not yet created after a server move.',
		],
		fix: [
			'Compare the host name with the address the clinic uses in its browser to open OSCAR.',
			'Run `nslookup {host}` (or `dig {host}`) on this machine; if it fails, fix the DNS record or connect to the clinic network/VPN.',
			"Correct the instance's base URL if it was mistyped, then check again.",
		],
		step: null,
	},
	{
		code: 'connection-refused',
		severity: 'critical',
		title: 'Connection refused',
		summary: 'The host answered but nothing listens on that port.',
		causes: [
			'Tomcat is stopped or still starting.',
			'The port in the base URL is wrong (e.g. 8443 vs 443, 8080 vs 8443).',
			'A firewall on the server actively rejects the connection.',
		],
		fix: [
			"Check that Tomcat runs on the server (`systemctl status tomcat*`, or the hosting provider's console).",
			'Confirm the port: open {base}/index.jsp in a browser from the same network, and run `nc -vz {host} {port}` here.',
			"Fix the base URL's port or open the port in the server firewall, then check again.",
		],
		step: null,
	},
	{
		code: 'timeout-lookup',
		severity: 'critical',
		title: 'DNS lookup timed out',
		summary: 'Resolving the host name took too long: the DNS server did not answer in time.',
		causes: ["This machine's DNS server is unreachable or overloaded.", 'The name is only resolvable through a VPN that is down.'],
		fix: [
			'Run `nslookup {host}` on this machine and check /etc/resolv.conf (or `resolvectl status`).',
			'Connect the VPN or fix the DNS server setting, then check again.',
		],
		step: null,
	},
	{
		code: 'timeout-connect',
		severity: 'critical',
		title: 'Connect timed out',
		summary: 'No TCP connection could be opened in time: packets get no answer.',
		causes: timeoutCauses('connection set-up'),
		fix: [
			'Test from this machine: `nc -vz {host} {port}` (or `curl -v {base}/index.jsp`).',
			"Ask the clinic or hosting provider to allow this machine's address through the firewall for that port.",
			'If the server is down, restart it and check again.',
		],
		step: null,
	},
	{
		code: 'timeout-tls',
		severity: 'critical',
		title: 'TLS handshake timed out',
		summary: 'The TCP connection opened but the TLS handshake did not finish in time.',
		causes: [
			"The port speaks plain HTTP, not HTTPS (e.g. https:// pointed at Tomcat's 8080).",
			'A middlebox or overloaded server stalls the handshake.',
		],
		fix: [
			'Check the scheme and port: try `curl -v https://{host}:{port}/` and `curl -v http://{host}:{port}/`.',
			'Use https:// only with the HTTPS port (usually 443 or 8443), then check again.',
		],
		step: null,
	},
	{
		code: 'timeout-response',
		severity: 'critical',
		title: 'No response in time',
		summary: 'The connection opened but OSCAR did not send a response in time.',
		causes: [
			'Tomcat is overloaded, out of memory or stuck (long garbage collection, exhausted thread pool).',
			'The database behind OSCAR is slow or locked.',
			'A proxy in front of Tomcat waits for a backend that does not answer.',
		],
		fix: [
			"Open {base}/index.jsp in a browser: if OSCAR itself is slow, ask the hosting provider to check Tomcat's logs (catalina.out) and memory.",
			'Restart Tomcat if it is stuck, then check again.',
			'If the server is only slow, raise the timeout for this check.',
		],
		step: null,
	},
	{
		code: 'tls-self-signed',
		severity: 'critical',
		title: 'Self-signed certificate',
		summary: 'The server presents a self-signed certificate, which this machine does not trust.',
		causes: [
			'The clinic generated its own certificate (common for in-clinic OSCAR servers).',
			'A default Tomcat keystore certificate was never replaced.',
		],
		fix: [
			"Get the server's certificate (or the clinic's CA) as a PEM file: `openssl s_client -connect {host}:{port} -showcerts`.",
			'Trust it explicitly: give the instance the CA file with --ca FILE (oscar-rest add instance {instance} {base} --ca FILE, or e in the dashboard).',
			"Never disable verification silently; better still, replace it with a certificate from a public CA (e.g. Let's Encrypt).",
		],
		step: null,
	},
	{
		code: 'tls-unknown-ca',
		severity: 'critical',
		title: 'Unknown certificate issuer',
		summary: 'The server certificate is issued by a CA this machine does not trust, or its chain is incomplete.',
		causes: ['The clinic uses its own (private) CA.', 'The server sends only its leaf certificate without the intermediate certificates.'],
		fix: [
			...tlsFix,
			'If a public CA issued it, ask the hosting provider to install the full chain (leaf + intermediates) in Tomcat or the proxy.',
		],
		step: null,
	},
	{
		code: 'tls-expired',
		severity: 'critical',
		title: 'Certificate expired',
		summary: 'The server certificate has expired (or is not valid yet).',
		causes: [
			'The certificate was not renewed in time (automatic renewal failed or was never set up).',
			"This machine's or the server's clock is far off, so a valid certificate looks expired.",
		],
		fix: [
			'Check the dates: `openssl s_client -connect {host}:{port} | openssl x509 -noout -dates`.',
			'Ask the hosting provider to renew the certificate and restart Tomcat or the proxy.',
			'If the dates look right, fix the clock with NTP (`timedatectl set-ntp true`).',
			'Never disable verification silently: an expired certificate must be renewed, not ignored.',
		],
		step: null,
	},
	{
		code: 'tls-wrong-host',
		severity: 'critical',
		title: 'Certificate for other host',
		summary: 'The server certificate does not name the host in the base URL.',
		causes: [
			'The base URL uses an IP address or an internal name, while the certificate names the public host.',
			'Several sites share the server and the wrong certificate is served for this name.',
		],
		fix: [
			'See which names the certificate covers: `openssl s_client -connect {host}:{port} | openssl x509 -noout -ext subjectAltName`.',
			"Use one of those names in the instance's base URL, or ask the hosting provider for a certificate that includes this name.",
			'Never disable verification silently to work around a name mismatch.',
		],
		step: null,
	},
	{
		code: 'tls-insecure-accepted',
		severity: 'warning',
		title: 'TLS check disabled',
		summary: 'TLS certificate verification is disabled for this instance by an explicit --insecure-tls.',
		causes: [
			'Someone used --insecure-tls to get past a certificate error in an emergency.',
			'The certificate problem behind it (self-signed, unknown CA, expired) is still there.',
		],
		fix: [
			"Trust the clinic's CA with --ca FILE instead, so the connection is verified.",
			'Then remove --insecure-tls from the instance: anyone between this machine and OSCAR could read the tokens.',
		],
		step: null,
	},
	{
		code: 'network-error',
		severity: 'critical',
		title: 'Network error',
		summary: 'The request failed at the network level for a reason not covered by another diagnosis.',
		causes: [
			'The connection was reset or closed by the server or a proxy in the middle of the request.',
			'A network route, VPN or proxy setting on this machine is broken.',
		],
		fix: [
			'Read the error in the evidence (e.g. ECONNRESET, EHOSTUNREACH).',
			'Try `curl -v {base}/index.jsp` from this machine and compare with a browser inside the clinic.',
			'Fix the route or proxy, then check again.',
		],
		step: null,
	},

	// http
	{
		code: 'waf-blocked',
		severity: 'critical',
		title: 'Blocked by a firewall/WAF',
		summary: 'A web application firewall or CDN answered 403 with its own page: the request never reached OSCAR.',
		causes: [
			'A WAF or CDN (e.g. Cloudflare) blocks non-browser clients or unknown addresses.',
			"Geo-blocking or bot protection rejects this machine's address.",
		],
		fix: [
			'Look at the page in the evidence to see which product blocked it.',
			"Ask the hosting provider to allow-list this integration's public IP address for {base}/ws/* at the WAF/CDN.",
			'Check again once the rule is in place.',
		],
		step: null,
	},
	{
		code: 'wrong-context-path',
		severity: 'critical',
		title: 'Wrong context path',
		summary: 'The server answers, but not at this path: OSCAR is deployed under another context path.',
		causes: [
			'The base URL uses /oscar while OSCAR runs under another name (e.g. /oscar15, /kaiemr, /carlos).',
			'The base URL includes a page (e.g. /oscar/index.jsp) or misses the context path entirely.',
		],
		fix: [
			"Open OSCAR's login page in a browser and copy the part of the URL up to the context path (https://host[:port]/CONTEXT).",
			'See the evidence for other paths that answered.',
			"Update the instance's base URL, then check again.",
		],
		step: null,
	},
	{
		code: 'redirect-to-login',
		severity: 'critical',
		title: 'Redirected to a login',
		summary: 'The OAuth endpoint redirects to a login page instead of answering: something in front of it requires a session.',
		causes: [
			'A single sign-on gateway or proxy protects every path, including /ws/.',
			"The base URL points at a different application or portal page, not at OSCAR's context path.",
		],
		fix: [
			'See the redirect target in the evidence.',
			'Ask the hosting provider to exempt {base}/ws/oauth/* and {base}/ws/services/* from the login gateway (OAuth signs each request itself).',
			"Or correct the base URL to OSCAR's own context path, then check again.",
		],
		step: null,
	},
	{
		code: 'body-too-large',
		severity: 'critical',
		title: 'Response too large',
		summary: 'The response was larger than the limit (1 MiB by default) and was not read to the end.',
		causes: [
			'The URL answers with something other than an OSCAR endpoint (a file download, a large error page).',
			'A proxy sends a huge error or debug page.',
		],
		fix: ["Check the base URL: it must be OSCAR's context path.", 'Open the URL in the evidence in a browser to see what is served there.'],
		step: null,
	},
	{
		code: 'slow-response',
		severity: 'warning',
		title: 'Slow response',
		summary: 'OSCAR answered correctly but took more than 2 seconds.',
		causes: [
			'Tomcat or the database is under load (clinic hours, backups, reports).',
			'A slow network path or VPN between this machine and the server.',
		],
		fix: [
			'Compare the timings in the evidence: DNS, connect, TLS and first byte show where the time goes.',
			"If the server is slow, ask the hosting provider to check Tomcat's memory and the database load.",
		],
		step: null,
	},
	{
		code: 'server-error',
		severity: 'critical',
		title: 'Server error',
		summary: 'OSCAR (or a proxy in front of it) answered with a 5xx server error.',
		causes: [
			'OSCAR threw an exception (database unreachable, failed deployment).',
			'A proxy returns 502/503/504 because Tomcat is down or restarting.',
		],
		fix: [
			'See the status in the evidence: 502/503/504 point at the proxy or a stopped Tomcat, 500 at OSCAR itself.',
			"Ask the hosting provider to check Tomcat's log (catalina.out) at the time of the check.",
			'Check again after Tomcat is healthy.',
		],
		step: null,
	},
	{
		code: 'unexpected-response',
		severity: 'unknown',
		title: 'Unexpected response',
		summary: 'The server answered in a way no known OSCAR version does, so the result cannot be judged.',
		causes: [
			'The base URL points at something that is not OSCAR.',
			'A customised or very new OSCAR build, or a proxy rewriting responses.',
		],
		fix: [
			'Look at the status and body excerpt in the evidence.',
			"Verify that {base}/index.jsp opens OSCAR's login page in a browser.",
			"If it is OSCAR, create a support report (oscar-rest report {id}) and send it to the integration's vendor.",
		],
		step: null,
	},

	// rest
	{
		code: 'rest-module-off',
		severity: 'critical',
		title: 'REST module off',
		summary: 'OSCAR\'s REST module is not enabled: /ws/oauth answers 404 "No service was found."',
		causes: [
			'REST is off by default: ModuleNames in the OSCAR properties file does not include REST.',
			'REST was added with a space after the comma (e.g. "Caisi, REST"): OSCAR splits on "," without trimming, so " REST" is not recognised.',
			'The properties file was changed but Tomcat was not restarted.',
		],
		fix: [
			'Ask the hosting provider to edit the OSCAR properties file (e.g. oscar.properties / oscar_mcmaster.properties).',
			'Set the ModuleNames line to include REST, keeping the modules already listed: ModuleNames=Caisi,ERx,REST (no space after the comma).',
			'Restart Tomcat.',
			'Check again: Administration > Integrations should now show REST Clients.',
		],
		step: 3,
	},
	{
		code: 'oauth-beans-missing',
		severity: 'critical',
		title: 'OAuth endpoints missing',
		summary: 'REST resources are published but /ws/oauth/initiate answers 404: the OAuth beans did not register.',
		causes: [
			'The OAuth endpoints (applicationContextREST.xml) failed to load, while the REST resources did.',
			'The deployment registers the beans in spring_ws.xml and that entry is missing or broken.',
			'A ModuleNames typo loads a different context file than expected.',
		],
		fix: [
			"Ask the hosting provider to look in Tomcat's log (catalina.out) for Spring errors about applicationContextREST.xml at start-up.",
			'Make sure the OAuth beans (oauth initiate, authorize and token services) are registered, in applicationContextREST.xml or spring_ws.xml.',
			'Check the ModuleNames line (ModuleNames=...,REST, no space after the comma) and restart Tomcat.',
		],
		step: 3,
	},
	{
		code: 'json-provider-missing',
		severity: 'critical',
		title: 'JSON provider missing',
		summary: 'OSCAR cannot write JSON: 500 "No message body writer has been found".',
		causes: [
			'The Jackson JSON provider is not registered for the /ws/services endpoints.',
			'A customised or partially upgraded deployment dropped the provider bean.',
		],
		fix: [
			'Ask the hosting provider to add the Jackson JSON provider to the /services server in applicationContextREST.xml (jaxrs:providers).',
			'Restart Tomcat and check again.',
		],
		step: 3,
	},

	// clock
	{
		code: 'clock-skew',
		severity: 'critical',
		title: 'Clocks differ 5+ min',
		summary: "This machine's clock and OSCAR's differ by 300 seconds or more: OSCAR rejects every signed request.",
		causes: [
			'The server or this machine does not sync its clock (NTP off, blocked, or a VM that drifted after a pause).',
			'The clock was set by hand to local time as if it were UTC (time zones do not matter: OAuth uses epoch seconds).',
		],
		fix: [
			'Find which side is wrong: compare `date -u` on both machines with a reference (e.g. `chronyc tracking`, or time.nist.gov).',
			'Sync the clock with NTP (`timedatectl set-ntp true`, or install chrony) on whichever side is wrong.',
			'Check again (oscar-rest check {id}); on classic OSCAR a token used while the clocks differed may have been deleted (token-revoked): authorize it again with oscar-rest connect {id}.',
		],
		fixCarlos: [
			'Find which side is wrong: compare `date -u` on both machines with a reference (e.g. `chronyc tracking`, or time.nist.gov).',
			'Sync the clock with NTP (`timedatectl set-ntp true`, or install chrony) on whichever side is wrong.',
			'Check again (oscar-rest check {id}): CARLOS does not delete a token after a rejected request, so the token works again once the clocks agree.',
		],
		step: null,
	},
	{
		code: 'clock-skew-near',
		severity: 'warning',
		title: 'Clocks drifting apart',
		summary: "The clocks differ by 120-299 seconds, close to OSCAR's 300-second limit.",
		causes: ['NTP is off or failing on one side and the clock is drifting.', 'A virtual machine lost time while paused or migrated.'],
		fix: [
			'Sync the clock with NTP (`timedatectl set-ntp true`, or chrony) on whichever side is wrong.',
			'Until then, the token is not sent when the difference reaches 240 seconds, to protect it from deletion.',
		],
		step: null,
	},
	{
		code: 'clock-unmeasured',
		severity: 'unknown',
		title: 'Clock not measurable',
		summary: "The server's response had no usable Date header, so the clock difference is unknown.",
		causes: ['A proxy strips or rewrites the Date header.', 'The request failed before any response arrived.'],
		fix: [
			'Ask the hosting provider to let the Date header through the proxy.',
			'Make sure both machines sync their clocks with NTP (`timedatectl set-ntp true`).',
		],
		step: null,
	},

	// credentials
	{
		code: 'consumer-key-unknown',
		severity: 'critical',
		title: 'Client key unknown',
		summary: 'OSCAR does not know this client key (401 on the request-token call).',
		causes: [
			'The key was copied incompletely or with stray characters.',
			'The REST client was deleted in OSCAR or created on another instance (test vs production).',
		],
		fix: [
			"In OSCAR open Administration > Integrations > REST Clients and find this integration's row.",
			'Copy the Client Key again, exactly, into the integration (oscar-rest validates what you paste).',
			'If the row is missing, add the client again (steps 5-7) and copy the new key and secret (step 8).',
			'Check again: oscar-rest check {id} (the stored token is not sent until a signed request-token call succeeds).',
		],
		step: 8,
	},
	{
		code: 'request-rejected',
		severity: 'critical',
		title: 'Signed request rejected',
		summary: 'OSCAR knows the key but rejected the signed request (400); the exact cause could not be isolated.',
		causes: [
			'The client secret is wrong (copied incompletely, or from another client).',
			'The clocks differ by 300 seconds or more.',
			'A proxy changes the URL Tomcat sees (see proxy-url-mismatch).',
		],
		fix: [
			'Copy the Client Secret again from Administration > Integrations > REST Clients (step 8).',
			'Check the clock difference shown for the instance; sync with NTP if it is large.',
			'Run a deep check to test the proxy URL and the callback separately: oscar-rest check {id} --deep.',
		],
		step: 8,
	},
	{
		code: 'consumer-secret-wrong',
		severity: 'critical',
		title: 'Client secret wrong',
		summary:
			'OSCAR knows the client key but rejects every signature made with this secret (clock in step, no proxy URL matches): the client secret is wrong.',
		causes: [
			'The Client Secret was copied incompletely, with stray characters, or from another REST client.',
			'The REST client was deleted and added again in OSCAR, which generated a new secret.',
		],
		fix: [
			"In OSCAR open Administration > Integrations > REST Clients and find this integration's row.",
			"Copy the Client Secret again, exactly, into the integration (e in the dashboard, or the wizard's step 8, which proves it at once).",
			'Check again: oscar-rest check {id} (the stored token is not sent until a signed request-token call succeeds, so it is not at risk).',
		],
		step: 8,
	},
	{
		code: 'callback-rejected',
		severity: 'critical',
		title: 'Callback URL rejected',
		summary: 'The key and secret work, but OSCAR rejects the callback: it does not start with the registered URI.',
		causes: [
			"The REST client's URI in OSCAR differs from the start of the integration's callback URL.",
			'The URI was left blank in OSCAR, which rejects every callback.',
			'http vs https, a different port, or a trailing path differs between the two.',
		],
		fix: [
			'In OSCAR open Administration > Integrations > REST Clients and edit this client.',
			"Set the URI to a prefix of the integration's callback (e.g. URI http://127.0.0.1:{callbackPort} for callback http://127.0.0.1:{callbackPort}/callback).",
			'Save and check again: oscar-rest check {id} --deep.',
		],
		step: 6,
	},
	{
		code: 'proxy-url-mismatch',
		severity: 'critical',
		title: 'Proxy changes the URL',
		summary: 'Tomcat sees a different URL than the public one, so every signature fails to verify.',
		causes: [
			"A TLS-terminating proxy forwards https://host/ to Tomcat's http://host:8080, so Tomcat computes the signature over a different URL.",
			"Port 443 is forwarded to Tomcat's 8443, so Tomcat signs with :8443.",
			'The proxy rewrites the Host header to an internal name.',
		],
		fix: [
			"Ask the hosting provider to edit Tomcat's conf/server.xml, on the Connector the proxy forwards to (port {connectorPort}).",
			'Add the public address to it: <Connector port="{connectorPort}" ... scheme="{scheme}" secure="{secure}" proxyName="{proxyName}" proxyPort="{proxyPort}"/>.',
			'Restart Tomcat and check again: oscar-rest check {id} --deep signs for both URLs to confirm.',
		],
		step: null,
	},

	// token
	{
		code: 'token-missing',
		severity: 'warning',
		title: 'Not authorized yet',
		summary: 'The integration has no access token: the OAuth authorization has not been done.',
		causes: [
			'Step 9 (OAuth authorization) was never completed for this integration.',
			'The token was obtained elsewhere but not stored here.',
		],
		fix: [
			"Authorize: oscar-rest connect {id} (or o in the dashboard), open the address it prints in a new private/incognito window and log in as the integration's dedicated provider.",
			"Working over SSH? On your own computer run `ssh -L {callbackPort}:127.0.0.1:{callbackPort} {ssh}` first, so the browser's redirect reaches this machine (or paste the final address when asked).",
			'Or store a token obtained elsewhere: oscar-rest set-token {id} --token TOKEN.',
		],
		step: 9,
	},
	{
		code: 'token-expired',
		severity: 'critical',
		title: 'Token expired',
		summary: "The access token's lifetime has passed, so it was not sent.",
		causes: [
			"The REST client's token lifetime is a number of seconds (e.g. 3600) instead of -1.",
			"CARLOS issues tokens that live 3600 seconds regardless of the client's lifetime.",
		],
		fix: [
			"If tokens should not expire, set the REST client's lifetime to -1 in OSCAR (step 6; -1 means never expires).",
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window as the dedicated provider.',
		],
		fixCarlos: [
			"CARLOS access tokens live 3600 seconds whatever the REST client's lifetime says: setting the lifetime to -1 does not help.",
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window as the dedicated provider.',
			"Plan for the hour: the integration itself must re-authorize (or be re-authorized) before its token's hour is up; ask its vendor how it renews access on CARLOS.",
		],
		step: 9,
	},
	{
		code: 'token-revoked',
		severity: 'critical',
		title: 'Token revoked or deleted',
		summary: 'OSCAR no longer knows this access token (401): it was revoked, or OSCAR deleted it.',
		causes: [
			'Classic OSCAR DELETES an access token when a request carrying it fails validation: a skewed clock (outside ±300 s), a wrong token secret, or a reused nonce. One bad request destroys a working connection.',
			'An administrator deleted the REST client or its tokens in OSCAR.',
			'The database was restored from a backup older than the token, or the token belongs to another instance.',
		],
		fix: [
			'Fix the cause first: sync the clocks with NTP and make sure the stored token secret is the one issued with this token.',
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window, logged in as the dedicated provider. A deleted token cannot be restored.',
			'Check again to confirm the new token works: oscar-rest check {id}.',
		],
		fixCarlos: [
			'CARLOS does not delete a token after a rejected request: it no longer knows this one because its hour (3600 s) has passed, or it was revoked.',
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window, logged in as the dedicated provider.',
			'Check again to confirm the new token works: oscar-rest check {id}.',
		],
		step: 9,
	},
	{
		code: 'token-wrong-user',
		severity: 'critical',
		title: 'Token acts as wrong user',
		summary: "The access token acts as a different provider than the integration's dedicated user.",
		causes: [
			'The authorization was done in a browser already logged into OSCAR as someone else: OSCAR binds the token to that user and offers no way to switch.',
			'The wrong login was typed on the consent page.',
			'No dedicated provider was created for the integration (step 1).',
		],
		fix: [
			'Revoke the token in OSCAR, so it cannot act as that person any more.',
			'Make sure the dedicated provider for this integration exists (step 1) and has its roles (step 2).',
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window, logged in as the dedicated provider.',
		],
		step: 9,
	},
	{
		code: 'token-no-provider',
		severity: 'critical',
		title: 'Token has no provider',
		summary: 'The access token is bound to no provider: oauth/info cannot say whom it acts as.',
		causes: [
			'The consent was given without logging in, so the token was stored without a provider (providerNo empty); classic OSCAR then answers 401 for it.',
			'The provider record behind the token was deleted or is incomplete, so OSCAR answers "Sorry, there was an error building your resposne".',
		],
		fix: [
			'Check the dedicated provider still exists in OSCAR and has a login (step 1).',
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window, logging in as the dedicated provider on the consent page (a consent given without logging in binds no provider).',
		],
		step: 9,
	},
	{
		code: 'token-skipped-skew',
		severity: 'unknown',
		title: 'Token not tested (clock)',
		summary: 'The token was not sent because the clocks differ by 240 seconds or more; sending it could make OSCAR delete it.',
		causes: ["The server's or this machine's clock is off (see the clock diagnosis)."],
		fix: [
			'Sync the clock with NTP (`timedatectl set-ntp true`, or chrony) on whichever side is wrong.',
			'Check again: the token is tested once the difference is below 240 seconds.',
		],
		step: null,
	},
	{
		code: 'token-skipped-unproven',
		severity: 'unknown',
		title: 'Token held back',
		summary:
			'The token was not sent: no signed request has yet succeeded with this key, secret and URL, and the request-token call that would prove them failed.',
		causes: [
			'The integration is new or its base URL, key or secret changed, and the key, the secret, the callback or the URL Tomcat sees is wrong (see the other finding).',
		],
		fix: [
			'Fix the other finding of this check first (key, secret, callback or proxy URL).',
			'Check again: oscar-rest check {id}. The token is sent once a signed request-token call succeeds, so a wrong configuration cannot make classic OSCAR delete it.',
		],
		step: null,
	},
	{
		code: 'authorization-header-dropped',
		severity: 'critical',
		title: 'Auth header dropped',
		summary:
			'The server saw no OAuth credentials although the request carried them: a proxy in front of OSCAR removes the Authorization header.',
		causes: [
			'Apache httpd in front of Tomcat does not pass the Authorization header on (it needs to be told to).',
			'A proxy or WAF rule strips Authorization headers it does not recognise.',
		],
		fix: [
			'Ask the hosting provider to forward the Authorization header to Tomcat for {base}/ws/* (Apache: `RequestHeader set Authorization "%{HTTP:Authorization}e" env=HTTP_AUTHORIZATION`; nginx passes it unless a rule clears it).',
			'Check again: oscar-rest check {id}.',
		],
		step: null,
	},
	{
		code: 'nonce-replayed',
		severity: 'critical',
		title: 'Nonce reused',
		summary: "The server saw this request's nonce before and rejected it (CARLOS nonce_replayed).",
		causes: [
			'A proxy or client library retried a signed request without signing it again.',
			'Two processes share a token and generate nonces that collide (a weak random generator).',
		],
		fix: [
			'Make sure every request is signed anew with a fresh random nonce and the current timestamp.',
			'Disable automatic retries of signed requests in the proxy or client library, then check again.',
		],
		step: null,
	},
	{
		code: 'insufficient-scope',
		severity: 'critical',
		title: 'Insufficient scope',
		summary: 'The token is valid but was not granted the scope this call needs (CARLOS 403 insufficient_scope).',
		causes: [
			'The scopes ticked on the consent page did not include what the integration needs (e.g. <domain>.read).',
			'The REST client was registered with fewer scopes than the integration requests.',
		],
		fix: [
			'Find which scope the integration needs (its documentation).',
			'Authorize again (step 9): oscar-rest connect {id}, in a private/incognito window as the dedicated provider, and grant that scope.',
		],
		step: 9,
	},
	{
		code: 'oauth-processing-error',
		severity: 'critical',
		title: 'OAuth server error',
		summary: 'The server failed while checking the OAuth signature (CARLOS 500 oauth_processing_error).',
		causes: [
			'A server-side fault in the OAuth filter (database unreachable, corrupt token row).',
			'A request the server could not parse (unusual signature method or parameter encoding).',
		],
		fix: [
			'Ask the hosting provider to look in the server log at the time of the check.',
			'Create a support report (oscar-rest report {id}) and send it to them.',
		],
		step: null,
	},
	{
		code: 'token-expiring',
		severity: 'warning',
		title: 'Token expires soon',
		summary: 'The access token expires within 7 days by its known lifetime.',
		causes: ["The REST client's token lifetime is a number of seconds instead of -1."],
		fix: [
			'Plan a new authorization (step 9) before it expires: oscar-rest connect {id}, in a private/incognito window as the dedicated provider.',
			"To stop expiry, set the REST client's lifetime to -1 in OSCAR (step 6) before authorizing again.",
		],
		fixCarlos: [
			"CARLOS access tokens live 3600 seconds whatever the REST client's lifetime says: a lifetime of -1 does not stop expiry.",
			"Plan re-authorization within the hour (step 9): oscar-rest connect {id}, or the integration's own renewal; ask its vendor how it renews access on CARLOS.",
		],
		step: 9,
	},

	// admin audit (oscar-rest admin audit: OSCAR's REST Clients data read with an admin login)
	{
		code: 'rest-client-lifetime-zero',
		severity: 'critical',
		title: 'Client lifetime 0',
		summary: 'A REST client has token lifetime 0 (or none): on classic OSCAR every token it issues expires the second it is issued.',
		causes: [
			'The lifetime field was left blank on the REST Clients page (OSCAR stores a blank as 0).',
			'Something that is not a whole number was typed as the lifetime: OSCAR silently stores 0.',
		],
		fix: [
			"Give the client lifetime -1 in OSCAR's database, keeping its key and secret: `UPDATE ServiceClient SET lifetime = -1 WHERE id = {rowId};`.",
			'Or delete the client on the REST Clients page and register it again with lifetime -1: oscar-rest admin register {id} (then store the new key and secret).',
			'Authorize again (oscar-rest connect {id}): tokens already issued keep the lifetime they were issued with.',
		],
		step: 6,
	},
	{
		code: 'rest-client-lifetime-short',
		severity: 'warning',
		title: 'Client lifetime not -1',
		summary:
			'On classic OSCAR the REST client gives its tokens a lifetime in seconds, but the integration expects tokens that never expire (-1).',
		causes: [
			'A number of seconds (often 3600) was typed as the lifetime instead of -1.',
			"The deployment's default lifetime was kept when the client was added.",
		],
		fix: [
			"Give the client lifetime -1: `UPDATE ServiceClient SET lifetime = -1 WHERE id = {rowId};` in OSCAR's database, or delete and register it again with oscar-rest admin register {id} --lifetime -1.",
			'Authorize again (oscar-rest connect {id}): the current token keeps its old lifetime.',
			'If short-lived tokens are intended, record the lifetime on the integration (oscar-rest add integration ... --lifetime N) so checks expect them.',
		],
		step: 6,
	},
	{
		code: 'rest-client-uri-blank',
		severity: 'critical',
		title: 'Client URI blank',
		summary: 'A REST client has a blank URI: OSCAR then rejects every callback, so the client can never be authorized.',
		causes: ['The URI field was left empty on the REST Clients page.'],
		fix: [
			"Set the URI the integration's callback starts with (for oscar-rest: http://127.0.0.1:8765): `UPDATE ServiceClient SET uri = 'URI' WHERE id = {rowId};` in OSCAR's database.",
			'Or delete the client and register it again with the URI: oscar-rest admin register {id} --uri URI.',
		],
		step: 6,
	},
	{
		code: 'rest-client-uri-insecure',
		severity: 'warning',
		title: 'Client URI not https',
		summary: "A REST client's URI is neither https nor a loopback address: the verifier travels to it in clear text.",
		causes: [
			"The integration's callback was registered with http:// on a public host.",
			'A custom scheme or a typo was registered as the URI.',
		],
		fix: [
			"Register the integration's https:// callback prefix instead (ask its vendor), or a loopback URI such as http://127.0.0.1:8765 for a callback on the same machine.",
			"Change it in OSCAR's database (`UPDATE ServiceClient SET uri = 'URI' WHERE id = {rowId};`) or delete and register the client again.",
		],
		step: 6,
	},
	{
		code: 'rest-client-name-duplicate',
		severity: 'warning',
		title: 'Duplicate client names',
		summary: 'Two or more REST clients have the same or nearly the same name: the same integration was probably registered twice.',
		causes: [
			'A client was added again after a failed or forgotten first attempt ("Booking App", "booking-app").',
			'A typo created a second client ("Reminder", "Reminders").',
		],
		fix: [
			"Find which client each integration uses: the audit lists each client's key and the integrations that use it.",
			"Delete the clients nobody uses on OSCAR's REST Clients page, and give the others distinct names.",
		],
		step: null,
	},
	{
		code: 'rest-client-unused',
		severity: 'warning',
		title: 'Client unused (shadow)',
		summary: 'No integration in this inventory uses this REST client: an abandoned or unknown integration that can still reach OSCAR.',
		causes: [
			'An integration was replaced or abandoned and its client never deleted.',
			'An integration is configured somewhere else and not in this inventory.',
			'A test client was left behind.',
		],
		fix: [
			"If nobody uses it, delete it on OSCAR's REST Clients page: whoever holds its key and secret can still start an authorization.",
			'If an integration does use it, add it to the inventory under its name: oscar-rest add integration {instance}/NAME --key KEY.',
		],
		step: null,
	},
	{
		code: 'rest-client-missing',
		severity: 'critical',
		title: 'Client gone from server',
		summary: "OSCAR has no REST client with the integration's key: the client was deleted, or the key is mistyped.",
		causes: [
			"The REST client was deleted on OSCAR's REST Clients page.",
			'The key stored for the integration has a typo (compare it with the keys the audit lists).',
			'The integration points at another OSCAR instance than the one it was registered on.',
		],
		fix: [
			"If the key is mistyped, correct it: oscar-rest add integration {id} --key KEY (the right key is in the audit's client list).",
			'Otherwise register the integration again: oscar-rest admin register {id} (or steps 4-8 by hand).',
			'Then authorize it: oscar-rest connect {id}.',
		],
		step: 8,
	},
	{
		code: 'rest-client-secret-mismatch',
		severity: 'critical',
		title: 'Client secret differs',
		summary: 'The Client Secret stored for the integration is not the secret OSCAR has for its key: every signed request fails.',
		causes: ['The secret was mistyped or pasted incompletely.', 'The client was deleted and added again, which gave it a new secret.'],
		fix: [
			"Store OSCAR's current secret without copying it by hand: oscar-rest admin register {id} --adopt.",
			'Or copy the Client Secret from the REST Clients page again (step 8).',
		],
		step: 8,
	},
	{
		code: 'rest-client-many-tokens',
		severity: 'warning',
		title: 'Many tokens for a client',
		summary: 'One REST client has three or more access tokens: it was authorized again and again, and every old token still works.',
		causes: ['Each authorization adds a token and OSCAR keeps the old ones.', 'Several people authorized the same integration.'],
		fix: [
			'Keep the token the integration holds and delete the others in OSCAR\'s database: `DELETE FROM ServiceAccessToken WHERE id IN (…);` with the ids under "Access tokens" that are not under "Held by the inventory".',
			'From then on authorize once, as the dedicated provider.',
		],
		step: null,
	},
	{
		code: 'server-token-wrong-user',
		severity: 'critical',
		title: 'Token of another user',
		summary: "An access token of the integration's client is bound to a provider other than its dedicated user: it acts as that person.",
		causes: [
			'The authorization was done in a browser already logged into OSCAR as someone else (no private window).',
			'Someone logged in with their own account on the consent page.',
		],
		fix: [
			"Delete the token in OSCAR's database (`DELETE FROM ServiceAccessToken WHERE id = {rowId};`): until then the integration can act as that person.",
			'Authorize again in a NEW private/incognito window, logging in as the dedicated provider (step 9): oscar-rest connect {id}.',
		],
		step: 9,
	},
	{
		code: 'server-token-no-provider',
		severity: 'critical',
		title: 'Token bound to no user',
		summary: 'An access token is bound to no provider: calls made with it fail or cannot say whom they act as.',
		causes: [
			'The consent was completed without a logged-in user (a broken login on the consent page).',
			'The provider record was removed after the authorization.',
		],
		fix: [
			"Delete the token in OSCAR's database: `DELETE FROM ServiceAccessToken WHERE id = {rowId};`.",
			'Authorize again in a private/incognito window as the dedicated provider (step 9).',
		],
		step: 9,
	},
	{
		code: 'server-token-missing',
		severity: 'critical',
		title: 'Token gone from server',
		summary: "The access token stored for the integration is not in OSCAR's token list: it was revoked or deleted.",
		causes: [
			'An administrator deleted it, or classic OSCAR deleted it after a request with a bad signature or clock.',
			'The integration was authorized again elsewhere and the old token removed.',
		],
		fix: ['Authorize the integration again: oscar-rest connect {id} (step 9), in a private/incognito window as the dedicated provider.'],
		step: 9,
	},
	{
		code: 'server-token-expired',
		severity: 'warning',
		title: 'Expired token stored',
		summary: 'OSCAR still stores an access token whose lifetime has passed.',
		causes: ["The client's lifetime is a number of seconds, and nobody removes tokens once they expire."],
		fix: [
			"Delete expired tokens in OSCAR's database: `DELETE FROM ServiceAccessToken WHERE lifetime <> -1 AND issued + lifetime < UNIX_TIMESTAMP();`.",
			'If an integration still holds one, give its client lifetime -1 and authorize it again (step 9).',
		],
		step: null,
	},
	{
		code: 'server-token-orphan',
		severity: 'warning',
		title: 'Tokens of a deleted client',
		summary: 'OSCAR still stores access tokens of a REST client that was deleted: deleting a client leaves its tokens behind.',
		causes: [
			"The REST client was deleted on OSCAR's REST Clients page; OSCAR does not delete its tokens with it.",
			'The tokens no longer work (their client is gone), but the admin API still lists them with their token secrets.',
		],
		fix: [
			"Delete them in OSCAR's database (the audit names their ids): `DELETE FROM ServiceAccessToken WHERE clientId NOT IN (SELECT id FROM ServiceClient);`.",
			'If an integration still holds one, register it again (oscar-rest admin register {id}) and authorize it (oscar-rest connect {id}).',
		],
		step: null,
	},
	{
		code: 'admin-api-open',
		severity: 'warning',
		title: 'Admin API open to all users',
		summary: "Classic OSCAR's admin/api/clientManage.json hands every REST client secret and token secret to ANY logged-in user.",
		causes: [
			'The endpoint behind the REST Clients page checks only that someone is logged in, not that it is an administrator (CARLOS checks the _admin privilege).',
		],
		fix: [
			'Restrict /admin/api/ to administrators: put the `<security:oscarSec objectName="_admin" rights="r" reverse="true">` guard other admin pages use at the top of admin/api/clientManage.json and clients.jsp.',
			"Until then, allow /admin/api/ only from the administrators' addresses at the reverse proxy (Apache or nginx in front of Tomcat).",
			'If anyone but an administrator may have read the secrets, register the clients again (new keys and secrets) and authorize again.',
		],
		step: null,
	},

	// tool
	{
		code: 'secret-unavailable',
		severity: 'unknown',
		title: 'Secret not available',
		summary: 'A secret reference (env:NAME or file:PATH) could not be resolved, so nothing signed was sent.',
		causes: [
			'The environment variable named by env:NAME is not set for the process running oscar-rest (cron, systemd and CI have their own environment).',
			'The file named by file:PATH is missing, unreadable by this user, or empty.',
		],
		fix: [
			'For env:NAME: set the variable in the environment that runs oscar-rest (e.g. Environment= in the systemd unit).',
			'For file:PATH: create the file with the secret, readable by this user only (chmod 600).',
			'Check again.',
		],
		step: null,
	},
	{
		code: 'ca-file-unreadable',
		severity: 'critical',
		title: 'CA file unreadable',
		summary: 'The CA file configured for this instance (--ca) cannot be read.',
		causes: ['The file was moved or deleted, or the path was mistyped.', 'The file is not readable by the user running oscar-rest.'],
		fix: [
			'Check the path shown in the evidence: `ls -l FILE`.',
			'Restore the file or point the instance at the right one with --ca FILE, then check again.',
		],
		step: null,
	},
	{
		code: 'cancelled',
		severity: 'unknown',
		title: 'Check cancelled',
		summary: 'The check was cancelled by the user before it finished.',
		causes: ['The check was stopped (Esc, Ctrl+C, or a configuration change restarted it).'],
		fix: ['Run the check again: oscar-rest check {id}.'],
		step: null,
	},
	{
		code: 'check-error',
		severity: 'unknown',
		title: 'Check failed internally',
		summary: "The check itself failed with an internal error, so the integration's health is unknown.",
		causes: ['A bug in oscar-rest, or a response it could not handle.'],
		fix: [
			'Run the check again.',
			'If it persists, create a support report (oscar-rest report {id}) and report the error shown in the evidence.',
		],
		step: null,
	},
	{
		code: 'not-checked',
		severity: 'unknown',
		title: 'Not checked yet',
		summary: 'This integration has never been checked.',
		causes: ['It was added recently, or checks have not run since start-up.'],
		fix: ['Run a check (c in the dashboard, or oscar-rest check {id}).'],
		step: null,
	},
];

/** Every diagnosis, in the order of the README table: ok, network, http, rest, clock, credentials, token, tool. */
export const allDiagnoses: readonly Diagnosis[] = Object.freeze(
	entries.map(entry =>
		Object.freeze({
			...entry,
			causes: Object.freeze([...entry.causes]),
			fix: Object.freeze([...entry.fix]),
			...(entry.fixCarlos ? {fixCarlos: Object.freeze([...entry.fixCarlos])} : {}),
		}),
	),
);

const byCode: ReadonlyMap<string, Diagnosis> = new Map(allDiagnoses.map(entry => [entry.code, entry]));

/** The catalogue entry for a code. Never throws: an unknown code (e.g. from a newer state file) gets a generic entry naming it. */
export function diagnosis(code: string): Diagnosis {
	return (
		byCode.get(code) ?? {
			code,
			severity: 'unknown',
			title: 'Unknown diagnosis',
			summary: `Unknown diagnosis code "${code}": this version of oscar-rest has no description for it.`,
			causes: ['The result was produced by a different version of oscar-rest.'],
			fix: ['Update oscar-rest, then check again.'],
			step: null,
		}
	);
}

/** True when the catalogue knows the code (the generic fallback does not count). */
export function isKnownDiagnosis(code: string): boolean {
	return byCode.has(code);
}
