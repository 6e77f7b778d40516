/**
 * Who and where this machine is, for the `ssh -L PORT:127.0.0.1:PORT user@host` line a user runs on
 * their own computer so the browser's redirect reaches the callback here.
 */
import os from 'node:os';
import {sshForwardLine} from '../core/onboarding/remote-session.js';

export interface ThisMachine {
	readonly user?: string;
	readonly host?: string;
}

/** The login name (USER/LOGNAME, else the OS account) and this machine's host name. */
export function thisMachine(env: NodeJS.ProcessEnv = process.env): ThisMachine {
	let user = env.USER ?? env.LOGNAME;
	if (!user) {
		try {
			user = os.userInfo().username;
		} catch {
			user = undefined;
		}
	}

	const host = os.hostname();
	return {...(user ? {user} : {}), ...(host ? {host} : {})};
}

/**
 * The `ssh -L PORT:127.0.0.1:PORT user@host` line to run on the computer with the browser, with
 * this machine's user and host name (never a placeholder): the wizard and `connect` show the same.
 */
export function sshForwardLineHere(port: number, env: NodeJS.ProcessEnv = process.env, machine: ThisMachine = thisMachine(env)): string {
	return sshForwardLine(port, machine.host, {...env, ...(machine.user ? {USER: machine.user} : {})});
}
