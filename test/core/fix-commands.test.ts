import {describe, expect, it} from 'vitest';
import {diagnosis} from '../../source/core/diagnoses.js';
import {fixCommands} from '../../source/core/fix-commands.js';

describe('fixCommands', () => {
	it('takes the commands of the fix steps in order, HOST, PORT, URL and FILE filled in', () => {
		const target = {baseUrl: 'https://clinic.example:8443/oscar', caFile: '/etc/ssl/clinic.pem'};
		expect(fixCommands(diagnosis('dns-not-found').fix, target)[0]).toBe('nslookup clinic.example');
		expect(fixCommands(['Run `nc -vz HOST PORT` or `curl -v URL`.', 'Then `ls -l FILE`.'], target)).toEqual([
			'nc -vz clinic.example 8443',
			'curl -v https://clinic.example:8443/oscar',
			'ls -l /etc/ssl/clinic.pem',
		]);
	});

	it('uses the default port of the scheme, keeps unknown placeholders, and finds no command in plain steps', () => {
		expect(fixCommands(['`nc -vz HOST PORT`'], {baseUrl: 'http://clinic.example/oscar'})).toEqual(['nc -vz clinic.example 80']);
		expect(fixCommands(['`ls -l FILE`'], {baseUrl: 'https://clinic.example/oscar'})).toEqual(['ls -l FILE']);
		expect(fixCommands(diagnosis('rest-module-off').fix, {baseUrl: 'https://clinic.example/oscar'})).toEqual([]);
	});
});
