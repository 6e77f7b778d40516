/**
 * The browser-facing pages: index.jsp (version fingerprint), logout.jsp, login.do (AJAX and plain
 * form), and the consent flow. Classic OSCAR binds the request token to whoever is logged in when
 * the consent page RENDERS (the "use an incognito window" trap); CARLOS binds at the approval POST.
 */
import {type Reply, cookie, empty, formFields, html, json, randomId, redirect, text} from './http-util.js';
import {authorizePage, deniedPage, indexPage, oobPage, providerPage} from './pages.js';
import type {InstanceRuntime, SimRequest} from './runtime.js';
import {lookupRequestToken} from './classic.js';
import type {SimSession} from './types.js';

function header(request: SimRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The session named by the JSESSIONID cookie, if it still exists. */
export function currentSession(runtime: InstanceRuntime, request: SimRequest): SimSession | undefined {
	const id = cookie(header(request, 'cookie'), 'JSESSIONID');
	return id === undefined ? undefined : runtime.state.sessions.get(id);
}

function newSession(runtime: InstanceRuntime): SimSession {
	const session: SimSession = {id: randomId(32).toUpperCase()};
	runtime.state.sessions.set(session.id, session);
	return session;
}

function sessionCookie(runtime: InstanceRuntime, session: SimSession): string {
	return `JSESSIONID=${session.id}; Path=${runtime.servedPath}; HttpOnly`;
}

export function loggedInUser(runtime: InstanceRuntime, session: SimSession | undefined) {
	return session?.username === undefined ? undefined : runtime.state.users.get(session.username);
}

export function indexJsp(runtime: InstanceRuntime, request: SimRequest): Reply {
	const buildDate = new Date(Date.UTC(2019, 9, 28, 14, 2, 11)).toUTCString();
	return html(
		200,
		indexPage({dialect: runtime.spec.dialect, base: runtime.publicBase(request), buildTag: runtime.spec.buildTag, buildDate}),
	);
}

export function logoutJsp(runtime: InstanceRuntime, request: SimRequest): Reply {
	const session = currentSession(runtime, request);
	if (session) runtime.state.sessions.delete(session.id);
	return redirect(302, `${runtime.publicBase(request)}/index.jsp`);
}

export function providerControl(runtime: InstanceRuntime, request: SimRequest): Reply {
	const user = loggedInUser(runtime, currentSession(runtime, request));
	if (!user) return redirect(302, `${runtime.publicBase(request)}/index.jsp`);
	return html(200, providerPage(user));
}

/** POST {base}/login.do: the AJAX login of the consent page, or a plain form post. */
export function loginDo(runtime: InstanceRuntime, request: SimRequest): Reply {
	if (request.method !== 'POST') return redirect(302, `${runtime.publicBase(request)}/index.jsp`);
	const fields = formFields(header(request, 'content-type'), request.body);
	const ajax = fields.get('ajaxResponse') === 'true';
	const oauthToken = fields.get('oauth_token');
	const user = runtime.state.users.get(fields.get('username') ?? '');
	const ok =
		user !== undefined && user.password === (fields.get('password') ?? '') && (user.pin === '' || user.pin === (fields.get('pin') ?? ''));
	const base = runtime.publicBase(request);
	const authorizeUrl = oauthToken === undefined ? undefined : `${base}/ws/oauth/authorize?oauth_token=${encodeURIComponent(oauthToken)}`;
	if (!ok || !user) {
		if (ajax) return json(200, {success: false, error: 'Invalid Credentials'});
		return redirect(302, authorizeUrl === undefined ? `${base}/index.jsp?errormsg=Invalid%20Credentials` : `${authorizeUrl}&login_error=1`);
	}

	let session = currentSession(runtime, request);
	if (session && fields.get('invalidate_session') === 'true') {
		runtime.state.sessions.delete(session.id);
		session = undefined;
	}

	session ??= newSession(runtime);
	session.username = user.username;
	const headers = {'Set-Cookie': sessionCookie(runtime, session)};
	if (ajax) return json(200, {success: true, providerNo: user.providerNo, providerName: `${user.firstName} ${user.lastName}`}, headers);
	return redirect(302, authorizeUrl ?? `${base}/provider/providercontrol.jsp`, headers);
}

/** GET {base}/ws/oauth/authorize?oauth_token=T: the login + consent page. */
export function authorizeGet(runtime: InstanceRuntime, request: SimRequest): Reply {
	const requestToken = lookupRequestToken(runtime, request.query.get('oauth_token'));
	if (!requestToken) return runtime.spec.dialect === 'carlos' ? text(400, 'invalid_token') : empty(400);
	const client = runtime.state.clients.get(requestToken.clientKey);
	let session = currentSession(runtime, request);
	const headers: Record<string, string> = {'Cache-Control': 'no-store'};
	if (!session) {
		session = newSession(runtime);
		headers['Set-Cookie'] = sessionCookie(runtime, session);
	}

	session.authenticityToken = randomId(20);
	const user = loggedInUser(runtime, session);
	if (user && runtime.spec.dialect === 'classic') requestToken.providerNo = user.providerNo;
	return html(
		200,
		authorizePage({
			dialect: runtime.spec.dialect,
			base: runtime.publicBase(request),
			token: requestToken.token,
			clientName: client?.name ?? 'Unknown application',
			authenticityToken: session.authenticityToken,
			user,
			error: request.query.has('login_error') ? 'Invalid Credentials' : undefined,
			scopes: runtime.spec.dialect === 'carlos' ? requestToken.scopes : undefined,
		}),
		headers,
	);
}

function withParams(callback: string, params: string): string {
	return `${callback}${callback.includes('?') ? '&' : '?'}${params}`;
}

/** POST {base}/ws/oauth/authorize/decision. */
export function authorizeDecision(runtime: InstanceRuntime, request: SimRequest): Reply {
	const carlos = runtime.spec.dialect === 'carlos';
	if (request.method !== 'POST') return carlos ? text(405, 'method_not_allowed', {Allow: 'POST'}) : empty(405);
	const fields = formFields(header(request, 'content-type'), request.body);
	const requestToken = lookupRequestToken(runtime, fields.get('oauth_token') ?? request.query.get('oauth_token'));
	if (!requestToken) return carlos ? text(400, 'invalid_token') : empty(400);
	const decision = fields.get('oauthDecision');
	if (decision === undefined) return carlos ? text(400, 'invalid_request') : empty(400);
	const session = currentSession(runtime, request);
	const authenticity = fields.get('session_authenticity_token');
	if (session?.authenticityToken === undefined || authenticity !== session.authenticityToken)
		return carlos ? text(403, 'invalid_authenticity_token') : empty(500);
	session.authenticityToken = undefined;
	const token = requestToken.token;
	if (decision !== 'allow') {
		runtime.state.requestTokens.delete(token);
		if (requestToken.callback === 'oob') return html(200, deniedPage(token));
		return redirect(303, withParams(requestToken.callback, `oauth_token=${encodeURIComponent(token)}`));
	}

	if (carlos) {
		const user = loggedInUser(runtime, session);
		if (!user) return text(401, 'authentication_required');
		requestToken.providerNo = user.providerNo;
	}

	const verifier = randomId(20);
	requestToken.verifier = verifier;
	if (requestToken.callback === 'oob') return carlos ? text(200, verifier) : html(200, oobPage(token, verifier));
	return redirect(
		303,
		withParams(requestToken.callback, `oauth_verifier=${encodeURIComponent(verifier)}&oauth_token=${encodeURIComponent(token)}`),
	);
}
