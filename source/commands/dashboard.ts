/**
 * `oscar-rest` (no command): the interactive dashboard. Without a terminal it says so and names the
 * headless commands (exit 64) without loading Ink; the UI is imported only when a TTY is present.
 */
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {ConfigError, ConfigStore} from '../store/config-store.js';
import {StateStore} from '../store/state-store.js';
import {boundHeapGrowth} from './heap-tuning.js';
import type {Inventory} from '../core/model.js';
import type {IntegrationReport} from '../core/report.js';
import {prefersAscii} from '../core/terminal-charset.js';
import {resolveSecret} from '../store/secrets.js';
import type {ExitName} from '../core/exit-codes.js';
import {safeLine} from '../core/untrusted-text.js';
import {withoutFetch} from './without-fetch.js';

const help = `Usage: oscar-rest [dashboard] [--refresh SECONDS] [--check] [--ascii]

The interactive dashboard: every configured integration, its health, and the keys to check,
diagnose, fix and onboard them. Press ? inside for every key.

Options
  --refresh SECONDS   auto-refresh every SECONDS (turns auto-refresh on; t toggles it)
  --check             check every integration at start
  --ascii             draw ASCII only (automatic without a UTF-8 locale: LC_ALL, LC_CTYPE, LANG)

The terminal must be at least 60x20; 80x24 and larger show more columns.

Without a terminal use the headless commands: oscar-rest check, oscar-rest list, oscar-rest report.
`;

export default async function run(context: CommandContext): Promise<ExitName> {
	const parsed = parseCommandArgs('dashboard', context.argv, {
		refresh: {type: 'string'},
		check: {type: 'boolean'},
		ascii: {type: 'boolean'},
	});
	const cli = {flags: parsed.values, input: parsed.positionals};
	if (parsed.help) {
		context.stdout.write(help);
		return 'ok';
	}

	if (cli.input.length > 0)
		throw new UserError(`dashboard: unexpected argument "${cli.input[0]!}". Run "oscar-rest dashboard --help" for the options.`);

	const refreshSeconds = cli.flags.refresh === undefined ? undefined : integerFlag('dashboard', 'refresh', cli.flags.refresh, 60);

	if (context.stdout.isTTY !== true || context.stdin.isTTY !== true) {
		context.stderr.write(
			'oscar-rest: the dashboard needs a terminal (stdin and stdout must be a TTY).\n' +
				'Without one, use the headless commands: "oscar-rest check" (health, --json), "oscar-rest list" (inventory), ' +
				'"oscar-rest report" (support report). See "oscar-rest --help".\n',
		);
		return 'usage';
	}

	const store = new ConfigStore(context.configPath);
	let inventory: Inventory | undefined;
	try {
		inventory = store.load();
	} catch (error) {
		if (error instanceof ConfigError) {
			context.stderr.write(`oscar-rest: ${error.message}\n`);
			return 'config';
		}

		throw error;
	}

	const stateStore = new StateStore(context.configPath);
	const {createChecksEngine} = await import('../checks/engine.js');
	let current = inventory;
	// A save appends what changed (source/store/state-store.ts); gathering results for 2 s (and on
	// exit) still turns 100 progress batches of a big run into a few appends under the lock.
	let pending: IntegrationReport[] = [];
	let saveTimer: NodeJS.Timeout | undefined;
	const saveResults = () => {
		saveTimer = undefined;
		if (pending.length === 0) return;
		const batch = pending;
		pending = [];
		try {
			stateStore.record(batch);
		} catch (error: unknown) {
			context.stderr.write(
				`oscar-rest: could not save check results: ${safeLine(error instanceof Error ? error.message : String(error))}\n`,
			);
		}
	};

	const engine = createChecksEngine({
		inventory: () => current,
		resolveSecret: ref => resolveSecret(ref, context.env),
		// Proofs of configurations and authorization findings live with the recorded reports.
		previousReports: () => stateStore.latest(),
		// Progress at most 10 times a second: enough for the eye, cheap for the event loop.
		batchMs: 100,
		onReports(reports: readonly IntegrationReport[]) {
			pending.push(...reports);
			saveTimer ??= setTimeout(saveResults, 2000);
		},
	});

	// Lazy: only a terminal session pays for loading Ink and React (without building fetch: see without-fetch.ts).
	const {runDashboard} = await withoutFetch(async () => import('../app.js'));
	const ascii = prefersAscii(context.env, cli.flags.ascii === true);
	// ASCII mode: the theme draws ASCII, and the stream folds whatever else would reach the terminal.
	const stdout = ascii ? (await import('../ui/ascii-stream.js')).asciiOnly(context.stdout) : context.stdout;
	const {realWizardServices} = await import('../ui/onboarding/real-services.js');
	const {realAdminServices} = await import('../ui/admin/real-admin-services.js');
	// An OSCAR administrator's sessions (the admin view, the wizard's steps 4-8): logged in per use, never stored.
	const adminServices = realAdminServices({env: context.env});
	// A long-running process: memory matters more than a little garbage-collector time. Once the
	// first frame is out (render draws it synchronously): a smaller heap would slow the start.
	setImmediate(boundHeapGrowth);
	let end: Awaited<ReturnType<typeof runDashboard>>;
	try {
		end = await runDashboard(
			{
				// The dashboard reads the inventory when it mounts: it gets the one read above (parsed once).
				store: {
					load() {
						const loaded = inventory ?? store.load();
						inventory = undefined;
						return loaded;
					},
					update: mutate => store.update(mutate),
				},
				engine,
				stateStore,
				env: context.env,
				ascii,
				refreshSeconds,
				autoRefresh: refreshSeconds !== undefined,
				checkOnStart: cli.flags.check,
				onInventoryChange(next) {
					current = next;
					engine.bumpGeneration();
				},
				adminServices,
				// Real protocol for the wizard: probe, prove the pasted key/secret, authorize (steps 3, 8, 9).
				wizardServices: (instance, integration) =>
					realWizardServices(instance, integration, {
						env: context.env,
						admin: adminServices,
						// What the authorization proved and found, kept with the check results.
						recordAuthorization: report => stateStore.record([report]),
					}),
			},
			{stdout, stdin: context.stdin, stderr: context.stderr},
		);
	} finally {
		engine.dispose();
		clearTimeout(saveTimer);
		saveResults();
		// An admin session still open when the dashboard ended (quit mid-audit) is logged out first.
		await adminServices.settle();
	}

	// Results saved: a signal now ends the process as killed by it (the shell reports 128 + its number).
	if (end.kind === 'signal') end.reraise();
	return end.kind === 'quit' ? 'ok' : 'interrupted';
}
