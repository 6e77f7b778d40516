/**
 * `oscar-rest report INSTANCE/NAME [--deep]`: check one integration now and print a Markdown
 * support report (diagnosis, evidence, numbered fix steps) to paste into a ticket. Quick by
 * default (a request token only to prove an unproven configuration or isolate a refused token);
 * --deep is one flag away.
 * Every secret of the integration (consumer secret, token secret, access token) is redacted.
 */
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {loadInventory, openStore, toUserError} from './open-store.js';
import {splitId} from './ids.js';
import {findIntegration} from '../core/inventory-ops.js';
import type {Inventory, SecretRef} from '../core/model.js';
import {createChecksEngine} from '../checks/engine.js';
import {StateStore} from '../store/state-store.js';
import {redact} from '../core/redact.js';
import {resolveSecret} from '../store/secrets.js';
import {writeFileAtomic} from '../store/atomic-file.js';
import {formatSupportReport} from '../output/support-report.js';
import {callbackPortFor} from '../core/onboarding/auth-targets.js';
import {thisMachine} from '../onboarding/this-machine.js';
import {closeIdleConnections} from '../oscar/http.js';
import {version} from '../version.js';
import type {ExitName} from '../core/exit-codes.js';
import {recordHistory} from './history.js';
import {outputPath, writeOutput} from './output-file.js';
import {onInterrupt} from './interrupt.js';

const help = `Usage: oscar-rest report INSTANCE/NAME [--deep] [--output FILE] [--timeout MS]

Check one integration now and print a Markdown support report on stdout: versions, the instance,
every probe with its evidence and timing, the diagnosis and numbered fix steps. Paste it into a
ticket or an e-mail to the hosting provider. Secrets (consumer secret, token secret, access
token) are never in it.

The report uses the quick check by default. It creates a request token on the server (OSCAR
deletes it unused within an hour) only when a signed request-token call succeeds: before the
stored token is first sent with a base URL, key and secret not proven yet, or after oauth/info
refused the token. --deep always makes that call, probes the URL Tomcat sees and collects the
login page fingerprint. The report's "Server state" line says what this check created.

Options
  --deep           the complete check (see above)
  --output FILE    write the report to FILE (0600) instead of stdout
  --timeout MS     timeout per phase of each request (default 10000)

Exit code: 0 when the report was produced, whatever the integration's status; 73 when --output
cannot be written (a directory, no permission, a read-only file system, a full disk); 130 when
interrupted (Ctrl+C or SIGTERM: the check is aborted and no report is written).

Examples
  oscar-rest report maple/booking > booking-report.md
  oscar-rest report maple/booking --deep
`;

/** Resolved values of every secret of the integration, to redact; unresolvable ones are skipped. */
function secretsOf(refs: ReadonlyArray<SecretRef | undefined>, env: NodeJS.ProcessEnv): string[] {
	const values: string[] = [];
	for (const ref of refs) {
		if (ref === undefined || ref === '') continue;
		try {
			values.push(resolveSecret(ref, env));
		} catch {
			// Nothing to redact: the check reports the unresolvable reference (never its value).
		}
	}

	return values;
}

export default async function run(context: CommandContext): Promise<ExitName> {
	try {
		return await report(context);
	} catch (error) {
		throw toUserError(error);
	} finally {
		closeIdleConnections();
	}
}

async function report(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('report', context.argv, {
		deep: {type: 'boolean'},
		output: {type: 'string', short: 'o'},
		timeout: {type: 'string'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [id] = positionals;
	if (id === undefined || positionals.length > 1)
		throw new UserError('report needs one INSTANCE/NAME, e.g. oscar-rest report maple/booking');
	splitId(id);
	const timeoutMs = integerFlag('report', 'timeout', values.timeout, 10_000);
	const outputFile = values.output === undefined ? undefined : outputPath('report', values.output);

	const inventory: Inventory = loadInventory(openStore(context.configPath, context.stderr));
	const found = findIntegration(inventory, id);
	if (!found) throw new UserError(`report: no integration ${id}. See "oscar-rest list".`);
	const deep = values.deep === true;
	const state = new StateStore(context.configPath);
	const engine = createChecksEngine({
		inventory: () => inventory,
		resolveSecret: ref => resolveSecret(ref, context.env),
		// Proofs of configurations and authorization findings live with the recorded reports.
		previousReports: () => state.latest(),
		timeoutMs,
		onReports: recordHistory(state, context.stderr),
	});
	// Ctrl+C or SIGTERM: the same path as check's; the request is aborted and nothing is written.
	let interrupted = false;
	const stopListening = onInterrupt(() => {
		interrupted = true;
		engine.cancel();
	});
	try {
		await engine.check({ids: [id], deep});
	} finally {
		stopListening();
		engine.dispose();
	}

	if (interrupted) throw new UserError(`report: interrupted before the check of ${id} finished; no report was written.`, 'interrupted');

	const snapshot = engine.getSnapshot();
	const result = snapshot.results.get(id);
	if (!result) throw new UserError(`report: the check of ${id} did not complete.`, 'software');
	const {integration} = found;
	const secrets = [
		...secretsOf([integration.consumerSecret, integration.tokenSecret], context.env),
		...(integration.accessToken ? [integration.accessToken] : []),
	];
	const now = Date.now();
	const instanceReport = snapshot.instances.get(found.instance.name);
	let text = formatSupportReport(result, {
		...(instanceReport ? {instance: instanceReport} : {}),
		tool: {name: 'oscar-rest', version},
		now,
		...(state.brokenSince(id) === undefined ? {} : {brokenSince: state.brokenSince(id)}),
		secrets,
		fix: {
			id,
			baseUrl: found.instance.baseUrl,
			...(found.instance.dialect ? {dialect: found.instance.dialect} : {}),
			callbackPort: callbackPortFor(integration.uri),
			machine: thisMachine(context.env),
		},
	});
	if (!deep) {
		text += `\n_This report used the quick check. For the complete one (signed request-token call, proxy-URL probe, login page fingerprint) run \`oscar-rest report ${id} --deep\`._\n`;
	}

	// The formatter already redacts; this second pass also covers the note above and any future additions.
	text = redact(text, secrets);
	if (outputFile === undefined) {
		context.stdout.write(text);
	} else {
		await writeOutput('report', outputFile, () => {
			writeFileAtomic(outputFile, text);
		});
		context.stderr.write(`Wrote the support report for ${id} to ${outputFile}.\n`);
	}

	return 'ok';
}
