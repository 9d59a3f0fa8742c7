import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

import type { AuthContext } from '../../app/authorize';

export type { AuthContext };

/** An HTTP API (payload v2) event after the shared chain: `parsedBody` holds the decoded JSON body. */
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthContext> & { parsedBody?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;
