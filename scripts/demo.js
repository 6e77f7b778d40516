// `npm run demo`: start the built-in OSCAR simulator with the demo fleet (seven clinics, a mix of
// healthy and broken integrations), write a throw-away config for it, and open the dashboard on it.
// Nothing touches your real configuration; the temp folder is removed on exit. It starts from the
// built files when they are current (npm ci builds them once) and builds only when sources changed.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {ensureBuilt} from './build-stamp.js';

if (!ensureBuilt()) process.exit(1);
// Imported once dist/ is known to be current.
const {demoConfigInventory, demoFleet, startSimulator} = await import('../dist/simulator/index.js');
const {ConfigStore} = await import('../dist/store/config-store.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscar-rest-demo-'));
const configPath = path.join(folder, 'config.json');
const simulator = await startSimulator({fleet: demoFleet(), log() {}});
new ConfigStore(configPath).update(() => demoConfigInventory(simulator));

process.stderr.write(`Demo: simulator with ${simulator.instances.length} OSCAR instances; config ${configPath}\n`);
const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), '--config', configPath, '--check', ...process.argv.slice(2)], {
	stdio: 'inherit',
});
const finish = async code => {
	await simulator.close();
	fs.rmSync(folder, {recursive: true, force: true});
	process.exit(code ?? 0);
};

child.on('exit', code => {
	void finish(code);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		child.kill(signal);
	});
}
