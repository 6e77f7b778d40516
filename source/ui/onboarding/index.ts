/** The onboarding wizard overlay and its key table (for the dashboard's help overlay). */
export {OnboardingWizard} from './onboarding-wizard.js';
export {onboardingKeys} from './wizard-keys.js';
export type {WizardServices} from './wizard-services.js';
