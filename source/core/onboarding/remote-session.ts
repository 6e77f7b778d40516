/**
 * Where the browser is, relative to the callback server. When oscar-rest runs on a server the
 * user reached by SSH, the browser (on the user's laptop) resolves 127.0.0.1 to the laptop: the
 * redirect only reaches the callback through an SSH port forward, or the user pastes it.
 */

/**
 * True in an SSH session (SSH_CONNECTION, SSH_CLIENT or SSH_TTY set), or on Linux/BSD without
 * a graphical session (neither DISPLAY nor WAYLAND_DISPLAY): no local browser can be launched.
 */
export function isRemoteSession(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
	if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY) return true;
	if (platform === 'darwin' || platform === 'win32') return false;
	return !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/** Whether trying to open a browser locally makes sense (else show the URL and the ssh -L hint). */
export function canOpenBrowser(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
	return !isRemoteSession(env, platform);
}

/**
 * The command to run ON THE USER'S LAPTOP so its 127.0.0.1:PORT reaches this machine's callback:
 * `ssh -L 8765:127.0.0.1:8765 user@host`. The host is `host` when given, else the server address
 * from SSH_CONNECTION ("client-ip client-port server-ip server-port"), else a placeholder; the user
 * comes from USER/LOGNAME; `-p` is added when the SSH server port (SSH_CONNECTION's) is not 22.
 */
export function sshForwardLine(port: number, host?: string, env: NodeJS.ProcessEnv = process.env): string {
	const [, , serverIp, serverPort] = (env.SSH_CONNECTION ?? '').trim().split(/\s+/);
	const target = host ?? serverIp ?? 'SERVER';
	const user = env.USER ?? env.LOGNAME;
	const portFlag = serverPort !== undefined && serverPort !== '22' ? ` -p ${serverPort}` : '';
	const destination = target.includes('@') || user === undefined ? target : `${user}@${target}`;
	return `ssh -L ${port}:127.0.0.1:${port}${portFlag} ${destination}`;
}
