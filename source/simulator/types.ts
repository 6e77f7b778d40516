/**
 * The simulator's public types (contract B in the cross-area contracts). Tests and the demo read
 * `state` directly to assert server-side effects such as token deletion.
 */

/** An OSCAR provider with a login (security record). */
export interface SimUser {
	username: string;
	password: string;
	pin: string;
	providerNo: string;
	firstName: string;
	lastName: string;
	providerType: string;
	/**
	 * CARLOS security objects and their privilege letters (r read, w write, x all), e.g.
	 * {"_admin": "x"}. Classic OSCAR's REST Clients endpoint checks none: any login will do.
	 */
	privileges?: Readonly<Record<string, string>>;
}

/** A REST client as registered on OSCAR's REST Clients page. */
export interface SimClient {
	name: string;
	key: string;
	secret: string;
	uri: string;
	lifetime: number;
	/** CARLOS only: scopes granted to this client's tokens (default: every read scope). */
	scopes?: string[];
	/**
	 * Deleted on the REST Clients page before the simulator starts: it had a row id, it is gone from
	 * the client list and from OAuth, and its tokens stay listed (OSCAR deletes a client without them).
	 */
	deleted?: boolean;
}

/** A pre-issued access token. `revoked: true` means the client holds it but the server does not. */
export interface SimToken {
	clientKey: string;
	token: string;
	secret: string;
	providerNo: string | null;
	/** Epoch seconds (server clock); default: simulator start. */
	issuedAt?: number;
	/** Default: the client's lifetime (CARLOS: 3600). */
	lifetime?: number;
	/** The token exists only on the client side (revoked or never stored by OSCAR). */
	revoked?: boolean;
}

export type ScenarioName =
	| 'healthy'
	| 'rest-off'
	| 'oauth-beans-missing'
	| 'wrong-context-path'
	| 'waf-403'
	| 'proxy-mismatch'
	| 'clock-offset'
	| 'slow'
	| 'hang'
	| 'huge-body'
	| 'redirect-login'
	| 'tls-self-signed'
	| 'tls-expired'
	| 'tls-wrong-host'
	| 'revoked-token'
	| 'expired-token'
	| 'wrong-user'
	| 'json-provider-missing'
	| 'no-provider';

export const scenarioNames: readonly ScenarioName[] = [
	'healthy',
	'rest-off',
	'oauth-beans-missing',
	'wrong-context-path',
	'waf-403',
	'proxy-mismatch',
	'clock-offset',
	'slow',
	'hang',
	'huge-body',
	'redirect-login',
	'tls-self-signed',
	'tls-expired',
	'tls-wrong-host',
	'revoked-token',
	'expired-token',
	'wrong-user',
	'json-provider-missing',
	'no-provider',
];

export type SimDialect = 'classic' | 'carlos';

export interface SimInstanceSpec {
	name: string;
	/** Default /oscar (classic) or /carlos (CARLOS). */
	contextPath?: string;
	dialect?: SimDialect;
	scenario?: ScenarioName;
	clockOffsetSeconds?: number;
	latencyMs?: number;
	buildTag?: string;
	users?: SimUser[];
	clients?: SimClient[];
	tokens?: SimToken[];
	/** Serve over TLS with a leaf from the simulator's CA (the tls-* scenarios imply TLS). */
	tls?: boolean;
	/** proxy-mismatch: the origin Tomcat believes it serves (default https://<host>:8443). */
	internalOrigin?: string;
	/** wrong-context-path: where the instance is really deployed (default contextPath + "15"). */
	servedPath?: string;
	/** false: an older OSCAR without {base}/admin/api/clientManage.json (404 once logged in). Default true. */
	adminApi?: boolean;
	/**
	 * Classic only: how /ws/services answers an access token it does not know (revoked, deleted,
	 * never issued). '401' (default): CXF catches OSCAR's NullPointerException. 'npe-500': as some
	 * deployments do, the exception escapes as a 500 text/plain Java stack trace.
	 */
	unknownTokenAnswer?: UnknownTokenAnswer;
	/** false: a proxy in front strips the Date header, so no client can measure the clock skew. Default true. */
	dateHeader?: boolean;
}

export type UnknownTokenAnswer = '401' | 'npe-500';

export interface Fleet {
	instances: SimInstanceSpec[];
}

