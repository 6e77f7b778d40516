/** The admin audit and one-step registration over OSCAR's REST Clients admin API (pure: the HTTP side is source/oscar/admin-session.ts). */
export * from './types.js';
export * from './errors.js';
export * from './names.js';
export * from './audit.js';
export * from './run-audit.js';
export * from './register.js';
export * from './inventory.js';
export * from './fix-command.js';
