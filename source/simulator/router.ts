/**
 * Routes one request inside an instance: first the scenario's field failure (WAF, REST off,
 * login redirect, hang, huge body...), then OSCAR's own paths for the instance's dialect.
 */
import {createHash} from 'node:crypto';
import type http from 'node:http';
import {type Reply, empty, html, redirect, text} from './http-util.js';
import {cloudflare403, noServiceFound, serviceListPage, tomcat404, wadl} from './pages.js';
import type {HandlerResult, InstanceRuntime, SimRequest} from './runtime.js';
import {classicInitiate, classicServices, classicToken} from './classic.js';
import {carlosInitiate, carlosServices, carlosToken} from './carlos.js';
import {authorizeDecision, authorizeGet, indexJsp, loginDo, logoutJsp, providerControl} from './web.js';
import {resourceRoots, rootOf} from './resources.js';
import {clientManage, clientManagePath} from './admin-api.js';

/** Bytes streamed by huge-body answers (the client is expected to give up far earlier). */
const hugeBodyBytes = 64 * 1024 * 1024;

/** Streams the huge body with back-pressure and stops as soon as the client goes away. */
function hugeBody(runtime: InstanceRuntime): HandlerResult {
	return {
		stream(response: http.ServerResponse) {
			response.statusCode = 200;
			response.setHeader('Date', new Date(runtime.now()).toUTCString());
			response.setHeader('Content-Type', 'text/html;charset=UTF-8');
			const chunk = Buffer.alloc(64 * 1024, '<!-- debug output -->\n');
			let sent = 0;
			let stopped = false;
			response.on('close', () => {
				stopped = true;
			});
			const pump = () => {
				while (!stopped && sent < hugeBodyBytes) {
					sent += chunk.length;
					if (!response.write(chunk)) {
						response.once('drain', pump);
						return;
					}
				}

				if (!stopped) response.end();
			};

			pump();
		},
	};
}

/** Never answers: the socket stays open until the client or the simulator gives up. */
const hang: HandlerResult = {
	stream() {
		// Intentionally nothing: the request was read, no response is ever written.
	},
};

function isOAuthPath(path: string): boolean {
	return path === '/ws/oauth' || path.startsWith('/ws/oauth/');
}

/** The scenario's answer, or undefined to let OSCAR answer normally. */
function scenarioAnswer(runtime: InstanceRuntime, request: SimRequest): HandlerResult | undefined {
	const path = request.relativePath;
	const underWs = path === '/ws' || path.startsWith('/ws/');
	switch (runtime.spec.scenario) {
		case 'waf-403': {
			const ray = createHash('sha1').update(`${request.target}${runtime.now()}`).digest('hex').slice(0, 16);
			return html(403, cloudflare403(ray, new URL(request.publicOrigin).hostname), {Server: 'cloudflare', 'CF-RAY': `${ray}-YYZ`});
		}

		case 'redirect-login':
			return underWs ? redirect(302, `${runtime.publicBase(request)}/index.jsp`) : undefined;
		case 'hang':
			return underWs ? hang : undefined;
		case 'huge-body': {
			const huge = request.method === 'GET' && (path === '/ws/oauth/initiate' || path === '/ws/services/oauth/info');
			return huge ? hugeBody(runtime) : undefined;
		}

		case 'rest-off': {
			if (isOAuthPath(path)) return html(404, noServiceFound);
			if (path === '/ws/services' || path === '/ws/services/')
				return html(200, serviceListPage(`${runtime.publicBase(request)}/ws`, false));
			if (path.startsWith('/ws/services/')) return html(404, noServiceFound);
			return undefined;
		}

		case 'oauth-beans-missing':
			return isOAuthPath(path) ? html(404, noServiceFound) : undefined;
		default:
			return undefined;
	}
}

function dialectEndpoint(runtime: InstanceRuntime, request: SimRequest): Reply | undefined {
	const carlos = runtime.spec.dialect === 'carlos';
	switch (request.relativePath) {
		case '/ws/oauth/initiate':
			return carlos ? carlosInitiate(runtime, request) : classicInitiate(runtime, request);
		case '/ws/oauth/token':
			return carlos ? carlosToken(runtime, request) : classicToken(runtime, request);
		case '/ws/oauth/authorize':
			return authorizeGet(runtime, request);
		case '/ws/oauth/authorize/decision':
			return authorizeDecision(runtime, request);
		default:
			return undefined;
	}
}

function services(runtime: InstanceRuntime, request: SimRequest): Reply {
	const path = request.relativePath;
	const base = runtime.publicBase(request);
	if (path === '/ws/services' || path === '/ws/services/') {
		if (request.query.has('_wadl')) return {status: 200, headers: {'Content-Type': 'application/xml'}, body: wadl(`${base}/ws/services`)};
		return path === '/ws/services' ? empty(404) : html(200, serviceListPage(`${base}/ws`, true));
	}

	const servicePath = path.slice('/ws/services/'.length);
	if (!resourceRoots.has(rootOf(servicePath))) return empty(404);
	const options = {jsonProviderMissing: runtime.spec.scenario === 'json-provider-missing'};
	return runtime.spec.dialect === 'carlos'
		? carlosServices(runtime, request, servicePath, options)
		: classicServices(runtime, request, servicePath, options);
}

/** Every path of one instance. */
export function route(runtime: InstanceRuntime, request: SimRequest): HandlerResult {
	const scenario = scenarioAnswer(runtime, request);
	if (scenario) return scenario;
	const path = request.relativePath;
	const base = runtime.publicBase(request);
	if (path === '') return redirect(302, `${base}/`);
	if (path === '/') return redirect(302, `${base}/logout.jsp`);
	if (path === '/index.jsp') return indexJsp(runtime, request);
	if (path === '/logout.jsp') return logoutJsp(runtime, request);
	if (path === '/login.do') return loginDo(runtime, request);
	if (path === '/provider/providercontrol.jsp') return providerControl(runtime, request);
	if (path === clientManagePath) return clientManage(runtime, request);
	if (path === '/ws/services' || path.startsWith('/ws/services/')) return services(runtime, request);
	if (path === '/ws/rs' || path.startsWith('/ws/rs/')) return empty(401);
	if (path === '/ws' || path === '/ws/') return html(200, serviceListPage(`${base}/ws`, true));
	if (path.startsWith('/ws/')) {
		const answer = dialectEndpoint(runtime, request);
		if (answer) return answer;
		if (!isOAuthPath(path)) return html(404, noServiceFound);
		return runtime.spec.dialect === 'carlos' ? text(404, 'not_found') : empty(404);
	}

	return html(404, tomcat404(`${runtime.servedPath}${path}`));
}