export interface SimulatorOptions {
	fleet?: Fleet;
	/** Applied to every instance that does not name its own scenario. */
	scenario?: ScenarioName;
	/** Applied to every instance that does not name its own dialect. */
	dialect?: SimDialect;
	/** 0 = any free port (default). TLS instances take the next ports (or any free port when 0). */
	port?: number;
	/**
	 * Give every plain-HTTP instance its own port instead of sharing one (for benchmarks: per-host
	 * limits are host:port based). With a fixed `port`, instance N listens on port + N. Default false.
	 */
	portPerInstance?: boolean;
	/** Delay added to every response of instances without their own latencyMs (the slow scenario defaults to 2500). */
	latencyMs?: number;
	/** The base clock (epoch ms) before each instance's offset; default Date.now. */
	now?: () => number;
	/** Receives one line per request (the CLI writes them to stderr). */
	log?: (line: string) => void;
}

/** A live access token row (OSCAR's ServiceAccessToken). */
export interface SimAccessToken {
	token: string;
	secret: string;
	clientKey: string;
	providerNo: string | null;
	/** Epoch seconds. */
	issuedAt: number;
	lifetime: number;
	scopes: string[];
}

/** A live request token row (OSCAR's ServiceRequestToken). */
export interface SimRequestToken {
	token: string;
	secret: string;
	clientKey: string;
	callback: string;
	/** Epoch ms, server clock. */
	createdAt: number;
	scopes: string[];
	/** Set when the consent page renders for a logged-in user (classic) or at approval (CARLOS). */
	providerNo?: string | null;
	verifier?: string;
}

/** The database row behind a REST client or an access token, as the admin API lists it. */
export interface SimRow {
	readonly id: number;
	/** Epoch ms (server clock): ServiceClient/ServiceAccessToken.dateCreated. */
	readonly createdAt: number;
}

export interface SimSession {
	id: string;
	username?: string;
	authenticityToken?: string;
}

interface SimLogEntry {
	method: string;
	path: string;
	status: number;
	/** Epoch ms, real clock. */
	at: number;
}

/** Live server-side state of one instance. */
export interface SimState {
	users: Map<string, SimUser>;
	clients: Map<string, SimClient>;
	accessTokens: Map<string, SimAccessToken>;
	requestTokens: Map<string, SimRequestToken>;
	nonces: {initiate: Set<string>; token: Set<string>; services: Set<string>};
	sessions: Map<string, SimSession>;
	/** Row ids of clients (by key) and access tokens (by token), given out in order like AUTO_INCREMENT. */
	rows: {clients: Map<string, SimRow>; tokens: Map<string, SimRow>; nextClientId: number; nextTokenId: number};
	log: SimLogEntry[];
}

/** A resolved spec: every default filled in. */
export interface ResolvedSpec extends SimInstanceSpec {
	contextPath: string;
	dialect: SimDialect;
	scenario: ScenarioName;
	clockOffsetSeconds: number;
	latencyMs: number;
	buildTag: string;
	users: SimUser[];
	clients: SimClient[];
	tokens: SimToken[];
	tls: boolean;
	adminApi: boolean;
}

export interface RunningInstance {
	name: string;
	/** The URL a client is configured with (for wrong-context-path: the configured, wrong one). */
	baseUrl: string;
	/** The URL where the instance really answers (differs only for wrong-context-path). */
	servedUrl: string;
	caFile?: string;
	spec: ResolvedSpec;
	/** live server-side state for tests: tokens map, request tokens, nonce stores, request log */
	state: SimState;
	setClockOffset(seconds: number): void;
	/** OSCAR forgets every web session (a Tomcat session timeout or restart): the next admin request is sent to logout.jsp. */
	expireSessions(): void;
	/** The instance's clock (epoch ms, including its offset). */
	now(): number;
}

export interface RunningSimulator {
	instances: RunningInstance[];
	/** PEM file of the generated CA. */
	caFile: string;
	instance(name: string): RunningInstance;
	/** Every HTTP request received, across all instances and ports. */
	requestCount(): number;
	close(): Promise<void>;
}

/** A problem with the simulator's options or fleet; `code` is stable. */
export class SimulatorError extends Error {
	constructor(
		readonly code: 'fleet' | 'scenario' | 'listen',
		message: string,
	) {
		super(message);
		this.name = 'SimulatorError';
	}
}
