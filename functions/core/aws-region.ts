/** The local stand-ins' region when AWS_REGION is not set (the contract's default). */
export const DEFAULT_REGION = 'us-east-1';

/**
 * The local runtime's region, as `serve` starts it and the CLI looks for it: AWS_REGION when set to
 * something, else DEFAULT_REGION (an empty value counts as unset).
 */
export function localRegion(env: Record<string, string | undefined>): string {
  return env.AWS_REGION?.trim() || DEFAULT_REGION;
}
