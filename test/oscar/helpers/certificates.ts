/**
 * Test certificates made with node-forge (keys from node:crypto, which is much faster): a CA and
 * leaves of the kinds clinics really run. Independent of the simulator's own generator.
 */
import {generateKeyPairSync, randomBytes} from 'node:crypto';
import forge from 'node-forge';

interface Leaf {
	readonly cert: string;
	readonly key: string;
}

export interface TestPki {
	readonly caPem: string;
	/** Signed by the CA, for 127.0.0.1 and localhost. */
	readonly valid: Leaf;
	/** Not from the CA: signs itself. */
	readonly selfSigned: Leaf;
	/** From the CA, validity ended yesterday. */
	readonly expired: Leaf;
	/** From the CA, issued for another host name. */
	readonly wrongHost: Leaf;
}

function keys(): {forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string} {
	const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048});
	const pem = privateKey.export({type: 'pkcs1', format: 'pem'}).toString();
	const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
	return {forgeKey, publicKey: forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e), pem};
}

function serial(): string {
	const bytes = randomBytes(12);
	bytes[0] = bytes[0]! & 0x7f;
	return bytes.toString('hex');
}

const day = 86_400_000;

export function createTestPki(): TestPki {
	const caKeys = keys();
	const ca = forge.pki.createCertificate();
	ca.publicKey = caKeys.publicKey;
	ca.serialNumber = serial();
	ca.validity.notBefore = new Date(Date.now() - day);
	ca.validity.notAfter = new Date(Date.now() + 365 * day);
	const caName = [{name: 'commonName', value: 'protocol-test CA'}];
	ca.setSubject(caName);
	ca.setIssuer(caName);
	ca.setExtensions([
		{name: 'basicConstraints', cA: true, critical: true},
		{name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true},
	]);
	ca.sign(caKeys.forgeKey, forge.md.sha256.create());

	const leafKeys = keys();
	const leaf = (options: {host: string; selfSigned?: boolean; expired?: boolean}): Leaf => {
		const cert = forge.pki.createCertificate();
		cert.publicKey = leafKeys.publicKey;
		cert.serialNumber = serial();
		cert.validity.notBefore = new Date(Date.now() - (options.expired ? 30 * day : day));
		cert.validity.notAfter = new Date(Date.now() + (options.expired ? -day : 30 * day));
		const subject = [{name: 'commonName', value: options.host}];
		cert.setSubject(subject);
		cert.setIssuer(options.selfSigned ? subject : ca.subject.attributes);
		const altNames =
			options.host === '127.0.0.1'
				? [
						{type: 7, ip: '127.0.0.1'},
						{type: 2, value: 'localhost'},
					]
				: [{type: 2, value: options.host}];
		cert.setExtensions([
			{name: 'basicConstraints', cA: false},
			{name: 'extKeyUsage', serverAuth: true},
			{name: 'subjectAltName', altNames},
		]);
		cert.sign(options.selfSigned ? leafKeys.forgeKey : caKeys.forgeKey, forge.md.sha256.create());
		return {cert: forge.pki.certificateToPem(cert), key: leafKeys.pem};
	};

	return {
		caPem: forge.pki.certificateToPem(ca),
		valid: leaf({host: '127.0.0.1'}),
		selfSigned: leaf({host: '127.0.0.1', selfSigned: true}),
		expired: leaf({host: '127.0.0.1', expired: true}),
		wrongHost: leaf({host: 'emr.other-clinic.example'}),
	};
}
