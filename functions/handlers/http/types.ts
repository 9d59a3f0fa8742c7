import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What the authorizer passes on to the integration (simple response `context`). */
export interface AuthContext {
  keyId: string;
  scopes: string;
}

/** An HTTP API (payload v2) event after the shared chain: `parsedBody` holds the decoded JSON body. */
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthContext> & { parsedBody?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;
