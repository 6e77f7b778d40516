/**
 * The dashboard's rows kept between renders: a progress batch of a 10,000-integration check formats
 * the rows it finished, not 10,000 (the engine says which ids changed). Everything is rebuilt when
 * the inventory or the clock changes, or when the caller cannot say what changed.
 */
import type {Instance, Integration, Inventory} from './model.js';
import {integrationId} from './model.js';
import type {IntegrationReport} from './report.js';
import {buildRow, type Row} from './rows.js';

export interface RowCacheInput {
	readonly inventory: Inventory;
	/** The report to show for an integration (a fresh result, else the saved one). */
	readonly report: (id: string) => IntegrationReport | undefined;
	readonly inFlight: ReadonlySet<string>;
	readonly brokenSince?: (id: string, report: IntegrationReport | undefined) => number | undefined;
	/** Epoch ms. */
	readonly now: number;
	/** Ids whose report or in-flight state may differ since the previous call; undefined: any may. */
	readonly changed?: ReadonlySet<string>;
}

interface Position {
	readonly index: number;
	readonly instance: Instance;
	readonly integration: Integration;
}

export class RowCache {
	#inventory: Inventory | undefined;
	#now: number | undefined;
	#rows: readonly Row[] = [];
	#positions = new Map<string, Position>();
	#nameOrder: readonly number[] | undefined;

	/** The rows in inventory order; the same array when nothing changed, a new one when something did. */
	update(input: RowCacheInput): readonly Row[] {
		if (input.inventory !== this.#inventory) {
			this.#index(input.inventory);
		} else if (input.now === this.#now && input.changed !== undefined) {
			if (input.changed.size === 0) return this.#rows;
			const rows = [...this.#rows];
			for (const id of input.changed) {
				const position = this.#positions.get(id);
				if (position) rows[position.index] = this.#row(position, input);
			}

			this.#rows = rows;
			return rows;
		}

		this.#now = input.now;
		const rows: Row[] = [];
		for (const position of this.#positions.values()) rows.push(this.#row(position, input));
		this.#rows = rows;
		return rows;
	}

	/** Indexes of the rows sorted by instance, then integration: computed once per inventory. */
	nameOrder(): readonly number[] {
		this.#nameOrder ??= [...this.#positions.values()]
			.sort((a, b) => a.instance.name.localeCompare(b.instance.name) || a.integration.name.localeCompare(b.integration.name))
			.map(position => position.index);
		return this.#nameOrder;
	}

	#index(inventory: Inventory): void {
		this.#inventory = inventory;
		this.#nameOrder = undefined;
		this.#positions = new Map();
		for (const instance of inventory.instances) {
			for (const integration of instance.integrations) {
				this.#positions.set(integrationId(instance.name, integration.name), {index: this.#positions.size, instance, integration});
			}
		}
	}

	#row(position: Position, input: RowCacheInput): Row {
		const id = integrationId(position.instance.name, position.integration.name);
		const report = input.report(id);
		return buildRow(position.instance, position.integration, report, input.inFlight.has(id), input.brokenSince?.(id, report), input.now);
	}
}
