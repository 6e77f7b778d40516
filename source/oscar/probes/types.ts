/**
 * What the probes take and the shape of the probe functions (contract C). Secrets arrive RESOLVED
 * and live only in memory for one check. The checks engine imports these types from here, so its
 * scheduling logic can be unit-tested with controllable probe functions of the same shape.
 */
import type {Dialect, OAuthTransport, SignatureMethod} from '../../core/model.js';
import type {InstanceReport, IntegrationReport} from '../../core/report.js';

export interface InstanceTarget {
	readonly name: string;
	readonly baseUrl: string;
	readonly caFile?: string;
	readonly insecureTls?: boolean;
	readonly dialect?: Dialect;
}

/** An integration with its secrets RESOLVED (only ever held in memory, for one check). */
export interface IntegrationTarget {
	readonly id: string;
	readonly instance: string;
	readonly name: string;
	readonly consumerKey: string;
	readonly consumerSecret: string;
	readonly accessToken?: string;
	readonly tokenSecret?: string;
	readonly uri?: string;
	readonly callback?: string;
	readonly expectedProvider?: string;
	readonly lifetime?: number;
	readonly issuedAt?: number;
	readonly signatureMethod?: SignatureMethod;
	readonly transport?: OAuthTransport;
}

export interface ProbeOptions {
	readonly signal?: AbortSignal;
	/** Per phase, default 10000 in the probes. */
	readonly timeoutMs?: number;
	readonly maxBodyBytes?: number;
	/** Epoch ms. */
	readonly now?: () => number;
	readonly deep?: boolean;
	/**
	 * A quick check that sees a 401/403 on oauth/info, or whose proving request-token call was
	 * rejected, isolates the cause with the deep credentials probe (default true). The engine turns
	 * it off when the previous check already isolated a failure; with the same configuration its
	 * findings are then carried over, so auto-refresh does not create request tokens on every round.
	 */
	readonly escalate?: boolean;
	/**
	 * The latest known report of this integration (this process's, or the state file's): its
	 * proof (the configuration a signed request proved), its authorization finding, and (with
	 * escalate false) its isolated credentials findings.
	 */
	readonly previous?: IntegrationReport;
}

export interface ProbeFunctions {
	probeInstance(target: InstanceTarget, options?: ProbeOptions): Promise<InstanceReport>;
	probeIntegration(
		instance: InstanceReport,
		target: InstanceTarget,
		integration: IntegrationTarget,
		options?: ProbeOptions,
	): Promise<IntegrationReport>;
	/** The run is done with this instance: its idle connections can go (optional). */
	releaseInstance?(target: InstanceTarget): void;
}
