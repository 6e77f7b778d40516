/** `oscar-rest add instance|integration ...`: validated with the same rules as the dashboard's forms. */
import path from 'node:path';
import {type CommandContext, UserError} from './context.js';
import {parseCommandArgs} from './args.js';
import {openStore, toUserError, updateInventory} from './open-store.js';
import {readSecretLine} from './prompt.js';
import {checkCaFile} from '../store/ca-file.js';
import {normalizeBaseUrl} from '../core/base-url.js';
import {addInstance, addIntegration} from '../core/inventory-ops.js';
import {
	ValidationError,
	validateCallback,
	validateConsumerKey,
	validateLifetime,
	validateName,
	validatePlainText,
	validateSecretInput,
} from '../core/validate.js';
import type {Dialect, Instance, Integration} from '../core/model.js';
import {splitId} from './ids.js';
import type {ExitName} from '../core/exit-codes.js';

const help = `Usage
  oscar-rest add instance NAME URL [--ca FILE] [--insecure-tls] [--dialect classic|carlos] [--notes TEXT]
  oscar-rest add integration INSTANCE/NAME --key KEY (--secret-env VAR | --secret-file PATH | secret on stdin)
      [--uri URI] [--callback URL] [--provider PROVIDER] [--lifetime N] [--tag TAG]...

URL is what you would type in a browser: "clinic.example.com/oscar", "https://host:8443/oscar/index.jsp".
The consumer secret is stored as a reference (env:VAR, file:PATH) or, when read from stdin or the
prompt, inline in the 0600 config file. It is never printed.

Options (instance)
  --ca FILE          PEM file of the CA that signed the clinic's certificate
  --insecure-tls     skip TLS verification (always shown as a warning; prefer --ca)
  --dialect D        classic (default) or carlos
Options (integration)
  --key KEY          the Client Key from OSCAR's REST Clients page
  --secret-env VAR   read the Client Secret from environment variable VAR at use
  --secret-file PATH read the Client Secret from PATH at use
  --uri URI          the URI registered on the REST Clients page
  --callback URL     the callback sent at initiate (must start with the URI)
  --provider P       the dedicated provider (providerNo or name) the token must act as
  --lifetime N       the REST client's token lifetime in seconds (-1 = never expires)
  --tag TAG          a tag for selectors (repeatable)

Examples
  oscar-rest add instance maple https://emr.maple.example/oscar --ca ./maple-ca.pem
  printf '%s\\n' "$SECRET" | oscar-rest add integration maple/booking --key 3f9a1c0b7d2e4f68 --lifetime -1
  oscar-rest add integration maple/kiosk --key 0c1d2e3f4a5b6c7d --secret-env KIOSK_SECRET --tag kiosk
`;

const options = {
	ca: {type: 'string'},
	'insecure-tls': {type: 'boolean'},
	dialect: {type: 'string'},
	notes: {type: 'string'},
	key: {type: 'string'},
	'secret-env': {type: 'string'},
	'secret-file': {type: 'string'},
	uri: {type: 'string'},
	callback: {type: 'string'},
	provider: {type: 'string'},
	lifetime: {type: 'string'},
	tag: {type: 'string', multiple: true},
} as const;

