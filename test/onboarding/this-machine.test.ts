/**
 * The ssh -L line the wizard and `connect` show over SSH: this machine's user and host name, never
 * a placeholder; the OS account when neither USER nor LOGNAME is set.
 */
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {sshForwardLineHere, thisMachine} from '../../source/onboarding/this-machine.js';

describe('sshForwardLineHere', () => {
	it.each([
		['USER', {USER: 'alice', SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 22'}, `ssh -L 8765:127.0.0.1:8765 alice@${os.hostname()}`],
		['LOGNAME', {LOGNAME: 'bob'}, `ssh -L 8765:127.0.0.1:8765 bob@${os.hostname()}`],
		['the OS account', {}, `ssh -L 8765:127.0.0.1:8765 ${os.userInfo().username}@${os.hostname()}`],
		[
			'sshd on 2222',
			{USER: 'alice', SSH_CONNECTION: '10.0.0.9 50000 10.0.0.5 2222'},
			`ssh -L 8765:127.0.0.1:8765 -p 2222 alice@${os.hostname()}`,
		],
	])('the user from %s and this host name', (_label, env, expected) => {
		expect(sshForwardLineHere(8765, env)).toBe(expected);
	});

	it('takes a machine already looked up (connect), and never prints SERVER', () => {
		expect(sshForwardLineHere(9000, {}, {user: 'carol', host: 'emr-box'})).toBe('ssh -L 9000:127.0.0.1:9000 carol@emr-box');
		expect(sshForwardLineHere(9000, {})).not.toContain('SERVER');
		expect(thisMachine({}).host).toBe(os.hostname());
	});
});
