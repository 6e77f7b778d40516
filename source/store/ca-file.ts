/**
 * A CA file given for an instance (`add instance --ca FILE`, the dashboard's instance form): it must
 * exist, be readable and hold at least one PEM certificate, or every TLS check of the instance would
 * fail later with a less obvious error. One rule for every path that accepts one.
 */
import fs from 'node:fs';
import path from 'node:path';

const pemCertificate = /-----BEGIN (?:TRUSTED |X509 )?CERTIFICATE-----[\s\S]+?-----END (?:TRUSTED |X509 )?CERTIFICATE-----/;

/** Files larger than this are not CA bundles (a whole system bundle is about 250 KB). */
const maxBytes = 5 * 1024 * 1024;

/** The absolute path of a usable CA file; throws an Error whose message says what is wrong with it. */
export function checkCaFile(file: string, cwd = process.cwd()): string {
	const absolute = path.resolve(cwd, file);
	let stat: fs.Stats;
	try {
		stat = fs.statSync(absolute);
	} catch {
		throw new Error(`CA file ${absolute} does not exist.`);
	}

	if (!stat.isFile()) throw new Error(`CA file ${absolute} is not a file.`);
	if (stat.size > maxBytes)
		throw new Error(`CA file ${absolute} is ${Math.round(stat.size / 1024 / 1024)} MiB: that is not a PEM certificate file.`);
	let text: string;
	try {
		text = fs.readFileSync(absolute, 'utf8');
	} catch (error) {
		throw new Error(`CA file ${absolute} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
	}

	if (!pemCertificate.test(text)) {
		throw new Error(
			`CA file ${absolute} holds no PEM certificate (-----BEGIN CERTIFICATE-----): convert a DER file with "openssl x509 -inform der -in FILE -out ca.pem".`,
		);
	}

	return absolute;
}
