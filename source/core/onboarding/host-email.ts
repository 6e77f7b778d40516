/**
 * The step-3 e-mail to the hosting provider: enable the REST module and restart Tomcat.
 * Restates the template of OSCAR's "How to Authorize REST API Integration" page, with the exact
 * ModuleNames line (no spaces: OSCAR does not trim) and a way for the host to confirm it worked.
 */
import {mergeModuleNames} from './module-names.js';

interface HostEmailInput {
	/** The instance's name in the inventory, e.g. "clinic-a". */
	readonly instanceName: string;
	/** Normalized base URL, e.g. https://emr.example.org:8443/oscar. */
	readonly baseUrl: string;
	/** The current ModuleNames value or line, when the clinic knows it. */
	readonly existingModules?: string;
}

export interface HostEmail {
	readonly subject: string;
	readonly body: string;
	/** The ModuleNames line the e-mail asks for. */
	readonly moduleLine: string;
	readonly warnings: readonly string[];
}

export function hostEmail(input: HostEmailInput): HostEmail {
	const known = input.existingModules !== undefined && input.existingModules.trim() !== '';
	const merged = mergeModuleNames(known ? input.existingModules! : '', 'REST');
	const lineAdvice = known
		? [`Please change the ModuleNames line to exactly:`, '', `    ${merged.line}`, '']
		: [
				'Please make sure the ModuleNames line includes REST. If the line is absent or empty, it should read:',
				'',
				`    ${merged.line}`,
				'',
				'If it already lists other modules, please keep them and add REST at the end, for example',
				'"ModuleNames=Caisi,REST".',
				'',
			];
	const body = [
		'Hello,',
		'',
		`Please enable the REST API module on our OSCAR system at ${input.baseUrl}.`,
		'',
		'In the OSCAR properties file (the one Tomcat loads for this instance), the ModuleNames',
		'property is a comma-separated list of modules.',
		...lineAdvice,
		'Please use no spaces after the commas: OSCAR does not trim the names, so',
		'"ModuleNames=Caisi, REST" leaves REST disabled.',
		'',
		'Then restart Tomcat so the change takes effect.',
		'',
		'To confirm: after the restart,',
		`${input.baseUrl}/ws/oauth/initiate`,
		'should no longer answer "No service was found." (an HTTP 400 or 401 there is expected and fine).',
		'',
		'Thank you.',
		'',
	].join('\n');
	return {
		subject: `Enable the REST module on our OSCAR (${input.instanceName})`,
		body,
		moduleLine: merged.line,
		warnings: merged.warnings,
	};
}

/** Subject and body as one text, for the clipboard and the saved file. */
export function hostEmailText(email: HostEmail): string {
	return `Subject: ${email.subject}\n\n${email.body}`;
}
