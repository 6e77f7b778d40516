/**
 * `oscar-rest check`: headless checks for cron and monitoring. Shares the checks engine with the
 * dashboard and never imports Ink. Exit codes follow the worst status (nagios scale), except
 * `--format json`, where a completed run exits 0 and the status is in the document.
 */
import {once} from 'node:events';
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {loadInventory, openStore, toUserError} from './open-store.js';
import {selectIntegrations} from '../core/inventory-ops.js';
import {createChecksEngine} from '../checks/engine.js';
import {StateStore} from '../store/state-store.js';
import {formatJsonChunks} from '../output/json.js';
import {formatTable} from '../output/table.js';
import {formatNagios} from '../output/nagios.js';
import {formatPrometheus, writeChunksAtomically} from '../output/prometheus.js';
import {exitNameForReports, type ExitName} from '../core/exit-codes.js';
import {cancelledReport} from '../core/cancelled-report.js';
import {parseIntegrationId} from '../core/inventory-ops.js';
import type {IntegrationReport} from '../core/report.js';
import {outputPath, writeOutput} from './output-file.js';
import {checkpointedHistory} from './history.js';
import {onInterrupt} from './interrupt.js';
import {shouldColor} from '../output/status-theme.js';
import {closeIdleConnections} from '../oscar/http.js';
import {version} from '../version.js';
import {resolveSecret} from '../store/secrets.js';
import {tuneHeapForRun} from './heap-tuning.js';

const help = `Usage: oscar-rest check [SELECTOR...] [options]

Check integrations without the dashboard. With no selector, everything is checked.
A quick check sends one unauthenticated request per instance and one signed oauth/info per
integration. It never sends the stored token when the clock skew is 240 s or more (or cannot be
measured), when the token's known lifetime has passed, or with a configuration not proven yet.

When a request token is created on the server (OSCAR deletes it unused within an hour): only
when a signed request-token call succeeds, that is
  - the first time a token is checked with a base URL, dialect, key and secret (and again after
    any of them changes, or after a key, secret or proxy finding): one call proves them before
    the token is sent; a proven configuration is remembered in the state file;
  - when oauth/info refuses the token (401/403), to isolate why (not again on later checks of
    the same failure);
  - with --deep, always.
A rejected request-token call creates nothing. A healthy, proven integration costs one
unauthenticated request per instance and one signed oauth/info, and creates nothing.

Selectors
  maple                 every integration of instance "maple"
  maple/booking         one integration
  tag:kiosk             integrations tagged "kiosk"
  'clinic-*/booking'    globs with * and ?

Options
  --format F        table (default), json, nagios or prometheus
  --json            same as --format json
  --deep            also prove the key and secret with a signed request-token call (creates a
                    request token on the server), probe the URL Tomcat sees and the login page
  --output FILE     write the result to FILE (prometheus: atomically, for node_exporter's textfile collector)
  --concurrency N   requests at once, all hosts together (default 16; at most 4 per host)
  --timeout MS      timeout per phase of each request (default 10000)
  --checkpoint S    during a long run, save the finished results to the history every S seconds
                    (default 30; 0: about every second); they are always saved at the end

Exit codes
  0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also bad arguments, unreadable config, an --output
  that cannot be written, internal failure).
  --format json: 0 whenever the run completed; read each integration's "status".
  130 interrupted (Ctrl+C or SIGTERM; 3 with --format nagios): the unfinished integrations are
  reported as "cancelled" and --output is left as it was (it only ever holds a completed run).

Examples
  oscar-rest check
  oscar-rest check maple --format nagios
  oscar-rest check --format prometheus --output /var/lib/node_exporter/textfile/oscar_rest.prom
  oscar-rest check tag:booking --json | jq '.integrations[] | select(.status != "ok")'
`;

const formats = ['table', 'json', 'nagios', 'prometheus'] as const;
type Format = (typeof formats)[number];

export default async function run(context: CommandContext): Promise<ExitName> {
	try {
		return await check(context);
	} catch (error) {
		// Bad arguments, unreadable configs and internal errors are UNKNOWN (3) for monitoring systems.
		const mapped = toUserError(error, 'unknown');
		if (mapped instanceof UserError) throw new UserError(mapped.message, 'unknown');
		throw new UserError(`internal error: ${mapped instanceof Error ? mapped.message : String(mapped)}`, 'unknown');
	} finally {
		// Keep-alive sockets would hold the process open for seconds after the output is written.
		closeIdleConnections();
	}
}

const defaultCheckpointSeconds = 30;

function withNewline(text: string): string {
	return text.endsWith('\n') ? text : `${text}\n`;
}

/** Write pieces to a stream, waiting whenever it asks to (a pipe to jq reads slower than we write). */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
	for (const chunk of chunks) {
		if (!stream.write(chunk)) await once(stream, 'drain');
	}
}

