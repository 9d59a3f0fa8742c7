/** The stand-ins' region when AWS_REGION is not set (the contract's default). */
export const DEFAULT_REGION = 'us-east-1';

/** The local runtime's region: AWS_REGION when set to something, else DEFAULT_REGION (an empty value counts as unset). */
export function localRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION?.trim() || DEFAULT_REGION;
}
