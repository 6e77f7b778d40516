import {describe, expect, it} from 'vitest';
import {mergeModuleNames} from '../../../source/core/onboarding/module-names.js';
import {hostEmail, hostEmailText} from '../../../source/core/onboarding/host-email.js';
import {osc52, osc8} from '../../../source/core/onboarding/terminal-escapes.js';
import {callbackSatisfiesUri, restClientFields} from '../../../source/core/onboarding/rest-client-fields.js';
import {canOpenBrowser, isRemoteSession, sshForwardLine} from '../../../source/core/onboarding/remote-session.js';

describe('mergeModuleNames', () => {
	const table: Array<{existing: string; value: string; warn: RegExp | undefined; present: boolean}> = [
		{existing: '', value: 'REST', warn: undefined, present: false},
		{existing: 'Caisi', value: 'Caisi,REST', warn: undefined, present: false},
		{existing: 'ModuleNames=Caisi,ERx', value: 'Caisi,ERx,REST', warn: undefined, present: false},
		{existing: 'Caisi,REST', value: 'Caisi,REST', warn: undefined, present: true},
		{existing: 'Caisi, REST', value: 'Caisi,REST', warn: /does not trim/, present: true},
		{existing: 'ModuleNames = Caisi , ERx\n', value: 'Caisi,ERx,REST', warn: /does not trim/, present: false},
		{existing: 'ERx,,Caisi,', value: 'ERx,Caisi,REST', warn: /empty entries/, present: false},
		{existing: 'Caisi,Caisi', value: 'Caisi,REST', warn: /twice/, present: false},
		{existing: 'rest', value: 'rest,REST', warn: /case-sensitive/, present: false},
		{existing: 'REST,Caisi', value: 'REST,Caisi', warn: undefined, present: true},
	];
	for (const row of table) {
		it(`"${row.existing.replace('\n', '\\n')}" -> ModuleNames=${row.value}`, () => {
			const merged = mergeModuleNames(row.existing);
			expect(merged.value).toBe(row.value);
			expect(merged.line).toBe(`ModuleNames=${row.value}`);
			expect(merged.alreadyPresent).toBe(row.present);
			if (row.warn) expect(merged.warnings.join('\n')).toMatch(row.warn);
			else expect(merged.warnings).toEqual([]);
		});
	}

	it('adds another module than REST and refuses a non-name', () => {
		expect(mergeModuleNames('Caisi', 'ERx').value).toBe('Caisi,ERx');
		expect(() => mergeModuleNames('Caisi', 'A, B')).toThrow(/Not a module name/);
	});
});

describe('hostEmail', () => {
	it('names the instance URL, the exact line, the restart and a way to confirm', () => {
		const email = hostEmail({instanceName: 'clinic-a', baseUrl: 'https://emr.example.org:8443/oscar', existingModules: 'Caisi, ERx'});
		expect(email.subject).toContain('clinic-a');
		expect(email.body).toContain('https://emr.example.org:8443/oscar');
		expect(email.body).toContain('    ModuleNames=Caisi,ERx,REST\n');
		expect(email.body).toMatch(/restart Tomcat/);
		expect(email.body).toContain('https://emr.example.org:8443/oscar/ws/oauth/initiate');
		expect(email.warnings.join()).toMatch(/does not trim/);
		expect(hostEmailText(email)).toMatch(/^Subject: Enable the REST module/);
	});

	it('without the current line, asks to keep existing modules', () => {
		const email = hostEmail({instanceName: 'b', baseUrl: 'http://h/oscar'});
		expect(email.moduleLine).toBe('ModuleNames=REST');
		expect(email.body).toMatch(/keep them and add REST/);
	});
});

describe('terminal escapes', () => {
	it('osc52 base64-encodes the text', () => {
		const sequence = osc52('héllo\nworld', {});
		expect(sequence).toBe(`\u001B]52;c;${Buffer.from('héllo\nworld').toString('base64')}\u0007`);
	});

	it('osc52 inside tmux uses the DCS passthrough with doubled ESC', () => {
		const sequence = osc52('x', {TMUX: '/tmp/tmux-1/default,1,0'});
		expect(sequence.startsWith('\u001BPtmux;\u001B\u001B]52;c;eA==')).toBe(true);
		expect(sequence.endsWith('\u0007\u001B\\')).toBe(true);
	});

	it('osc8 wraps text in a hyperlink and strips control characters from both', () => {
		expect(osc8('https://a.example/x', 'open')).toBe('\u001B]8;;https://a.example/x\u001B\\open\u001B]8;;\u001B\\');
		expect(osc8('https://a/\u001B]52;c;AA\u0007', 'a\u0007b')).toBe('\u001B]8;;https://a/]52;c;AA\u001B\\ab\u001B]8;;\u001B\\');
	});
});