async function check(context: CommandContext): Promise<ExitName> {
	const {
		values,
		positionals,
		help: wantsHelp,
	} = parseCommandArgs('check', context.argv, {
		format: {type: 'string', short: 'f'},
		json: {type: 'boolean'},
		deep: {type: 'boolean'},
		output: {type: 'string', short: 'o'},
		concurrency: {type: 'string'},
		timeout: {type: 'string'},
		checkpoint: {type: 'string'},
	});
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const format = (values.json ? 'json' : (values.format ?? 'table')) as Format;
	if (!formats.includes(format)) throw new UserError(`check: --format must be one of ${formats.join(', ')}, got "${format}".`);
	if (values.json && values.format !== undefined && values.format !== 'json')
		throw new UserError('check: --json and --format disagree; use one.');
	const concurrency = integerFlag('check', 'concurrency', values.concurrency, 16);
	const timeoutMs = integerFlag('check', 'timeout', values.timeout, 10_000);
	const checkpointSeconds = integerFlag('check', 'checkpoint', values.checkpoint, defaultCheckpointSeconds, 0);
	// Checked before any request is sent: a run whose result cannot be saved is not worth starting.
	const outputFile = values.output === undefined ? undefined : outputPath('check', values.output, 'unknown');

	const inventory = loadInventory(openStore(context.configPath, context.stderr), 'unknown');
	const ids = selectIntegrations(inventory, positionals);
	if (ids.length === 0) {
		throw new UserError(
			positionals.length === 0
				? 'no integrations configured. Add one with "oscar-rest add instance" and "oscar-rest add integration", or "oscar-rest import FILE".'
				: `no integrations match ${positionals.join(' ')}.`,
		);
	}

	tuneHeapForRun();
	const state = new StateStore(context.configPath);
	// Results are saved once at the end, plus a checkpoint every 30 s of a long run: one append of
	// N reports, not one per progress batch.
	const history = checkpointedHistory(state, context.stderr, checkpointSeconds * 1000);
	const engine = createChecksEngine({
		inventory: () => inventory,
		resolveSecret: ref => resolveSecret(ref, context.env),
		// Proofs of configurations and authorization findings live with the recorded reports.
		previousReports: () => state.latest(),
		concurrency,
		perHostConcurrency: Math.min(4, concurrency),
		timeoutMs,
		// Nobody watches progress here: batch rarely (the reports still arrive in order).
		batchMs: 1000,
		onReports: reports => {
			history.add(reports);
		},
	});
	// Ctrl+C and SIGTERM take one path: stop every request, then report what finished and what did not.
	let interruptedAt: number | undefined;
	const stopListening = onInterrupt(() => {
		interruptedAt = Date.now();
		engine.cancel();
	});
	try {
		await engine.check({ids, deep: values.deep === true});
	} finally {
		stopListening();
		// An interrupted run keeps what it finished; the cancelled ones are not history.
		history.flush();
	}

	const snapshot = engine.getSnapshot();
	engine.dispose();
	const interrupted = interruptedAt !== undefined;
	const reports: IntegrationReport[] = [];
	for (const id of ids) {
		const finished = snapshot.results.get(id);
		if (finished) {
			reports.push(finished);
		} else if (interrupted) {
			const {instance, integration} = parseIntegrationId(id)!;
			reports.push(
				cancelledReport({
					instance,
					integration,
					deep: values.deep === true,
					at: interruptedAt!,
					instanceReport: snapshot.instances.get(instance),
				}),
			);
		}
	}

	const now = Date.now();
	let chunks: Iterable<string>;
	let exit: ExitName;
	switch (format) {
		case 'json': {
			// In pieces: 10,000 integrations are never one document in memory.
			chunks = formatJsonChunks(reports, {generatedAt: now, tool: {name: 'oscar-rest', version}, instances: snapshot.instances});
			exit = 'ok';
			break;
		}

		case 'nagios': {
			const result = formatNagios(reports);
			chunks = [withNewline(result.text)];
			exit = result.exit;
			break;
		}

		case 'prometheus': {
			chunks = [withNewline(formatPrometheus(reports, {now, instances: snapshot.instances}))];
			exit = exitNameForReports(reports);
			break;
		}

		default: {
			const stream = outputFile === undefined ? context.stdout : {isTTY: false};
			chunks = [withNewline(formatTable(reports, {color: shouldColor(stream, context.env), now}))];
			exit = exitNameForReports(reports);
		}
	}

	if (interrupted) {
		const cancelled = reports.filter(report => report.code === 'cancelled' && !snapshot.results.has(report.id)).length;
		// node_exporter (or whoever reads --output) keeps the last COMPLETED run: a partial one never replaces it.
		if (outputFile === undefined) await writeChunks(context.stdout, chunks);
		context.stderr.write(
			`Check interrupted: ${cancelled} of ${reports.length} integration(s) did not finish and are reported as cancelled (UNKNOWN).` +
				`${outputFile === undefined ? '' : ` ${outputFile} was not replaced: it keeps the last completed run.`}\n`,
		);
		return format === 'nagios' ? 'unknown' : 'interrupted';
	}

	if (outputFile === undefined) {
		await writeChunks(context.stdout, chunks);
	} else {
		await writeOutput('check', outputFile, async () => writeChunksAtomically(outputFile, chunks), 'unknown');
		context.stderr.write(`Wrote ${format} results for ${reports.length} integration(s) to ${outputFile}.\n`);
	}

	return exit;
}
