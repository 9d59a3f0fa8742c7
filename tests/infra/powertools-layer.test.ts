import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { powertoolsLayer } from '../../lib/bundling';
import { synthNewswatch } from './synth';

const repo = process.cwd();
const versionOf = (pkg: string): string => JSON.parse(readFileSync(join(repo, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const parse = (v: string) => v.split('.').map(Number) as [number, number, number];
const compare = (a: string, b: string) => {
  const [x, y] = [parse(a), parse(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
/** The Powertools packages the handlers import (package.json dependencies). */
const powertoolsPackages = Object.keys(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).dependencies).filter((d) =>
  d.startsWith('@aws-lambda-powertools/'),
);

describe('Powertools layer on the functions', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(synthNewswatch().stateless);
  });

  it('attaches the AWS-managed Powertools layer, resolved from its public SSM parameter at deploy time, to every function', () => {
    // Prepare: the stack parameter CDK creates for the SSM dynamic reference
    const params = Object.entries(template.toJSON().Parameters as Record<string, { Type: string; Default: string }>);
    const layerParams = params.filter(([, p]) => p.Default === powertoolsLayer.ssmParameter);
    // Act
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    // Assess: one parameter, of the SSM type (offline synth, resolved in the deploy region), used by all four
    expect(layerParams).toHaveLength(1);
    expect(layerParams[0]![1].Type).toBe('AWS::SSM::Parameter::Value<String>');
    expect(functions).toHaveLength(4);
    for (const fn of functions) expect(fn.Properties.Layers).toEqual([{ Ref: layerParams[0]![0] }]);
  });

  it('pins the layer to the Powertools release the code is tested with: same major, the newest installed version', () => {
    const installed = powertoolsPackages.map(versionOf);
    expect(installed.length).toBeGreaterThan(0);
    for (const version of installed) {
      expect(parse(version)[0]).toBe(parse(powertoolsLayer.version)[0]);
      expect(compare(version, powertoolsLayer.version)).toBeLessThanOrEqual(0);
    }
    expect(installed.some((v) => v === powertoolsLayer.version)).toBe(true);
    expect(powertoolsLayer.ssmParameter).toBe(`/aws/service/powertools/typescript/generic/all/${powertoolsLayer.version}`);
  });
});
