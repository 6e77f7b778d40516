export const generatedPath: string;
export function generateValidator(): Promise<string>;
