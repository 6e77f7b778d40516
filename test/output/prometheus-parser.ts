/**
 * A strict parser of the Prometheus text exposition format (0.0.4), written for these tests:
 * validates every line's syntax, that HELP/TYPE come before a family's samples, that a family's
 * samples are contiguous, that no series appears twice, and unescapes label values.
 */
export interface Sample {
	readonly name: string;
	readonly labels: Readonly<Record<string, string>>;
	readonly value: number;
}

interface Parsed {
	readonly samples: Sample[];
	readonly help: Map<string, string>;
	readonly types: Map<string, string>;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const floatText = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/;

function parseValue(text: string, line: number): number {
	if (!floatText.test(text)) throw new Error(`line ${line}: bad value "${text}"`);
	if (text === '+Inf') return Number.POSITIVE_INFINITY;
	if (text === '-Inf') return Number.NEGATIVE_INFINITY;
	return Number(text);
}

function parseLabels(text: string, line: number): {labels: Record<string, string>; rest: string} {
	const labels: Record<string, string> = {};
	let index = 1; // after "{"
	for (;;) {
		if (text[index] === '}') return {labels, rest: text.slice(index + 1)};
		const equals = text.indexOf('=', index);
		if (equals === -1) throw new Error(`line ${line}: label without "="`);
		const name = text.slice(index, equals);
		if (!labelName.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
		if (name in labels) throw new Error(`line ${line}: label "${name}" twice`);
		if (text[equals + 1] !== '"') throw new Error(`line ${line}: label value not quoted`);
		let value = '';
		let cursor = equals + 2;
		for (; ; cursor++) {
			const char = text[cursor];
			if (char === undefined) throw new Error(`line ${line}: unterminated label value`);
			if (char === '"') break;
			if (char === '\n') throw new Error(`line ${line}: raw newline in label value`);
			if (char === '\\') {
				const next = text[++cursor];
				if (next === '\\') value += '\\';
				else if (next === '"') value += '"';
				else if (next === 'n') value += '\n';
				else throw new Error(`line ${line}: bad escape "\\${next ?? ''}"`);
			} else {
				value += char;
			}
		}

		labels[name] = value;
		index = cursor + 1;
		if (text[index] === ',') index++;
		else if (text[index] !== '}') throw new Error(`line ${line}: expected "," or "}" after a label`);
	}
}

export function parsePrometheus(text: string): Parsed {
	if (text.length > 0 && !text.endsWith('\n')) throw new Error('the text must end with a newline');
	const samples: Sample[] = [];
	const help = new Map<string, string>();
	const types = new Map<string, string>();
	const seriesSeen = new Set<string>();
	const familiesDone = new Set<string>();
	let currentFamily: string | undefined;
	const lines = text.split('\n').slice(0, -1);
	lines.forEach((raw, offset) => {
		const line = offset + 1;
		if (raw.trim() === '') return;
		const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
		if (meta) {
			const [, kind, name, rest] = meta as unknown as [string, string, string, string];
			if (!metricName.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
			if (samples.some(sample => sample.name === name)) throw new Error(`line ${line}: ${kind} for ${name} after its samples`);
			const map = kind === 'HELP' ? help : types;
			if (map.has(name)) throw new Error(`line ${line}: second ${kind} for ${name}`);
			if (kind === 'TYPE' && !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest))
				throw new Error(`line ${line}: bad type "${rest}"`);
			map.set(name, rest);
			return;
		}

		if (raw.startsWith('#')) return; // other comments are allowed
		const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
		if (!nameMatch) throw new Error(`line ${line}: no metric name in "${raw}"`);
		const name = nameMatch[0];
		let rest = raw.slice(name.length);
		let labels: Record<string, string> = {};
		if (rest.startsWith('{')) ({labels, rest} = parseLabels(rest, line));
		const parts = rest.split(' ');
		if (parts[0] !== '' || parts.length < 2 || parts.length > 3) throw new Error(`line ${line}: expected " value [timestamp]"`);
		const value = parseValue(parts[1]!, line);
		if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) throw new Error(`line ${line}: bad timestamp`);
		if (!help.has(name) || !types.has(name)) throw new Error(`line ${line}: sample of ${name} before its HELP and TYPE`);
		if (currentFamily !== name) {
			if (familiesDone.has(name)) throw new Error(`line ${line}: samples of ${name} are not contiguous`);
			if (currentFamily) familiesDone.add(currentFamily);
			currentFamily = name;
		}

		const key = `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;
		if (seriesSeen.has(key)) throw new Error(`line ${line}: duplicate series ${key}`);
		seriesSeen.add(key);
		samples.push({name, labels, value});
	});
	return {samples, help, types};
}
