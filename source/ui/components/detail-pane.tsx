/**
 * The detail view of the selected row, in the order a triager reads it: the diagnosis and its
 * likely causes, the numbered fix steps (and the onboarding step `f` opens), the failing evidence,
 * then what was checked; the passing evidence stays folded behind `E`. Every line is wrapped to the
 * pane's width (nothing to act on is cut), the pane scrolls with PgUp/PgDn, and everything a server
 * sent passes `safeLine` first. Secrets and the access token show masked until `v` reveals them.
 */
import React from 'react';
import type {Instance, Integration} from '../../core/model.js';
import {severityRank, type InstanceReport, type ProbeResult, type Timings} from '../../core/report.js';
import {formatAgo, formatLatency, formatSkew, formatSpan, type ListItem} from '../../core/rows.js';
import {safeLine} from '../../core/untrusted-text.js';
import {describeSecret} from '../../core/secret-refs.js';
import {fixContextFor, fixSteps} from '../../core/fix-steps.js';
import {thisMachine} from '../../onboarding/this-machine.js';
import {resolveSecret} from '../../store/secrets.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';
import {useTheme, type Theme} from '../theme.js';
import {lineText, lineWidth, plain, scrollWindow, wrapped, type StyledLine} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';

interface DetailPaneProps {
	readonly item: ListItem | undefined;
	/** The selected row's instance (or the selected instance). */
	readonly instance?: Instance;
	readonly integration?: Integration;
	readonly instanceReport?: InstanceReport;
	readonly now: number;
	readonly reveal: boolean;
	readonly env: NodeJS.ProcessEnv;
	readonly height: number;
	/** Cells per line. */
	readonly width: number;
	/** First line to show (PgDn/PgUp scroll); clamped so the last page stays full. */
	readonly offset?: number;
	/** `E`: list the probes that passed too (folded by default). */
	readonly showPassing?: boolean;
	/** Receives how far this layout scrolls, for the keys that scroll it (the reducer clamps to it). */
	readonly layout?: {current: DetailLayout | undefined};
}

/** The detail's last layout: the furthest offset that still shows a full last page. */
export interface DetailLayout {
	readonly maxOffset: number;
}

function formatTimings(timings: Timings | undefined): string | undefined {
	if (!timings) return undefined;
	const parts: string[] = [];
	const add = (label: string, value: number | undefined): void => {
		if (value !== undefined) parts.push(`${label} ${formatLatency(value)}`);
	};

	add('dns', timings.dns);
	add('tcp', timings.tcp);
	add('tls', timings.tls);
	add('first byte', timings.firstByte);
	add('total', timings.total);
	return parts.length > 0 ? parts.join(', ') : undefined;
}

/** What the detail lines need besides the data: the width and the theme's icons. */
interface Frame {
	readonly width: number;
	readonly theme: Theme;
}

const heading = (text: string): StyledLine => plain(text, {bold: true});

function probeLines(probes: readonly ProbeResult[], {width, theme}: Frame): StyledLine[] {
	const lines: StyledLine[] = [];
	for (const probe of probes) {
		const style = theme.status(probe.severity);
		lines.push(
			...wrapped(`${probe.probe}: ${safeLine(probe.code)}${probe.skipped ? ' (not sent)' : ''}`, width, {
				indent: `  ${style.icon} `,
				style: {color: style.color},
			}),
		);
		for (const evidence of probe.evidence) {
			lines.push(
				...wrapped(`${safeLine(evidence.label)}: ${safeLine(evidence.value)}`, width, {indent: '      ', continuation: '        '}),
			);
		}

		const timings = formatTimings(probe.timings);
		if (timings) lines.push(...wrapped(`timings: ${timings}`, width, {indent: '      ', continuation: '        ', style: {dim: true}}));
	}

	return lines;
}

/**
 * Failing probes in full, the one behind the diagnosis first (then by severity); the passing ones
 * folded to one line unless `E` opened them.
 */
function evidenceLines(probes: readonly ProbeResult[], code: string | null, showPassing: boolean, frame: Frame): StyledLine[] {
	const rank = (probe: ProbeResult): number => (probe.code === code ? -10 : -severityRank[probe.severity]);
	const failing = probes
		.filter(probe => probe.severity !== 'ok')
		.map((probe, index) => ({probe, index}))
		.sort((a, b) => rank(a.probe) - rank(b.probe) || a.index - b.index)
		.map(({probe}) => probe);
	const passing = probes.filter(probe => probe.severity === 'ok');
	const lines: StyledLine[] = [];
	if (failing.length > 0) lines.push(heading('Failing evidence:'), ...probeLines(failing, frame));
	if (passing.length === 0) return lines;
	const names = passing.map(probe => probe.probe).join(', ');
	if (showPassing) {
		lines.push(heading(`Passing evidence (E hides it):`), ...probeLines(passing, frame));
	} else {
		lines.push(
			...wrapped(`Passing evidence: ${passing.length} probe${passing.length === 1 ? '' : 's'} passed (${names}); E shows it`, frame.width, {
				style: {dim: true},
			}),
		);
	}

	return lines;
}

