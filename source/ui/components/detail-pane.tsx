/**
 * The detail view of the selected row: the diagnosis from the catalogue, the evidence each probe
 * saw, timings, skew, what oauth/info said, numbered fix steps and the onboarding step to press f
 * for. Secrets show where they come from until `v` reveals them.
 */
import React from 'react';
import {Box, Text} from 'ink';
import type {Instance, Integration} from '../../core/model.js';
import type {InstanceReport, ProbeResult, Timings} from '../../core/report.js';
import {formatAgo, formatLatency, formatSkew, formatSpan, type ListItem} from '../../core/rows.js';
import {statusTheme} from '../../core/status-theme.js';
import {describeSecret} from '../../core/secret-refs.js';
import {fixContextFor, fixSteps} from '../../core/fix-steps.js';
import {thisMachine} from '../../onboarding/this-machine.js';
import {resolveSecret} from '../../store/secrets.js';
import {lookupDiagnosis} from '../diagnosis-lookup.js';
import {useTheme} from '../theme.js';

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
	/** First line to show (PgDn/PgUp scroll); clamped so the last page stays full. */
	readonly offset?: number;
}

type Line = {readonly text: string; readonly tone?: 'error' | 'warning' | 'success' | 'muted' | 'accent'; readonly bold?: boolean};

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

function probeLines(probes: readonly ProbeResult[]): Line[] {
	const lines: Line[] = [];
	for (const probe of probes) {
		const style = statusTheme[probe.severity];
		lines.push({text: `  ${style.icon} ${probe.probe}: ${probe.code}${probe.skipped ? ' (not sent)' : ''}`, tone: style.color === 'success' ? 'success' : style.color === 'error' ? 'error' : style.color === 'warning' ? 'warning' : 'muted'});
		for (const evidence of probe.evidence) lines.push({text: `      ${evidence.label}: ${evidence.value}`});
		const timings = formatTimings(probe.timings);
		if (timings) lines.push({text: `      timings: ${timings}`, tone: 'muted'});
	}

	return lines;
}

function secretLine(label: string, ref: string | undefined, reveal: boolean, env: NodeJS.ProcessEnv): Line {
	if (!reveal || !ref) return {text: `  ${label}: ${describeSecret(ref)}`};
	try {
		return {text: `  ${label}: ${resolveSecret(ref, env)}  (revealed: press v to hide)`, tone: 'warning'};
	} catch (error) {
		return {text: `  ${label}: cannot read: ${error instanceof Error ? error.message : String(error)}`, tone: 'error'};
	}
}

function instanceLines(instance: Instance, report: InstanceReport | undefined, now: number): Line[] {
	const lines: Line[] = [
		{text: `Instance ${instance.name}  ${instance.baseUrl}`, bold: true},
	];
	if (instance.insecureTls) lines.push({text: '⚠ TLS verification is DISABLED for this instance (untrusted connection)', tone: 'warning'});
	if (instance.caFile) lines.push({text: `CA file: ${instance.caFile}`});
	lines.push({text: `${instance.integrations.length} integrations, dialect ${instance.dialect ?? 'classic'}`});
	if (!report) {
		lines.push({text: 'Not checked yet: press c to check its integrations.', tone: 'muted'});
		return lines;
	}

	lines.push({text: `Checked ${formatAgo(report.checkedAt, now)}  REST module ${report.restModule}  clock skew ${report.skewSeconds === undefined ? 'unmeasured' : formatSkew(report.skewSeconds)}  latency ${formatLatency(report.latencyMs)}`});
	if (report.fingerprint) {
		const {title, buildTag, buildDate} = report.fingerprint;
		lines.push({text: `OSCAR: ${[title, buildTag, buildDate].filter(Boolean).join(', ')}`});
	}

	lines.push({text: 'Evidence:', bold: true}, ...probeLines(report.probes));
	return lines;
}

