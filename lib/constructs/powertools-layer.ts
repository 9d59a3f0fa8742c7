import { Stack } from 'aws-cdk-lib';
import { LayerVersion, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { IConstruct } from 'constructs';
import { powertoolsLayer } from '../bundling';

const LAYER_ID = 'PowertoolsLayer';

/**
 * The AWS-managed Powertools for AWS Lambda (TypeScript) layer, referenced once per stack.
 * The ARN is an SSM dynamic reference (a CloudFormation parameter of type
 * AWS::SSM::Parameter::Value<String>) resolved at deploy time in the stack's region: synth needs no
 * AWS account, and the pinned version cannot drift to a release the code was not tested with.
 * The layer is built for both x86_64 and arm64 (it holds JavaScript only).
 */
export function powertoolsLayerOf(scope: IConstruct): ILayerVersion {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(LAYER_ID) as ILayerVersion | undefined;
  if (existing) return existing;
  const arn = StringParameter.valueForStringParameter(stack, powertoolsLayer.ssmParameter);
  return LayerVersion.fromLayerVersionArn(stack, LAYER_ID, arn);
}
