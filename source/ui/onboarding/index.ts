/** The onboarding wizard overlay and its key table (for the dashboard's help overlay). */
export {OnboardingWizard, type OnboardingWizardProps, type CredentialsPatch} from './onboarding-wizard.js';
export {onboardingKeys, fieldKeys, matchWizardKey, type WizardKeySpec, type WizardCommand, type WizardKeyContext} from './wizard-keys.js';
export type {WizardServices, RestModuleProbe, SavedToken} from './wizard-services.js';
export {stepStatusStyle} from './step-list.js';