function integrationLines(instance: Instance, integration: Integration, item: Extract<ListItem, {kind: 'row'}>, now: number, reveal: boolean, env: NodeJS.ProcessEnv): Line[] {
	const {row} = item;
	const report = row.report;
	const lines: Line[] = [{text: `${row.id}  ${row.status.icon} ${row.status.word}${row.code ? `  ${row.code}` : ''}`, bold: true}];
	if (row.insecureTls) lines.push({text: '⚠ TLS verification is DISABLED for this instance (untrusted connection)', tone: 'warning'});
	const diagnosis = lookupDiagnosis(row.code);
	if (!report) {
		lines.push({text: 'Not checked yet: press c to check, d for a deep check.', tone: 'muted'});
	} else {
		lines.push({text: diagnosis ? `${diagnosis.title}: ${diagnosis.summary}` : report.summary});
		const broken = row.brokenSince === undefined ? '' : `  failing for ${formatSpan(now - row.brokenSince)}`;
		lines.push({text: `Checked ${formatAgo(report.checkedAt, now)} (${report.deep ? 'deep' : 'quick'})  latency ${formatLatency(report.latencyMs)}${broken}`, tone: 'muted'});
		const skew = report.skewSeconds === undefined ? 'unmeasured' : formatSkew(report.skewSeconds);
		lines.push({text: `Clock skew ${skew}  REST module ${report.restModule}  credentials ${report.credentials}  token ${report.token}`});
		const expiry = report.expiresAt === undefined ? 'unknown' : report.expiresAt === null ? 'never' : new Date(report.expiresAt * 1000).toISOString();
		if (report.identity) {
			const {providerNo, name, roles} = report.identity;
			lines.push({text: `oauth/info: acts as provider ${providerNo}${name ? ` (${name})` : ''}${roles && roles.length > 0 ? `, roles ${roles.join(', ')}` : ''}; token expires ${expiry}`});
		} else {
			lines.push({text: `oauth/info: no identity reported; token expires ${expiry}`, tone: 'muted'});
		}

		if (integration.expectedProvider) lines.push({text: `Expected provider: ${integration.expectedProvider}`});
		lines.push({text: 'Evidence:', bold: true}, ...probeLines(report.probes));
		if (diagnosis && row.severity !== 'ok') {
			if (diagnosis.causes.length > 0) lines.push({text: `Likely causes: ${diagnosis.causes.map(cause => (/[.!?]$/.test(cause) ? cause : `${cause}.`)).join(' ')}`});
			lines.push({text: 'Fix:', bold: true});
			// The catalogue's steps with this integration's real values (core/fix-steps.ts).
			const fix = fixSteps(diagnosis.code, fixContextFor({id: row.id, instance, integration, probes: report.probes, machine: thisMachine(env)}));
			fix.forEach((step, index) => lines.push({text: `  ${index + 1}. ${step}`}));
			if (diagnosis.step !== null) lines.push({text: `press f: onboarding step ${diagnosis.step}`, tone: 'accent', bold: true});
		}
	}

	lines.push({text: 'Credentials:', bold: true});
	lines.push({text: `  client key: ${integration.consumerKey}`});
	lines.push(secretLine('client secret', integration.consumerSecret, reveal, env));
	lines.push({text: `  access token: ${integration.accessToken ? integration.accessToken : 'not set'}`});
	lines.push(secretLine('token secret', integration.tokenSecret, reveal, env));
	if (!reveal) lines.push({text: '  (press v to reveal secrets)', tone: 'muted'});
	if (integration.uri) lines.push({text: `  registered URI: ${integration.uri}`});
	if (integration.tags.length > 0) lines.push({text: `  tags: ${integration.tags.join(', ')}`});
	return lines;
}

export function DetailPane({item, instance, integration, instanceReport, now, reveal, env, height, offset = 0}: DetailPaneProps) {
	const theme = useTheme();
	let lines: Line[];
	if (!item || !instance) {
		lines = [{text: 'Nothing selected.', tone: 'muted'}];
	} else if (item.kind === 'instance') {
		lines = instanceLines(instance, instanceReport ?? item.report, now);
	} else if (integration) {
		lines = integrationLines(instance, integration, item, now, reveal, env);
	} else {
		lines = [{text: `${item.row.id} is no longer configured.`, tone: 'muted'}];
	}

	let shown = lines;
	if (lines.length > height) {
		// One line for "more above/below" hints; PgDn/PgUp move by pages.
		const room = Math.max(1, height - 1);
		const start = Math.min(offset, Math.max(0, lines.length - room));
		const end = start + room;
		const hint = `${start > 0 ? `↑ ${start} lines above (PgUp)  ` : ''}${end < lines.length ? `↓ ${lines.length - end} more lines (PgDn)` : ''}`;
		shown = [...lines.slice(start, end), {text: hint, tone: 'muted'}];
	}

	return (
		<Box flexDirection="column">
			{shown.map((line, index) => (
				// Lines have no identity beyond their position in this render.
				<Text key={index} wrap="truncate" bold={line.bold} color={line.tone ? theme.color(line.tone) : undefined}>{line.text}</Text>
			))}
		</Box>
	);
}
