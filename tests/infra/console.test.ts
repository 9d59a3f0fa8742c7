import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthNewswatch } from './synth';

let template: Template;
let distributionId: string;

beforeAll(() => {
  const { stateless } = synthNewswatch();
  template = Template.fromStack(stateless);
  [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution')) as [string];
});

const resourcesOf = (type: string) => Object.values(template.findResources(type)) as { Properties: Record<string, any> }[];
const consoleOrigin = () => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] });

describe('console hosting', () => {
  it('keeps the files in a private, encrypted bucket that refuses plain HTTP', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(2);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('serves it through CloudFront with origin access control, HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [distribution] = resourcesOf('AWS::CloudFront::Distribution');
    const config = distribution?.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Origins[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(config.Logging).toBeDefined();
  });

  it('lets only this distribution read the bucket', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('adds a CSP without inline script and the security headers to every response', () => {
    const [policy] = resourcesOf('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(csp).toContain('connect-src');
    expect(csp).toContain('.execute-api.');
    expect(csp).not.toContain('unsafe-inline');
    expect(headers).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000 },
    });
    const [distribution] = resourcesOf('AWS::CloudFront::Distribution');
    expect(distribution?.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
  });

  it('uploads the console with a config.json naming the API, then refreshes CloudFront', () => {
    const [deployment] = resourcesOf('Custom::CDKBucketDeployment');
    expect(deployment?.Properties.DistributionPaths).toEqual(['/*']);
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(deployment?.Properties.SourceMarkers)).toContain('HttpApi');
  });
});

describe('the API seen from the console', () => {
  it('allows CORS for the console origin only, with the x-api-key header', () => {
    const [api] = resourcesOf('AWS::ApiGatewayV2::Api');
    expect(api?.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: [consoleOrigin()],
      AllowHeaders: ['content-type', 'x-api-key'],
      AllowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    });
  });

  it('outputs ConsoleUrl, the distribution address ending in /', () => {
    template.hasOutput('ConsoleUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] },
    });
  });
});