function secretLines(label: string, ref: string | undefined, reveal: boolean, env: NodeJS.ProcessEnv, width: number): StyledLine[] {
	if (!reveal || !ref) return wrapped(describeSecret(ref), width, {indent: `  ${label}: `, continuation: '    '});
	try {
		return wrapped(`${resolveSecret(ref, env)}  (revealed: press v to hide)`, width, {
			indent: `  ${label}: `,
			continuation: '    ',
			style: {color: 'warning'},
		});
	} catch (error) {
		return wrapped(`cannot read: ${error instanceof Error ? error.message : String(error)}`, width, {
			indent: `  ${label}: `,
			continuation: '    ',
			style: {color: 'error'},
		});
	}
}

/** The access token is a credential too: masked like the secrets until `v`, never in a screenshot by accident. */
function tokenLines(token: string | undefined, reveal: boolean, width: number): StyledLine[] {
	if (!token) return wrapped('not set', width, {indent: '  access token: '});
	if (!reveal) return wrapped('set (hidden)', width, {indent: '  access token: '});
	return wrapped(`${token}  (revealed: press v to hide)`, width, {
		indent: '  access token: ',
		continuation: '    ',
		style: {color: 'warning'},
	});
}

function instanceLines(instance: Instance, report: InstanceReport | undefined, now: number, frame: Frame): StyledLine[] {
	const {width, theme} = frame;
	const lines: StyledLine[] = [
		...wrapped(`Instance ${instance.name}  ${instance.baseUrl}`, width, {style: {bold: true}, continuation: '  '}),
	];
	if (instance.insecureTls)
		lines.push(
			...wrapped(`${theme.glyphs.warning} TLS verification is DISABLED for this instance (untrusted connection)`, width, {
				style: {color: 'warning'},
				continuation: '  ',
			}),
		);
	if (instance.caFile) lines.push(...wrapped(`CA file: ${instance.caFile}`, width, {continuation: '  '}));
	lines.push(...wrapped(`${instance.integrations.length} integrations, dialect ${instance.dialect ?? 'classic'}`, width));
	if (!report) {
		lines.push(...wrapped('Not checked yet: press c to check its integrations.', width, {style: {dim: true}}));
		return lines;
	}

	lines.push(
		...wrapped(
			`Checked ${formatAgo(report.checkedAt, now)}  REST module ${report.restModule}  clock skew ${report.skewSeconds === undefined ? 'unmeasured' : formatSkew(report.skewSeconds)}  latency ${formatLatency(report.latencyMs)}`,
			width,
			{continuation: '  '},
		),
	);
	if (report.fingerprint) {
		const {title, buildTag, buildDate} = report.fingerprint;
		lines.push(
			...wrapped(
				`OSCAR: ${[title, buildTag, buildDate]
					.filter(Boolean)
					.map(text => safeLine(text!))
					.join(', ')}`,
				width,
				{continuation: '  '},
			),
		);
	}

	lines.push(heading('Evidence:'), ...probeLines(report.probes, frame));
	return lines;
}

