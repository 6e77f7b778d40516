// `npm run media`: regenerate the README pictures in media/ from real renders of the built dashboard.
// The simulator's demo fleet (plus one unreachable clinic, as in `npm run demo`) gets a throw-away
// config; `dist/cli.js` runs in tmux at 100x30 with colours; each screen is captured with its SGR
// escapes and converted to an SVG terminal picture. Key presses wait for the screen they lead to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {demoConfigInventory, demoFleet, startSimulator} from '../dist/simulator/index.js';
import {ConfigStore} from '../dist/store/config-store.js';
import {ansiToSvg} from './media/ansi-to-svg.js';
import {startTmux} from './media/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mediaFolder = path.join(root, 'media');
const columns = 100;
const rows = 30;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-media-'));
const configPath = path.join(folder, 'config.json');
const simulator = await startSimulator({fleet: demoFleet(), log() {}});
let terminal;
try {
	new ConfigStore(configPath).update(() => demoConfigInventory(simulator));

	// CI=false: Ink draws live (with CI=true it draws nothing until exit). But chalk's supports-color
	// turns colour off whenever CI is set at all, so FORCE_COLOR=2 asks for the 256 colours that
	// TERM=xterm-256color offers. tmux sets TERM in the pane itself, hence `env TERM=...`.
	terminal = await startTmux(['env', 'TERM=xterm-256color', process.execPath, path.join(root, 'dist/cli.js'), '--config', configPath], {
		columns,
		rows,
		env: {CI: 'false', FORCE_COLOR: '2', HOME: folder, LANG: 'C.UTF-8'},
	});
	// Temp paths never reach a picture: the config shows as the default location would.
	const capture = async () =>
		(await terminal.screen({colour: true})).replaceAll(configPath, '~/.config/oscar-rest/config.json').replaceAll(folder, '~');
	const save = async (name, title) => {
		const file = path.join(mediaFolder, name);
		fs.writeFileSync(file, ansiToSvg(await capture(), {columns, rows, title}));
		process.stderr.write(`wrote ${path.relative(root, file)}\n`);
	};

	fs.mkdirSync(mediaFolder, {recursive: true});
	await terminal.waitFor(screen => screen.includes('integrations') && screen.includes('northside'));
	await terminal.send('R');
	await terminal.waitFor(
		screen => /last run: checked/.test(screen) && !/checking/i.test(screen.split('\n').slice(0, 3).join('\n')),
		60_000,
	);
	await save('dashboard.svg', 'oscar-rest — all integrations checked');

	await terminal.send('?');
	const help = await terminal.waitFor(screen => /^Keys \(\d/m.test(screen));
	await save('help.svg', 'oscar-rest — keys (?)');
	// Close the overlay and wait for the list to come back.
	await terminal.send('Escape');
	await terminal.waitFor(screen => screen !== help && screen.includes('last run: checked'));

	await terminal.send('/');
	await terminal.send('northside', {literal: true});
	await terminal.send('Enter');
	await terminal.waitFor(screen => screen.includes('filter "nor'));
	await terminal.send('Down');
	await terminal.waitFor(screen => /^›.*booking-app/m.test(screen));
	await terminal.send('Enter');
	await terminal.waitFor(screen => screen.includes('northside/booking-app') && screen.includes('rest-module-off'));
	await save('detail.svg', 'oscar-rest — diagnosis of northside/booking-app');

	// `f` jumps to the onboarding step that fixes the diagnosis (REST module off).
	await terminal.send('f');
	await terminal.waitFor(screen => /Onboarding northside \/ booking-app/.test(screen) && /Step \d+:/.test(screen));
	await save('onboarding.svg', 'oscar-rest — onboarding wizard, at the step that fixes it');

	await terminal.send('Escape');
	await terminal.send('q');
} finally {
	await terminal?.kill();
	await simulator.close();
	fs.rmSync(folder, {recursive: true, force: true});
}
