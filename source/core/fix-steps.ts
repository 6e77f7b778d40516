/**
 * Fix steps with the real values filled in. The catalogue (diagnoses.ts) writes its steps as
 * templates: `oscar-rest connect {id}`, `openssl s_client -connect {host}:{port}`, the `ssh -L`
 * line with this machine's user and host name, and the Tomcat connector attributes taken from
 * what the proxy probe found. Every place that shows fix steps (the detail view, the support
 * report, connect and the wizard) renders them here, so none shows a generic I/NAME or HOST.
 */
import {diagnosis} from './diagnoses.js';
import type {Dialect, Instance, Integration} from './model.js';
import {planCallback, plannedPort} from './onboarding/callback-plan.js';
import type {ProbeResult} from './report.js';

export interface FixContext {
	/** `instance/integration`. */
	readonly id?: string;
	/** The instance, when no single integration is concerned (an admin audit finding about a client). */
	readonly instance?: string;
	readonly baseUrl?: string;
	readonly dialect?: Dialect;
	/** The loopback callback port of the integration (its registered URI's, else 8765). */
	readonly callbackPort?: number;
	/** This machine, for the `ssh -L` line the user runs on their own computer. */
	readonly machine?: {readonly user?: string; readonly host?: string};
	/** The probes of the report, for values a probe found (the URL Tomcat sees). */
	readonly probes?: readonly ProbeResult[];
	/** The one server row an admin audit finding is about (ServiceClient.id or ServiceAccessToken.id). */
	readonly rowId?: number;
}

/** Every placeholder a template may use, and what it stands for when the value is not known. */
export const fixPlaceholders = {
	id: 'INSTANCE/NAME',
	instance: 'INSTANCE',
	base: 'BASE_URL',
	host: 'HOST',
	port: 'PORT',
	callbackPort: '8765',
	ssh: 'USER@THIS_MACHINE',
	scheme: 'https',
	secure: 'true',
	proxyName: 'PUBLIC_HOST',
	proxyPort: 'PUBLIC_PORT',
	connectorPort: 'TOMCAT_PORT',
	rowId: 'ID',
} as const;

export type FixPlaceholder = keyof typeof fixPlaceholders;

function defaultPort(url: URL): string {
	return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function parse(value: string | undefined): URL | undefined {
	if (value === undefined) return undefined;
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** The value of each placeholder the context knows. */
export function fixValues(context: FixContext): Partial<Record<FixPlaceholder, string>> {
	const values: Partial<Record<FixPlaceholder, string>> = {};
	if (context.instance) values.instance = context.instance;
	if (context.id) {
		values.id = context.id;
		values.instance = context.id.split('/')[0]!;
	}

	const base = parse(context.baseUrl);
	if (base) {
		values.base = context.baseUrl!.replace(/\/+$/, '');
		values.host = base.hostname;
		values.port = defaultPort(base);
	}

	if (context.callbackPort !== undefined) values.callbackPort = String(context.callbackPort);
	if (context.rowId !== undefined) values.rowId = String(context.rowId);
	const {user, host} = context.machine ?? {};
	if (host) values.ssh = user ? `${user}@${host}` : host;

	// The proxy probe's evidence: the URL Tomcat sees and the public URL it should believe in.
	const evidence = new Map(
		(context.probes ?? [])
			.filter(probe => probe.code === 'proxy-url-mismatch')
			.flatMap(probe => probe.evidence.map(item => [item.label, item.value] as const)),
	);
	const seen = parse(evidence.get('URL Tomcat sees'));
	const publicUrl = parse(evidence.get('Public URL')) ?? base;
	if (publicUrl) {
		values.scheme = publicUrl.protocol.slice(0, -1);
		values.secure = String(publicUrl.protocol === 'https:');
		values.proxyName = publicUrl.hostname;
		values.proxyPort = defaultPort(publicUrl);
	}

	if (seen) values.connectorPort = defaultPort(seen);
	return values;
}

/** A template with the context's values; unknown values become their generic stand-ins. */
export function fillTemplate(template: string, context: FixContext): string {
	const values = fixValues(context);
	return template.replaceAll(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in fixPlaceholders)) return whole;
		return values[name as FixPlaceholder] ?? fixPlaceholders[name as FixPlaceholder];
	});
}

/** The fix steps of a diagnosis for this integration (CARLOS's own where they differ). */
export function fixSteps(code: string, context: FixContext): string[] {
	const entry = diagnosis(code);
	const steps = context.dialect === 'carlos' && entry.fixCarlos ? entry.fixCarlos : entry.fix;
	return steps.map(step => fillTemplate(step, context));
}

/** The context of one configured integration: the detail view and its `y` copy use the same one. */
export function fixContextFor(input: {
	readonly id: string;
	readonly instance: Instance;
	readonly integration: Integration;
	readonly probes?: readonly ProbeResult[];
	readonly machine?: FixContext['machine'];
}): FixContext {
	const {instance, integration} = input;
	return {
		id: input.id,
		baseUrl: instance.baseUrl,
		...(instance.dialect ? {dialect: instance.dialect} : {}),
		callbackPort: plannedPort(planCallback({uri: integration.uri, callback: integration.callback, dialect: instance.dialect})),
		...(input.probes ? {probes: input.probes} : {}),
		...(input.machine ? {machine: input.machine} : {}),
	};
}
