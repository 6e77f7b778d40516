/**
 * The admin view as lines wrapped to the width it gets: a title that stays on top, then per phase
 * the login form, the audit running, the report (each finding in the catalogue's shape: status
 * icon and word, code, what it is about, evidence, numbered fix, then the REST clients without
 * their secrets), or what went wrong. Everything a server sent passes safeLine (again: the core
 * already sanitized it where it was read). Pure: the component scrolls what this returns.
 */
import {type AuditFinding, type AuditReport, lifetimeText, plural} from '../../core/admin/index.js';
import type {Instance} from '../../core/model.js';
import {safeLine} from '../../core/untrusted-text.js';
import {findingCounts} from '../../output/admin-audit-text.js';
import {formLines} from '../components/form-view.js';
import type {Theme} from '../theme.js';
import {lineText, lineWidth, plain, wrapped, type StyledLine} from '../layout/lines.js';
import type {AdminFailure} from './admin-failure.js';
import type {AdminOverlay} from './admin-state.js';

export interface AdminLines {
	/** On top, never scrolled away. */
	readonly pinned: StyledLine[];
	/** The rest, scrolled within the space left. */
	readonly body: StyledLine[];
	/** The first body line of each finding (the report), so ↑↓ can scroll to one. */
	readonly starts: readonly number[];
	/** Body lines that must be in view (the focused login field and its error). */
	readonly focus?: {readonly start: number; readonly end: number};
}

const kept =
	'The login is used for this session only and never stored; the session lives in memory and is logged out when the audit ends. The audit only reads: nothing is changed on OSCAR.';

function dialectLabel(instance: Instance | undefined, report?: AuditReport): string {
	return (report?.dialect ?? instance?.dialect) === 'carlos' ? 'CARLOS' : 'classic OSCAR';
}

function titleLines(overlay: AdminOverlay, instance: Instance | undefined, width: number): StyledLine[] {
	const {view} = overlay;
	const report = view.phase === 'report' ? view.report : undefined;
	const where = `${dialectLabel(instance, report)}, ${report?.baseUrl ?? instance?.baseUrl ?? 'not configured'}`;
	const who = report ? ` as ${safeLine(report.adminUser)}` : '';
	return wrapped(`Admin audit of ${overlay.instance} (${where})${who}`, width, {style: {bold: true}, continuation: '  '});
}

function loginLines(
	overlay: Extract<AdminOverlay['view'], {phase: 'login'}>,
	width: number,
	theme: Theme,
): Omit<AdminLines, 'pinned' | 'starts'> {
	const intro = [...wrapped(kept, width, {style: {dim: true}}), []];
	const form = formLines(overlay.form, width, theme);
	return {body: [...intro, ...form.lines], focus: {start: intro.length + form.focusLine, end: intro.length + form.focusEnd}};
}

function workingLines(view: Extract<AdminOverlay['view'], {phase: 'working'}>, width: number, theme: Theme): StyledLine[] {
	const checking = theme.status('checking');
	const activity = view.activity === 'logging in' ? `logging in as ${safeLine(view.user)}` : view.activity;
	return [
		...wrapped(`${activity}${theme.glyphs.ellipsis}`, width, {indent: `${checking.icon} `, style: {color: checking.color}}),
		[],
		...wrapped(kept, width, {style: {dim: true}}),
	];
}

function evidenceLines(evidence: AdminFailure['evidence'] | AuditFinding['evidence'], width: number, indent: string): StyledLine[] {
	return evidence.flatMap(item =>
		wrapped(`${safeLine(item.label)}: ${safeLine(item.value)}`, width, {indent, continuation: `${indent}  `}),
	);
}

function failedLines(failure: AdminFailure, width: number, theme: Theme): StyledLine[] {
	const bad = theme.status('critical');
	const lines: StyledLine[] = [
		...wrapped(`${failure.headline} (${failure.code})`, width, {indent: `${bad.icon} `, style: {bold: true, color: bad.color}}),
		...wrapped(failure.message, width, {indent: '  '}),
	];
	if (failure.evidence.length > 0) lines.push(plain('Evidence:', {bold: true}), ...evidenceLines(failure.evidence, width, '  '));
	lines.push([], ...wrapped('Nothing of the login was kept, and no admin session is open.', width, {style: {dim: true}}));
	if (failure.retry) lines.push(...wrapped('r: log in again', width, {style: {color: 'accent', bold: true}}));
	return lines;
}

