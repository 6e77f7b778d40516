// A realistic state file: the reports of a real check of the fleet (already recorded by a run),
// recorded again 19 times at earlier check times, so every integration has 20 history entries, as a
// dashboard that has been refreshing for a while has.
import {StateStore} from '../../dist/store/state-store.js';

export function fillHistory(configPath, entries = 20) {
	const state = new StateStore(configPath);
	const latest = [...state.latest().values()];
	if (latest.length === 0) throw new Error(`no recorded results in the state of ${configPath}: run a check first`);
	for (let round = entries - 1; round >= 1; round--) {
		state.record(latest.map(report => ({...report, checkedAt: report.checkedAt - round * 60_000})));
	}

	return {integrations: latest.length, history: state.history(latest[0].id).length};
}