function integrationLines(
	instance: Instance,
	integration: Integration,
	item: Extract<ListItem, {kind: 'row'}>,
	now: number,
	options: {reveal: boolean; env: NodeJS.ProcessEnv; showPassing: boolean},
	frame: Frame,
): StyledLine[] {
	const {width, theme} = frame;
	const {row} = item;
	const report = row.report;
	const status = theme.status(row.checking ? 'checking' : (row.severity ?? 'unchecked'));
	const title: StyledLine = [
		{text: `${row.id}  `, bold: true},
		{text: `${status.icon} ${status.word}`, bold: true, color: status.color},
		...(row.code ? [{text: `  ${safeLine(row.code)}`, bold: true}] : []),
	];
	const lines: StyledLine[] =
		lineWidth(title) <= width ? [title] : wrapped(lineText(title), width, {style: {bold: true}, continuation: '  '});
	if (row.insecureTls)
		lines.push(
			...wrapped(`${theme.glyphs.warning} TLS verification is DISABLED for this instance (untrusted connection)`, width, {
				style: {color: 'warning'},
				continuation: '  ',
			}),
		);
	const diagnosis = lookupDiagnosis(row.code);
	if (!report) {
		lines.push(...wrapped('Not checked yet: press c to check, d for a deep check.', width, {style: {dim: true}}));
	} else {
		// What is wrong, why, and what to do, before any evidence.
		lines.push(...wrapped(diagnosis ? `${diagnosis.title}: ${diagnosis.summary}` : safeLine(report.summary), width));
		if (diagnosis && row.severity !== 'ok') {
			if (diagnosis.causes.length > 0) {
				const causes = diagnosis.causes.map(cause => (/[.!?]$/.test(cause) ? cause : `${cause}.`)).join(' ');
				lines.push(...wrapped(causes, width, {indent: 'Likely causes: ', continuation: '  ', indentStyle: {bold: true}}));
			}

			// The catalogue's steps with this integration's real values (core/fix-steps.ts).
			const fix = fixSteps(
				diagnosis.code,
				fixContextFor({id: row.id, instance, integration, probes: report.probes, machine: thisMachine(options.env)}),
			);
			if (fix.length > 0) lines.push(heading('Fix:'));
			fix.forEach((step, index) => lines.push(...wrapped(step, width, {indent: `  ${index + 1}. `})));
			if (diagnosis.step !== null)
				lines.push(...wrapped(`press f: onboarding step ${diagnosis.step}`, width, {style: {color: 'accent', bold: true}}));
		}

		lines.push(...evidenceLines(report.probes, row.code, options.showPassing, frame));
		const broken = row.brokenSince === undefined ? '' : `  failing for ${formatSpan(now - row.brokenSince)}`;
		lines.push(
			...wrapped(
				`Checked ${formatAgo(report.checkedAt, now)} (${report.deep ? 'deep' : 'quick'})  latency ${formatLatency(report.latencyMs)}${broken}`,
				width,
				{style: {dim: true}, continuation: '  '},
			),
		);
		const skew = report.skewSeconds === undefined ? 'unmeasured' : formatSkew(report.skewSeconds);
		lines.push(
			...wrapped(`Clock skew ${skew}  REST module ${report.restModule}  credentials ${report.credentials}  token ${report.token}`, width, {
				continuation: '  ',
			}),
		);
		const expiry =
			report.expiresAt === undefined ? 'unknown' : report.expiresAt === null ? 'never' : new Date(report.expiresAt * 1000).toISOString();
		if (report.identity) {
			const {providerNo, name, roles} = report.identity;
			const who = `${safeLine(providerNo)}${name ? ` (${safeLine(name)})` : ''}${roles && roles.length > 0 ? `, roles ${roles.map(role => safeLine(role)).join(', ')}` : ''}`;
			lines.push(...wrapped(`oauth/info: acts as provider ${who}; token expires ${expiry}`, width, {continuation: '  '}));
		} else {
			lines.push(...wrapped(`oauth/info: no identity reported; token expires ${expiry}`, width, {style: {dim: true}, continuation: '  '}));
		}
	}

	if (integration.expectedProvider)
		lines.push(...wrapped(`Expected provider: ${integration.expectedProvider}`, width, {continuation: '  '}));
	const {reveal, env} = options;
	lines.push(heading('Credentials:'));
	lines.push(...wrapped(integration.consumerKey, width, {indent: '  client key: ', continuation: '    ', breakAt: 'anywhere'}));
	lines.push(...secretLines('client secret', integration.consumerSecret, reveal, env, width));
	lines.push(...tokenLines(integration.accessToken, reveal, width));
	lines.push(...secretLines('token secret', integration.tokenSecret, reveal, env, width));
	if (!reveal) lines.push(...wrapped('(press v to reveal secrets)', width, {indent: '  ', style: {dim: true}}));
	if (integration.uri)
		lines.push(...wrapped(integration.uri, width, {indent: '  registered URI: ', continuation: '    ', breakAt: 'anywhere'}));
	if (integration.tags.length > 0) lines.push(...wrapped(integration.tags.join(', '), width, {indent: '  tags: ', continuation: '    '}));
	return lines;
}

/** Every line of the detail for one selection, wrapped to `width` (exported for tests and the height math). */
function detailLines(props: Omit<DetailPaneProps, 'height' | 'offset'>, theme: Theme): StyledLine[] {
	const {item, instance, integration, instanceReport, now, reveal, env, width} = props;
	const frame: Frame = {width, theme};
	if (!item || !instance) return [plain('Nothing selected.', {dim: true})];
	if (item.kind === 'instance') return instanceLines(instance, instanceReport ?? item.report, now, frame);
	if (!integration) return wrapped(`${item.row.id} is no longer configured.`, width, {style: {dim: true}});
	return integrationLines(instance, integration, item, now, {reveal, env, showPassing: props.showPassing === true}, frame);
}

export function DetailPane(props: DetailPaneProps) {
	const theme = useTheme();
	const lines = detailLines(props, theme);
	const view = scrollWindow(lines, props.height, props.offset ?? 0, theme.glyphs);
	if (props.layout) props.layout.current = {maxOffset: view.maxOffset};
	return <LineView lines={view.lines} />;
}