/** One finding: head line (cursor, icon, word, code), what it is about, evidence, fix. */
function findingLines(finding: AuditFinding, selected: boolean, width: number, theme: Theme): StyledLine[] {
	const style = theme.status(finding.severity);
	const head: StyledLine = [
		{text: selected ? `${theme.glyphs.cursor} ` : '  ', bold: true},
		{text: `${style.icon} ${style.word}`, bold: true, color: style.color},
		{text: `  ${safeLine(finding.code)}`, bold: true},
	];
	const lines: StyledLine[] =
		lineWidth(head) <= width ? [head] : wrapped(lineText(head), width, {style: {bold: true}, continuation: '    '});
	lines.push(...wrapped(safeLine(finding.summary), width, {indent: '    '}));
	lines.push(...evidenceLines(finding.evidence, width, '    '));
	if (finding.fix.length > 0) lines.push(plain('    Fix:', {bold: true}));
	finding.fix.forEach((step, index) =>
		lines.push(...wrapped(safeLine(step), width, {indent: `      ${index + 1}. `, continuation: '         '})),
	);
	if (finding.step !== null)
		lines.push(
			...wrapped(`Onboarding step ${finding.step} repairs it (o on the integration).`, width, {indent: '    ', style: {color: 'accent'}}),
		);
	return lines;
}

function clientLines(report: AuditReport, width: number): StyledLine[] {
	const lines: StyledLine[] = [plain('REST clients on OSCAR (secrets are never shown)', {bold: true})];
	if (report.clients.length === 0) return [...lines, ...wrapped('(none)', width, {indent: '  '})];
	for (const client of report.clients) {
		const lifetime = client.lifetime === null ? '(none)' : lifetimeText(client.lifetime);
		const used = client.usedBy.length === 0 ? 'no integration' : client.usedBy.join(', ');
		const text = `#${client.id} "${safeLine(client.name)}", key ${safeLine(client.key)}, URI ${client.uri === '' ? '(blank)' : safeLine(client.uri)}, lifetime ${lifetime}, ${plural(client.tokens, 'token')}, used by ${used}`;
		lines.push(...wrapped(text, width, {indent: '  ', continuation: '    '}));
	}

	return lines;
}

function reportLines(
	view: Extract<AdminOverlay['view'], {phase: 'report'}>,
	width: number,
	theme: Theme,
): {body: StyledLine[]; starts: number[]} {
	const {report} = view;
	const counts = `${findingCounts(report)} in ${plural(report.clients.length, 'REST client')} and ${plural(report.tokenCount, 'access token')}.`;
	const body: StyledLine[] = [
		...wrapped(counts, width),
		...wrapped('Logged out: nothing of the login was kept, nothing was changed on OSCAR.', width, {style: {dim: true}}),
		[],
	];
	const starts: number[] = [];
	report.findings.forEach((finding, index) => {
		starts.push(body.length);
		body.push(...findingLines(finding, index === view.selected, width, theme), []);
	});
	body.push(...clientLines(report, width));
	return {body, starts};
}

/** Every line of the admin view at `width`. */
export function adminLines(overlay: AdminOverlay, instance: Instance | undefined, width: number, theme: Theme): AdminLines {
	const pinned = titleLines(overlay, instance, width);
	const {view} = overlay;
	switch (view.phase) {
		case 'login': {
			return {pinned, starts: [], ...loginLines(view, width, theme)};
		}

		case 'working': {
			return {pinned, body: workingLines(view, width, theme), starts: []};
		}

		case 'report': {
			return {pinned, ...reportLines(view, width, theme)};
		}

		case 'failed': {
			return {pinned, body: failedLines(view.failure, width, theme), starts: []};
		}
	}
}
