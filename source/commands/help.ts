import type {CommandContext} from './context.js';
import type {ExitName} from '../core/exit-codes.js';

export const usage = `oscar-rest: connect third-party apps to OSCAR EMR's REST API and keep them healthy

Usage
  oscar-rest                         open the dashboard (needs a terminal)
  oscar-rest check [SELECTOR...]     check integrations headless (json, table, nagios, prometheus)
  oscar-rest exporter [SELECTOR...]  serve Prometheus metrics, checking on its own schedule (--shard K/N)
  oscar-rest list [--json]           list configured instances and integrations
  oscar-rest add instance NAME URL   add an OSCAR instance
  oscar-rest add integration I/NAME  add an integration (REST client) to an instance
  oscar-rest remove I[/NAME]         remove an instance or integration
  oscar-rest set-token I/NAME        store an access token obtained elsewhere
  oscar-rest import FILE             import instances and integrations (CSV or JSON)
  oscar-rest export                  export the inventory (secrets only with --include-secrets)
  oscar-rest report I/NAME           Markdown support report, secrets redacted
  oscar-rest call I/NAME PATH        one signed GET to a non-patient endpoint
  oscar-rest connect I/NAME          authorize an integration (OAuth 1.0a) without the dashboard
  oscar-rest admin audit I           audit OSCAR's REST clients and tokens (asks for an admin login)
  oscar-rest admin register I/NAME   create the REST client and store its key and secret (admin login)
  oscar-rest simulator               run the built-in OSCAR simulator on loopback

Global options
  --config PATH    config file (default: $XDG_CONFIG_HOME/oscar-rest/config.json; env OSCAR_REST_CONFIG)
  --help           help for any command
  --version        print the version
`;

export default async function run(context: CommandContext): Promise<ExitName> {
	context.stdout.write(usage);
	return 'ok';
}
