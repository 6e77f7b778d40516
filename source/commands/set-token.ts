/** `oscar-rest set-token INSTANCE/NAME --token T ...`: store an access token obtained elsewhere. */
import path from 'node:path';
import {type CommandContext, UserError} from './context.js';
import {integerFlag, parseCommandArgs} from './args.js';
import {openStore, toUserError, updateInventory} from './open-store.js';
import {readSecretLine} from './prompt.js';
import {updateIntegration} from '../core/inventory-ops.js';
import {validateAccessToken, validateLifetime, validatePlainText, validateSecretInput} from '../core/validate.js';
import {splitId} from './ids.js';
import type {ExitName} from '../core/exit-codes.js';

const help = `Usage: oscar-rest set-token INSTANCE/NAME --token TOKEN
         (--token-secret-env VAR | --token-secret-file PATH | token secret on stdin)
         [--issued-at EPOCH_SECONDS] [--lifetime N] [--provider PROVIDER]

Store an OAuth access token obtained outside this tool (another client, a colleague).
The token secret is stored as a reference, or inline in the 0600 config; it is never printed.

Examples
  printf '%s\\n' "$TOKEN_SECRET" | oscar-rest set-token maple/booking --token 7c2e9a... --lifetime -1
  oscar-rest set-token maple/kiosk --token 1f0e... --token-secret-env KIOSK_TOKEN_SECRET --issued-at 1767225600
`;

const options = {
	token: {type: 'string'},
	'token-secret-env': {type: 'string'},
	'token-secret-file': {type: 'string'},
	'issued-at': {type: 'string'},
	lifetime: {type: 'string'},
	provider: {type: 'string'},
} as const;

export default async function run(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help: wantsHelp} = parseCommandArgs('set-token', context.argv, options);
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [id] = positionals;
	if (id === undefined || positionals.length > 1) throw new UserError('set-token needs INSTANCE/NAME.');
	splitId(id);
	const token = values.token?.trim();
	if (!token) throw new UserError('set-token needs --token TOKEN.');
	if (/\s/.test(token)) throw new UserError('--token contains whitespace: paste the token alone.');
	if (values['token-secret-env'] !== undefined && values['token-secret-file'] !== undefined)
		throw new UserError('use --token-secret-env or --token-secret-file, not both.');

	let tokenSecret: string;
	try {
		if (values['token-secret-env'] !== undefined) tokenSecret = `env:${values['token-secret-env']}`;
		else if (values['token-secret-file'] !== undefined) tokenSecret = `file:${path.resolve(values['token-secret-file'])}`;
		else tokenSecret = validateSecretInput(await readSecretLine(context.stdin, context.stderr, 'token secret')).value;
	} catch (error) {
		throw toUserError(error);
	}

	const issuedAt =
		values['issued-at'] === undefined ? Math.floor(Date.now() / 1000) : integerFlag('set-token', 'issued-at', values['issued-at'], 0, 0);
	let lifetime: number | undefined;
	let provider: string | undefined;
	try {
		lifetime = values.lifetime === undefined ? undefined : validateLifetime(values.lifetime);
		provider = values.provider === undefined ? undefined : validatePlainText(values.provider, 'expectedProvider');
		validateAccessToken(token);
	} catch (error) {
		throw toUserError(error);
	}

	updateInventory(openStore(context.configPath, context.stderr), inventory =>
		updateIntegration(inventory, id, {
			accessToken: token,
			tokenSecret,
			issuedAt,
			...(lifetime === undefined ? {} : {lifetime}),
			...(provider ? {expectedProvider: provider} : {}),
		}),
	);
	context.stderr.write(`Stored the access token for ${id}. Check it with: oscar-rest check ${id}\n`);
	return 'ok';
}
