import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The Powertools Tracer, told whether the environment is still cold: loaded on the first sampled
 * invocation (see LazyTracer), it would otherwise annotate that invocation ColdStart=true even when
 * earlier, unsampled ones ran before it. The package is imported here, dynamically, not at the top:
 * in an ES-module bundle that leaves packages external (the local runtime's), a static import of it
 * would be hoisted to the top of the file and load the X-Ray SDK at start after all.
 */
export async function createTracer(serviceName: string, coldStart: boolean): Promise<Tracer> {
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  class ProjectTracer extends Tracer {
    constructor() {
      super({ serviceName });
      if (!coldStart) this.coldStart = false;
    }
  }
  return new ProjectTracer();
}
