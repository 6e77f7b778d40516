// Placeholder so the scripts folder is linted until the real scripts land.
export {};