export default async function run(context: CommandContext): Promise<ExitName> {
	const {values, positionals, help: wantsHelp} = parseCommandArgs('add', context.argv, options);
	if (wantsHelp) {
		context.stdout.write(help);
		return 'ok';
	}

	const [kind, ...rest] = positionals;
	const store = openStore(context.configPath, context.stderr);
	if (kind === 'instance') {
		const [name, url] = rest;
		if (name === undefined || url === undefined || rest.length > 2)
			throw new UserError('add instance needs NAME and URL, e.g. oscar-rest add instance maple https://emr.maple.example/oscar');
		const instance = buildInstance(name, url, values);
		updateInventory(store, inventory => addInstance(inventory, instance));
		context.stderr.write(
			`Added instance ${instance.name} (${instance.baseUrl}).${instance.insecureTls ? ' WARNING: TLS verification is disabled for it.' : ''}\n`,
		);
		return 'ok';
	}

	if (kind === 'integration') {
		const [id] = rest;
		if (id === undefined || rest.length > 1)
			throw new UserError('add integration needs INSTANCE/NAME, e.g. oscar-rest add integration maple/booking --key KEY');
		const {instance, integration: name} = splitId(id);
		const integration = await buildIntegration(context, name, values);
		updateInventory(store, inventory => addIntegration(inventory, instance, integration));
		context.stderr.write(
			`Added integration ${instance}/${integration.name}. Next: authorize it with "oscar-rest connect ${instance}/${integration.name}" or the dashboard.\n`,
		);
		return 'ok';
	}

	throw new UserError(
		`add: say what to add: "instance" or "integration" (got ${kind === undefined ? 'nothing' : `"${kind}"`}). Run "oscar-rest add --help".`,
	);
}

type Values = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

function buildInstance(name: string, url: string, values: Values): Instance {
	try {
		const dialect = values.dialect ?? 'classic';
		if (dialect !== 'classic' && dialect !== 'carlos') throw new UserError(`--dialect must be classic or carlos, got "${dialect}".`);
		let caFile: string | undefined;
		if (values.ca !== undefined) {
			try {
				caFile = checkCaFile(validatePlainText(values.ca, 'caFile'));
			} catch (error) {
				if (error instanceof ValidationError) throw error;
				throw new UserError(`--ca: ${error instanceof Error ? error.message : String(error)}`);
			}
		}

		return {
			name: validateName(name, 'instance name'),
			baseUrl: normalizeBaseUrl(url),
			...(caFile ? {caFile} : {}),
			...(values['insecure-tls'] ? {insecureTls: true} : {}),
			...(dialect === 'carlos' ? {dialect: dialect as Dialect} : {}),
			...(values.notes ? {notes: validatePlainText(values.notes, 'notes')} : {}),
			integrations: [],
		};
	} catch (error) {
		throw toUserError(error);
	}
}

async function buildIntegration(context: CommandContext, name: string, values: Values): Promise<Integration> {
	if (values.key === undefined) throw new UserError("add integration needs --key KEY (the Client Key from OSCAR's REST Clients page).");
	if (values['secret-env'] !== undefined && values['secret-file'] !== undefined)
		throw new UserError('use --secret-env or --secret-file, not both.');
	try {
		const key = validateConsumerKey(values.key);
		for (const warning of key.warnings) context.stderr.write(`warning: ${warning}\n`);
		let consumerSecret: string;
		if (values['secret-env'] !== undefined) {
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(values['secret-env']))
				throw new UserError(`--secret-env needs an environment variable name, got "${values['secret-env']}".`);
			consumerSecret = `env:${values['secret-env']}`;
		} else if (values['secret-file'] !== undefined) {
			consumerSecret = `file:${path.resolve(values['secret-file'])}`;
		} else {
			const secret = validateSecretInput(await readSecretLine(context.stdin, context.stderr, 'Client Secret'));
			for (const warning of secret.warnings) context.stderr.write(`warning: ${warning}\n`);
			consumerSecret = secret.value;
		}

		const uri = values.uri === undefined ? undefined : validatePlainText(values.uri, 'uri');
		const callback = values.callback === undefined ? undefined : validateCallback(values.callback, uri);
		const provider = values.provider === undefined ? undefined : validatePlainText(values.provider, 'expectedProvider');

		return {
			name: validateName(name, 'integration name'),
			consumerKey: key.value,
			consumerSecret,
			...(uri ? {uri} : {}),
			...(callback ? {callback} : {}),
			...(provider ? {expectedProvider: provider} : {}),
			...(values.lifetime === undefined ? {} : {lifetime: validateLifetime(values.lifetime)}),
			tags: (values.tag ?? []).map(tag => validateName(tag, 'tag')),
		};
	} catch (error) {
		throw toUserError(error);
	}
}