describe('REST client fields and the callback rule', () => {
	it('gives the admin page, the URI prefix and lifetime -1', () => {
		const fields = restClientFields({baseUrl: 'https://h:8443/oscar/', name: 'booking', port: 9001});
		expect(fields.adminUrl).toBe('https://h:8443/oscar/admin/api/clients.jsp');
		expect(fields.uri).toBe('http://127.0.0.1:9001');
		expect(fields.callback).toBe('http://127.0.0.1:9001/callback');
		expect(fields.lifetime).toBe(-1);
		expect(fields.lifetimeNote).toMatch(/blank.*0/);
		expect(callbackSatisfiesUri(fields.callback, fields.uri)).toEqual({ok: true});
	});

	const failures: Array<[string, string, RegExp]> = [
		['http://127.0.0.1:8765/callback', 'http://localhost:8765', /"localhost" and "127.0.0.1"/],
		['http://127.0.0.1:8765/callback', 'http://127.0.0.1:8765/callback/', /trailing "\/"/],
		['http://127.0.0.1:8765/callback', 'HTTP://127.0.0.1:8765', /upper\/lower case/],
		['http://127.0.0.1:8765/callback', 'http://127.0.0.1:8766', /Register "http:\/\/127.0.0.1:8765"/],
		['http://127.0.0.1:8765/callback', '', /blank/],
		['oob', 'http://127.0.0.1:8765', /"oob"/],
	];
	for (const [callback, uri, pattern] of failures) {
		it(`rejects "${callback}" against "${uri}" naming both`, () => {
			const check = callbackSatisfiesUri(callback, uri);
			expect(check.ok).toBe(false);
			if (check.ok) return;
			expect(check.message).toContain(`"${callback}"`);
			if (uri !== '') expect(check.message).toContain(`"${uri}"`);
			expect(check.message).toMatch(pattern);
		});
	}

	it('is a raw prefix test, like OSCAR', () => {
		expect(callbackSatisfiesUri('http://127.0.0.1:87650/x', 'http://127.0.0.1:8765').ok).toBe(true);
		expect(callbackSatisfiesUri('oob', 'oob').ok).toBe(true);
	});
});

describe('remote sessions', () => {
	it('detects SSH and headless Linux', () => {
		expect(isRemoteSession({SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 22', DISPLAY: ':0'}, 'linux')).toBe(true);
		expect(isRemoteSession({SSH_TTY: '/dev/pts/1'}, 'darwin')).toBe(true);
		expect(isRemoteSession({}, 'linux')).toBe(true);
		expect(isRemoteSession({WAYLAND_DISPLAY: 'wayland-0'}, 'linux')).toBe(false);
		expect(isRemoteSession({}, 'darwin')).toBe(false);
		expect(canOpenBrowser({DISPLAY: ':0'}, 'linux')).toBe(true);
		expect(canOpenBrowser({SSH_CLIENT: '1 2 3'}, 'win32')).toBe(false);
	});

	it('builds the ssh -L line from SSH_CONNECTION and USER', () => {
		expect(sshForwardLine(8765, undefined, {SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 22', USER: 'alice'})).toBe(
			'ssh -L 8765:127.0.0.1:8765 alice@10.0.0.5',
		);
		expect(sshForwardLine(9000, undefined, {SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 2222', LOGNAME: 'bob'})).toBe(
			'ssh -L 9000:127.0.0.1:9000 -p 2222 bob@10.0.0.5',
		);
		expect(sshForwardLine(8765, 'emr-box', {USER: 'alice'})).toBe('ssh -L 8765:127.0.0.1:8765 alice@emr-box');
		// A host name given: SSH_CONNECTION still says which port this machine's sshd listens on.
		expect(sshForwardLine(8765, 'emr-box', {SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 2222', USER: 'alice'})).toBe(
			'ssh -L 8765:127.0.0.1:8765 -p 2222 alice@emr-box',
		);
		expect(sshForwardLine(8765, 'emr-box', {SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 22', USER: 'alice'})).toBe(
			'ssh -L 8765:127.0.0.1:8765 alice@emr-box',
		);
		expect(sshForwardLine(8765, 'carol@emr-box', {USER: 'alice'})).toBe('ssh -L 8765:127.0.0.1:8765 carol@emr-box');
		expect(sshForwardLine(8765, undefined, {})).toBe('ssh -L 8765:127.0.0.1:8765 SERVER');
	});
});
