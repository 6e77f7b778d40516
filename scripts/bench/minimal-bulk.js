// The baseline process for headless bulk checks: the fleet from a JSON file (what the CLI reads from
// its config), then exactly the engine's quick-check requests with got and the project's signing,
// under the same limits (16 global, 4 per host), FIFO. No diagnosis, no reports, no state: the floor.
// Usage: node minimal-bulk.js FLEET.json. Prints {"unexpected": N, "retries": N}.
import fs from 'node:fs';
import process from 'node:process';
import {minimalBulkCheck} from './minimal-client.js';

const inventory = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const result = await minimalBulkCheck(inventory, {concurrency: 16, perHost: 4});
process.stdout.write(`${JSON.stringify(result)}\n`);
