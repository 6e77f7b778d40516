/**
 * The nine steps of OSCAR's "How to Authorize REST API Integration" procedure, as data.
 * The wizard, the diagnosis catalogue (`step` field) and `connect` all point at these ids.
 */
import type {OnboardingStep} from '../diagnoses.js';

export type StepId = OnboardingStep;

interface OnboardingStepInfo {
	readonly id: StepId;
	readonly title: string;
	/** Who acts: the clinic admin, the hosting provider, or this tool. */
	readonly who: string;
	/** What the person does, in short imperative lines. */
	readonly todo: readonly string[];
	/** What oscar-rest can verify for this step (empty: manual confirmation only). */
	readonly check: string;
	/** True when the tool can verify the step itself (the wizard offers a check, not only "done"). */
	readonly verifiable: boolean;
}

export const onboardingSteps: readonly OnboardingStepInfo[] = [
	{
		id: 1,
		title: 'Dedicated user',
		who: 'Clinic admin',
		todo: [
			'Create a provider record for this integration, named after it (booking app "ABCD" -> provider "ABCD").',
			'Create its security (login) record: username, password, PIN.',
			"One dedicated user per integration, so OSCAR's audit log shows which integration did what.",
		],
		check: 'After authorization (step 9): the token acts as this provider (oauth/info), not as a human user.',
		verifiable: true,
	},
	{
		id: 2,
		title: 'Roles',
		who: 'Clinic admin',
		todo: [
			'Assign roles to the dedicated provider.',
			'Most integrations need "doctor" as the primary role and "admin" as a secondary role.',
		],
		check: 'Manual confirmation; the provider type shows in oauth/info after step 9.',
		verifiable: false,
	},
	{
		id: 3,
		title: 'REST module',
		who: 'Hosting provider',
		todo: [
			'If Administration > Integrations shows no "REST" entry, or the server answers "No service was found.", REST is off.',
			'Ask the hosting provider to add REST to ModuleNames in the OSCAR properties file (keeping the modules already listed, no spaces) and restart Tomcat.',
			'Press c to copy the e-mail for them.',
		],
		check: 'Probe: 404 "No service was found." on /ws/oauth/initiate means the module is off.',
		verifiable: true,
	},
	{
		id: 4,
		title: 'Open REST Clients',
		who: 'Clinic admin',
		todo: ['In OSCAR: Administration > Integrations > REST Clients (the page below).'],
		check: 'The exact admin URL for this instance.',
		verifiable: false,
	},
	{
		id: 5,
		title: 'Add New',
		who: 'Clinic admin',
		todo: ['Click "Add New".'],
		check: '',
		verifiable: false,
	},
	{
		id: 6,
		title: 'Client fields',
		who: 'Clinic admin',
		todo: [
			"Name: the integration's name.",
			'URI: a prefix of the callback the integration sends (shown below).',
			'Lifetime: -1 (the token never expires).',
		],
		check: 'The exact name, URI and lifetime to type; the callback must start with the URI.',
		verifiable: true,
	},
	{
		id: 7,
		title: 'Add Client',
		who: 'Clinic admin',
		todo: ['Click "Add Client".'],
		check: '',
		verifiable: false,
	},
	{
		id: 8,
		title: 'Key and secret',
		who: 'Clinic admin',
		todo: [
			'OSCAR shows a Client Key and Client Secret in the table at the top of REST Clients.',
			'Paste both here (k for the key, s for the secret).',
		],
		check: 'Stray spaces and format are checked, then a signed request-token call proves the pair.',
		verifiable: true,
	},
	{
		id: 9,
		title: 'OAuth authorization',
		who: 'Clinic admin, with this tool',
		todo: [
			'Open the authorize URL in a NEW PRIVATE/INCOGNITO window.',
			"Log in with the DEDICATED user's credentials (step 1), then authorize.",
			'A browser already logged into OSCAR connects the integration as THAT user, which is wrong.',
		],
		check: 'The callback is caught, the verifier exchanged, and the connected identity compared with the dedicated user.',
		verifiable: true,
	},
];

/** The step's data; throws on an id outside 1-9 (a programming error, not user input). */
export function stepInfo(id: StepId): OnboardingStepInfo {
	const step = onboardingSteps.find(candidate => candidate.id === id);
	if (!step) throw new RangeError(`No onboarding step ${String(id)}.`);
	return step;
}

export const stepIds: readonly StepId[] = onboardingSteps.map(step => step.id);
