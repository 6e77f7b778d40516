/** The onboarding domain (steps, progress, e-mail, paste checks, authorization flow), no UI. */
export * from './steps.js';
export * from './progress.js';
export * from './module-names.js';
export * from './host-email.js';
export * from './terminal-escapes.js';
export * from './rest-client-fields.js';
export * from './paste-checks.js';
export * from './pasted-callback.js';
export * from './remote-session.js';
export * from './oauth-legs.js';
export * from './authorize-flow.js';
export * from './oscar-legs.js';
export * from './auth-targets.js';
