/**
 * `oscar-rest simulator`: run the built-in OSCAR simulator on loopback until SIGINT/SIGTERM.
 * stdout's FIRST line names every instance's URL (or is the one JSON line with --json), so scripts
 * can read it and go; request logs go to stderr.
 */
import fs from 'node:fs';
import process from 'node:process';
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {
	type Fleet,
	type ScenarioName,
	type SimDialect,
	SimulatorError,
	describeSimulator,
	formatCredentials,
	parseFleet,
	scenarioNames,
	startSimulator,
	urlLine,
} from '../simulator/index.js';
import type {ExitName} from '../core/exit-codes.js';

const help = `Usage: oscar-rest simulator [--port N] [--fleet FILE] [--scenario NAME] [--dialect classic|carlos] [--json]

Run simulated OSCAR EMR servers on 127.0.0.1 (classic OSCAR/CXF or the CARLOS fork), with demo users,
REST clients and access tokens, reproducing the failures clinics hit in the field. Stops on Ctrl-C.

Options
  --port N          port for the plain-HTTP instances (default 0: any free port; TLS instances use the next ones)
  --fleet FILE      JSON fleet: {"instances": [{"name": "oscar", "contextPath": "/oscar", "scenario": "healthy"}]}
  --scenario NAME   scenario for instances that name none: ${scenarioNames.join(', ')}
  --dialect D       classic (default) or carlos, for instances that name none
  --json            print one JSON line with the URLs and credentials instead of text

The first line of output lists every instance's URL. The credentials printed are simulator demo values.
`;

function readFleet(file: string): Fleet {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UserError(
			`simulator: cannot read the fleet file ${file}${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}.`,
		);
	}

	try {
		return parseFleet(text, `fleet file ${file}`);
	} catch (error) {
		if (error instanceof SimulatorError) throw new UserError(`simulator: ${error.message}`);
		throw error;
	}
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
	return new Promise(resolve => {
		const onSignal = (signal: NodeJS.Signals) => {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			resolve(signal);
		};

		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	});
}

export default async function run(context: CommandContext): Promise<ExitName> {
	const parsed = parseCommandArgs('simulator', context.argv, {
		port: {type: 'string'},
		fleet: {type: 'string'},
		scenario: {type: 'string'},
		dialect: {type: 'string'},
		json: {type: 'boolean'},
	});
	const cli = {flags: parsed.values, input: parsed.positionals};
	if (parsed.help) {
		context.stdout.write(help);
		return 'ok';
	}

	if (cli.input.length > 0)
		throw new UserError(`simulator: unexpected argument "${cli.input[0]!}". Run "oscar-rest simulator --help" for the options.`);

	const port = integerFlag('simulator', 'port', cli.flags.port, 0, 0);
	if (port > 65_535) throw new UserError(`simulator: --port must be at most 65535, got ${port}.`);
	const scenario = cli.flags.scenario;
	if (scenario !== undefined && !scenarioNames.includes(scenario as ScenarioName)) {
		throw new UserError(`simulator: unknown scenario "${scenario}". Known scenarios: ${scenarioNames.join(', ')}.`);
	}

	const dialect = cli.flags.dialect;
	if (dialect !== undefined && dialect !== 'classic' && dialect !== 'carlos') {
		throw new UserError(`simulator: --dialect must be "classic" or "carlos", got "${dialect}".`);
	}

	const fleet = cli.flags.fleet === undefined ? undefined : readFleet(cli.flags.fleet);
	let simulator;
	try {
		simulator = await startSimulator({
			fleet,
			port,
			scenario: scenario as ScenarioName | undefined,
			dialect: dialect as SimDialect | undefined,
			log: line => context.stderr.write(`${line}\n`),
		});
	} catch (error) {
		if (error instanceof SimulatorError) throw new UserError(`simulator: ${error.message}`);
		throw error;
	}

	const signal = untilSignal();
	const description = describeSimulator(simulator);
	if (cli.flags.json) {
		context.stdout.write(`${JSON.stringify(description)}\n`);
	} else {
		context.stdout.write(`${urlLine(description)}\n`);
		context.stdout.write(formatCredentials(description));
		context.stdout.write('\nPress Ctrl-C to stop.\n');
	}

	const received = await signal;
	context.stderr.write(`oscar-rest simulator: ${received}, shutting down\n`);
	await simulator.close();
	return 'ok';
}
