import {UserError} from './context.js';

/** Split `instance/integration`, with an error that shows the expected shape. */
export function splitId(id: string): {instance: string; integration: string} {
	const parts = id.split('/');
	if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
		throw new UserError(`"${id}" is not INSTANCE/INTEGRATION (for example maple/booking).`);
	}

	return {instance: parts[0]!, integration: parts[1]!};
}
