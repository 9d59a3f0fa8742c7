import type { ApiError } from '../api';
import { ErrorState } from './states';

export function FormError({ error, feature }: { error?: ApiError; feature: string }) {
  return error ? <ErrorState error={error} feature={feature} /> : null;
}
