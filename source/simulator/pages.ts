/**
 * The HTML and XML bodies the simulated servers answer with: OSCAR's login page and consent page,
 * CXF's service list, WADL and "No service was found.", Tomcat's 404 and a CDN's block page.
 * The consent page works in a real browser (a few lines of inline JS) and without JS (plain forms).
 */
import {escapeHtml as e} from './http-util.js';
import type {SimDialect, SimUser} from './types.js';

export const noServiceFound = '<html><body>No service was found.</body></html>';

export function indexPage(options: {dialect: SimDialect; base: string; buildTag: string; buildDate: string}): string {
	const title = options.dialect === 'carlos' ? 'CARLOS EMR' : 'OSCAR McMaster';
	return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<form id="loginForm" method="post" action="${e(options.base)}/login.do">
<label>Username <input name="username" id="username" autocomplete="username"></label><br/>
<label>Password <input type="password" name="password" id="password" autocomplete="current-password"></label><br/>
<label>2nd Level Passcode <input type="password" name="pin" id="pin"></label><br/>
<button type="submit">Sign in</button>
</form>
<span id="buildInfo">build date: ${e(options.buildDate)} <br/> build tag: ${e(options.buildTag)}</span>
</body>
</html>
`;
}

export function providerPage(user: SimUser): string {
	return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>OSCAR Provider Schedule</title></head>
<body><p>Welcome ${e(user.firstName)} ${e(user.lastName)}</p></body></html>
`;
}

interface AuthorizePageOptions {
	dialect: SimDialect;
	base: string;
	token: string;
	clientName: string;
	authenticityToken: string;
	/** The logged-in user: the page then offers only Authorize/Deny. */
	user?: SimUser;
	error?: string;
	scopes?: readonly string[];
}

const loginScript = `<script>
(function () {
	var form = document.getElementById('loginForm');
	if (!form || !window.fetch) return;
	form.addEventListener('submit', function (event) {
		event.preventDefault();
		var body = new URLSearchParams(new FormData(form));
		body.set('ajaxResponse', 'true');
		body.set('invalidate_session', 'false');
		fetch(form.action, {method: 'POST', body: body, credentials: 'same-origin'})
			.then(function (response) { return response.json(); })
			.then(function (answer) {
				if (answer.success) window.location.reload();
				else document.getElementById('loginError').textContent = answer.error || 'Login failed';
			})
			.catch(function () { document.getElementById('loginError').textContent = 'Login failed'; });
	});
})();
</script>`;

/** OSCAR's login/3rdpartyLogin.jsp (classic) or CARLOS's consent page. */
export function authorizePage(options: AuthorizePageOptions): string {
	const title = 'Login and Authorize 3rd party application';
	const scopes =
		options.scopes && options.scopes.length > 0
			? `<p>Requested access:</p><ul id="scopes">${options.scopes.map(scope => `<li>${e(scope)}</li>`).join('')}</ul>\n`
			: '';
	const intro = `<p>The application <b id="clientName">${e(options.clientName)}</b> would like to access OSCAR on your behalf.</p>\n${scopes}`;
	let main: string;
	if (options.user) {
		main = `<p id="welcome">Welcome ${e(options.user.firstName)} ${e(options.user.lastName)}</p>
<form id="decisionForm" method="post" action="${e(options.base)}/ws/oauth/authorize/decision">
<input type="hidden" name="session_authenticity_token" value="${e(options.authenticityToken)}">
<input type="hidden" name="oauth_token" value="${e(options.token)}">
<button type="submit" id="authorize" name="oauthDecision" value="allow">Authorize</button>
<button type="submit" id="deny" name="oauthDecision" value="deny">Deny</button>
</form>`;
	} else {
		main = `<form id="loginForm" method="post" action="${e(options.base)}/login.do">
<label>Username <input name="username" id="username" autocomplete="username"></label><br/>
<label>Password <input type="password" name="password" id="password" autocomplete="current-password"></label><br/>
<label>PIN <input type="password" name="pin" id="pin"></label><br/>
<input type="hidden" name="oauth_token" value="${e(options.token)}">
<button type="submit" id="login">Login</button>
<p id="loginError" role="alert">${e(options.error ?? '')}</p>
</form>
${loginScript}`;
	}

	return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
${intro}${main}
</body>
</html>
`;
}

export function oobPage(token: string, verifier: string): string {
	return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Authorization complete</title></head>
<body><p>The Request token ${e(token)} has verifier ${e(verifier)}</p></body></html>
`;
}

export function deniedPage(token: string): string {
	return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Authorization denied</title></head>
<body><p>Access for the Request token ${e(token)} was denied</p></body></html>
`;
}

/** CXF's "Service list" page; with REST off it lists SOAP services and /rs but no /services. */
export function serviceListPage(wsBase: string, restOn: boolean): string {
	const soap = ['LoginService', 'DemographicService', 'ScheduleService', 'ProviderService', 'SystemInfoService']
		.map(
			name =>
				`<tr><td><span class="porttypename">${name}</span></td><td><span class="field">Endpoint address:</span> <span class="value">${e(wsBase)}/${name}</span><br/><span class="field">WSDL :</span> <a href="${e(wsBase)}/${name}?wsdl">${name}</a></td></tr>`,
		)
		.join('\n');
	const rest = ['rs', ...(restOn ? ['services'] : [])]
		.map(
			name =>
				`<tr><td><span class="field">Endpoint address: </span> <span class="value">${e(wsBase)}/${name}</span><br/><span class="field">WADL : </span> <a href="${e(wsBase)}/${name}?_wadl">${e(wsBase)}/${name}?_wadl</a></td></tr>`,
		)
		.join('\n');
	return `<html><head><title>CXF - Service list</title></head><body>
<span class="heading">Available SOAP services:</span><br/>
<table cellpadding="1" cellspacing="1" border="1" width="100%">
${soap}
</table><br/><br/>
<span class="heading">Available RESTful services:</span><br/>
<table cellpadding="1" cellspacing="1" border="1" width="100%">
${rest}
</table>
</body></html>`;
}

/** The WADL CXF publishes for /ws/services (no authentication needed). */
export function wadl(servicesBase: string): string {
	const resource = (path: string, children: string) => `<resource path="${path}">${children}</resource>`;
	const get = (path: string) =>
		resource(path, '<method name="GET"><response><representation mediaType="application/json"/></response></method>');
	return `<?xml version="1.0"?>
<application xmlns="http://wadl.dev.java.net/2009/02" xmlns:xs="http://www.w3.org/2001/XMLSchema"><grammars></grammars>
<resources base="${e(servicesBase)}">
${resource('/oauth', get('/info'))}
${resource('/providerService', get('/provider/me') + get('/providers_json'))}
${resource('/scheduleService', get('/types'))}
</resources></application>`;
}

export function tomcat404(path: string): string {
	return `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p><p><b>Message</b> ${e(path)}</p><p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat/7.0.85</h3></body></html>`;
}

export function cloudflare403(rayId: string, host: string): string {
	return `<!DOCTYPE html>
<html lang="en-US"><head><title>Attention Required! | Cloudflare</title><meta charset="UTF-8" /></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">
<h1 data-translate="block_headline">Sorry, you have been blocked</h1>
<h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> ${e(host)}</h2>
<p>This website is using a security service to protect itself from online attacks.</p>
<div class="cf-error-footer"><p>Cloudflare Ray ID: <strong>${e(rayId)}</strong></p></div>
</div></div></body></html>`;
}
