// Preloaded with `node --import` into every process the bench times (the CLI and the baselines):
// at exit it writes the process's own CPU time (user + system), peak RSS and wall time since the
// process began to the file named by BENCH_USAGE_FILE. Both sides of a pair carry this same cost.
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import process from 'node:process';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
	process.on('exit', () => {
		const usage = process.resourceUsage();
		fs.writeFileSync(
			file,
			JSON.stringify({
				cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
				maxRssBytes: usage.maxRSS * 1024,
				wallMs: performance.now(),
			}),
		);
	});
}
