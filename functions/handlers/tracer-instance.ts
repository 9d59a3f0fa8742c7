import { Tracer } from '@aws-lambda-powertools/tracer';
import type { TracerOptions } from '@aws-lambda-powertools/tracer/types';

/**
 * The Powertools Tracer, told whether the environment is still cold: loaded on the first sampled
 * invocation (see LazyTracer), it would otherwise annotate that invocation ColdStart=true even when
 * earlier, unsampled ones ran before it.
 */
class ProjectTracer extends Tracer {
  constructor(options: TracerOptions, coldStart: boolean) {
    super(options);
    if (!coldStart) this.coldStart = false;
  }
}

export function createTracer(serviceName: string, coldStart: boolean): Tracer {
  return new ProjectTracer({ serviceName }, coldStart);
}
